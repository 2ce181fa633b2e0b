package com.incident.agent;

import com.incident.agent.core.ModelBudget;
import com.incident.agent.core.Pricing;
import com.incident.agent.core.WorkflowSettings;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.config.Env;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.RemediationMode;
import com.incident.notify.ChatSettings;
import java.time.Duration;

/**
 * agent-runtime's environment, parsed once at init.
 *
 * @param gatewayTokens the app client whose client_credentials token the agent presents to the gateway (the
 *     {@code COGNITO_*} variables, the same client as alarm-trigger's)
 * @param auth the user pool whose access tokens callers of the Function URL must present
 * @param chat the Slack and Discord destinations told of each step (none by default)
 */
public record Config(
    String gatewayUrl,
    ClientCredentialsTokens.Settings gatewayTokens,
    String incidentTable,
    String functionName,
    String region,
    String modelId,
    String bedrockRegion,
    String bedrockEndpoint,
    int modelMaxAttempts,
    Duration retryBaseDelay,
    Duration safetyMargin,
    Duration sessionTtl,
    AnalysisRateLimit.Limits rateLimits,
    WorkflowSettings workflow,
    CognitoJwtVerifier.Settings auth,
    ModelBudget.Limits budget,
    String firstPassModelId,
    Pricing firstPassPricing,
    double escalationConfidence,
    ChatSettings chat) {

  /** Claude Haiku 4.5 on Bedrock (on-demand) at the time of writing: the first pass's default price. */
  static final Pricing HAIKU = new Pricing(1.0, 5.0, 0.10, 1.25);

  /** A plan needs a few minutes for a person to read; after a day the cluster it describes is history. */
  static final int MIN_APPROVAL_EXPIRY_MINUTES = 5;
  static final int MAX_APPROVAL_EXPIRY_MINUTES = 1440;

  public static final String DEFAULT_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  /** How long the client secret read from SSM is trusted before it is read again (rotation takes effect). */
  public static final Duration SECRET_CACHE_TTL = Duration.ofMinutes(5);
  /** A gateway call lasts at most a tool timeout; two minutes of validity left is ample for any of them. */
  private static final Duration TOKEN_REFRESH_BEFORE = Duration.ofMinutes(2);
  private static final Duration TOKEN_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  public static Config from(Env env) {
    WorkflowSettings d = WorkflowSettings.defaults();
    WorkflowSettings workflow = new WorkflowSettings(
        env.intValue("MAX_TURNS", d.maxTurns()),
        env.intValue("MAX_OUTPUT_TOKENS", d.maxOutputTokens()),
        env.intValue("MAX_INPUT_TOKENS", (int) d.maxInputTokens()),
        env.intValue("EVIDENCE_MINUTES", d.evidenceMinutes()),
        env.intValue("METRIC_PERIOD_SECONDS", d.periodSeconds()),
        env.optional("LOG_INDEX", d.logIndex()),
        env.intValue("LOG_HOURS", d.logHours()),
        env.optional("ERROR_GROUP_BY", d.errorGroupBy()),
        env.flag("DATADOG_ENABLED", d.datadogEnabled()),
        env.list("EXCLUDE_NAMESPACES", d.excludeNamespaces()),
        Duration.ofSeconds(env.intValue("TOOL_TIMEOUT_SECONDS", (int) d.toolTimeout().toSeconds())),
        Duration.ofSeconds(env.intValue("FINAL_RESERVE_SECONDS", (int) d.finalReserve().toSeconds())),
        env.intValue("RECOVERY_CHECKS", d.recoveryChecks()),
        Duration.ofSeconds(env.intValue("RECOVERY_INTERVAL_SECONDS", (int) d.recoveryInterval().toSeconds())),
        new Pricing(
            price(env.optional("PRICE_INPUT_PER_MTOK", null), d.pricing().inputPerMTok(), "PRICE_INPUT_PER_MTOK"),
            price(env.optional("PRICE_OUTPUT_PER_MTOK", null), d.pricing().outputPerMTok(), "PRICE_OUTPUT_PER_MTOK"),
            price(env.optional("PRICE_CACHE_READ_PER_MTOK", null), d.pricing().cacheReadPerMTok(), "PRICE_CACHE_READ_PER_MTOK"),
            price(env.optional("PRICE_CACHE_WRITE_PER_MTOK", null), d.pricing().cacheWritePerMTok(), "PRICE_CACHE_WRITE_PER_MTOK")),
        env.optional("LOGS_CONSOLE_URL", null))
        .withRemediationMode(RemediationMode.parse(env.optional("REMEDIATION_MODE", null)))
        .withMonitoredNamespaces(env.list("MONITORED_NAMESPACES", d.monitoredNamespaces()))
        .withApprovalExpiry(Duration.ofMinutes(env.intValue("APPROVAL_EXPIRY_MINUTES", (int) d.approvalExpiry().toMinutes())));
    if (workflow.maxTurns() < 1 || workflow.maxTurns() > 30) {
      throw new IllegalStateException("MAX_TURNS must be between 1 and 30, got " + workflow.maxTurns());
    }
    long expiry = workflow.approvalExpiry().toMinutes();
    if (expiry < MIN_APPROVAL_EXPIRY_MINUTES || expiry > MAX_APPROVAL_EXPIRY_MINUTES) {
      throw new IllegalStateException("APPROVAL_EXPIRY_MINUTES must be between " + MIN_APPROVAL_EXPIRY_MINUTES + " and "
          + MAX_APPROVAL_EXPIRY_MINUTES + ", got " + expiry);
    }
    return new Config(
        env.required("GATEWAY_URL"),
        ClientCredentialsTokens.Settings.from(env, TOKEN_REQUEST_TIMEOUT, TOKEN_REFRESH_BEFORE),
        env.required("INCIDENT_TABLE"),
        env.optional("AGENT_FUNCTION_NAME", env.optional("AWS_LAMBDA_FUNCTION_NAME", null)),
        env.optional("AWS_REGION", "us-east-1"),
        env.optional("MODEL_ID", DEFAULT_MODEL),
        env.optional("BEDROCK_REGION", env.optional("AWS_REGION", "us-east-1")),
        env.optional("BEDROCK_ENDPOINT", null),
        env.intValue("MODEL_MAX_ATTEMPTS", 3),
        Duration.ofMillis(env.intValue("MODEL_RETRY_BASE_MS", 500)),
        Duration.ofSeconds(env.intValue("DEADLINE_SAFETY_SECONDS", 15)),
        Duration.ofDays(env.intValue("SESSION_TTL_DAYS", 7)),
        AnalysisRateLimit.Limits.from(env),
        workflow,
        CognitoJwtVerifier.Settings.from(env),
        new ModelBudget.Limits(env.intValue("BUDGET_MAX_INPUT_TOKENS", (int) ModelBudget.Limits.DEFAULT.maxInputTokens()),
            price(env.optional("BUDGET_MAX_USD", null), ModelBudget.Limits.DEFAULT.maxUsd(), "BUDGET_MAX_USD")),
        env.optional("FIRST_PASS_MODEL_ID", null),
        new Pricing(
            price(env.optional("FIRST_PASS_PRICE_INPUT_PER_MTOK", null), HAIKU.inputPerMTok(), "FIRST_PASS_PRICE_INPUT_PER_MTOK"),
            price(env.optional("FIRST_PASS_PRICE_OUTPUT_PER_MTOK", null), HAIKU.outputPerMTok(), "FIRST_PASS_PRICE_OUTPUT_PER_MTOK"),
            HAIKU.cacheReadPerMTok(), HAIKU.cacheWritePerMTok()),
        price(env.optional("ESCALATION_MIN_CONFIDENCE", null), 0.6, "ESCALATION_MIN_CONFIDENCE"),
        ChatSettings.from(env));
  }

  private static double price(String raw, double fallback, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Environment variable " + name + " must be a number, got '" + raw + "'");
    }
  }
}
