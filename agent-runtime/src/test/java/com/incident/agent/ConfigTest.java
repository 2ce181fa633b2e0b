package com.incident.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import com.incident.common.incident.AnalysisRateLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final Map<String, String> MINIMAL = Map.of("GATEWAY_URL", "https://gw.example/mcp",
      "INCIDENT_TABLE", "incidents", "AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", "agent-fn",
      "COGNITO_TOKEN_URL", "https://pool.auth.us-east-1.amazoncognito.com/oauth2/token",
      "COGNITO_CLIENT_ID", "m2m-client", "COGNITO_SCOPE", "incident-api/invoke",
      "COGNITO_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
      "COGNITO_REQUIRED_SCOPE", "incident-api/invoke", "COGNITO_ALLOWED_CLIENT_IDS", "m2m-client");

  @Test
  void callersAreVerifiedAgainstThePoolTheVerifierVariablesName() {
    Config c = Config.from(Env.of(MINIMAL));

    assertThat(c.auth().issuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI");
    assertThat(c.auth().requiredScope()).isEqualTo("incident-api/invoke");
  }

  @Test
  void defaultsAreProductionSafe() {
    Config c = Config.from(Env.of(MINIMAL));

    assertThat(c.functionName()).isEqualTo("agent-fn");
    assertThat(c.modelId()).isEqualTo(Config.DEFAULT_MODEL);
    assertThat(c.bedrockRegion()).isEqualTo("us-east-1");
    assertThat(c.modelMaxAttempts()).isEqualTo(3);
    assertThat(c.workflow().maxTurns()).isEqualTo(8);
    assertThat(c.workflow().finalReserve()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.workflow().datadogEnabled()).isFalse();
    assertThat(c.gatewayTokens().clientId()).isEqualTo("m2m-client");
    assertThat(c.gatewayTokens().secretParameter()).isEqualTo("/app/incident/cognito/client-secret");
    assertThat(c.gatewayTokens().scope()).isEqualTo("incident-api/invoke");
  }

  @Test
  void theGatewayTokenClientIsRequiredAndItsUrlChecked() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.remove("COGNITO_CLIENT_ID");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("COGNITO_CLIENT_ID");
    env.put("COGNITO_CLIENT_ID", "m2m-client");
    env.put("COGNITO_TOKEN_URL", "pool.auth/oauth2/token");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("COGNITO_TOKEN_URL");
  }

  @Test
  void theRateLimitDefaultsAreAlarmTriggers() {
    Config c = Config.from(Env.of(MINIMAL));
    assertThat(c.rateLimits()).as("alarm-trigger's defaults").isEqualTo(new AnalysisRateLimit.Limits(3, 10));
  }

  @Test
  void theRateLimitIsReadFromTheTriggersVariables() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("RATE_LIMIT_PER_ALARM_PER_HOUR", "2");
    env.put("RATE_LIMIT_GLOBAL_PER_HOUR", "20");
    assertThat(Config.from(Env.of(env)).rateLimits()).isEqualTo(new AnalysisRateLimit.Limits(2, 20));

    env.put("RATE_LIMIT_GLOBAL_PER_HOUR", "0");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("RATE_LIMIT_GLOBAL_PER_HOUR");
  }

  @Test
  void overridesAreReadAndNonsenseIsRejectedAtInit() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("MAX_TURNS", "4");
    env.put("PRICE_INPUT_PER_MTOK", "1.5");
    env.put("EXCLUDE_NAMESPACES", "kube-system, istio-system");
    assertThat(Config.from(Env.of(env)).workflow().monitoredNamespaces()).containsExactly("default");
    env.put("MONITORED_NAMESPACES", "shop,payments");
    Config c = Config.from(Env.of(env));
    assertThat(c.workflow().monitoredNamespaces()).containsExactly("shop", "payments");
    assertThat(c.workflow().maxTurns()).isEqualTo(4);
    assertThat(c.workflow().pricing().inputPerMTok()).isEqualTo(1.5);
    assertThat(c.workflow().excludeNamespaces()).containsExactly("kube-system", "istio-system");

    env.put("MAX_TURNS", "0");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("MAX_TURNS");
    env.put("MAX_TURNS", "8");
    env.put("PRICE_OUTPUT_PER_MTOK", "cheap");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("PRICE_OUTPUT_PER_MTOK");
    assertThatThrownBy(() -> Config.from(Env.of(Map.of()))).hasMessageContaining("GATEWAY_URL");
  }

  @Test
  void remediationModeIsReadOnceAndABadValueFailsTheInit() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    assertThat(Config.from(Env.of(env)).workflow().remediationMode()).isEqualTo(com.incident.common.incident.RemediationMode.AUTO);
    env.put("REMEDIATION_MODE", "dry-run");
    assertThat(Config.from(Env.of(env)).workflow().remediationMode()).isEqualTo(com.incident.common.incident.RemediationMode.DRY_RUN);
    env.put("REMEDIATION_MODE", "false");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessage("REMEDIATION_MODE must be auto, dry-run, approval or off, got 'false'");
  }

  @Test
  void theApprovalWindowDefaultsToAnHourAndNonsenseFailsTheInit() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    assertThat(Config.from(Env.of(env)).workflow().approvalExpiry()).isEqualTo(Duration.ofMinutes(60));
    env.put("APPROVAL_EXPIRY_MINUTES", "15");
    assertThat(Config.from(Env.of(env)).workflow().approvalExpiry()).isEqualTo(Duration.ofMinutes(15));
    env.put("APPROVAL_EXPIRY_MINUTES", "0");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessage("APPROVAL_EXPIRY_MINUTES must be between 5 and 1440, got 0");
    env.put("APPROVAL_EXPIRY_MINUTES", "an hour");
    assertThatThrownBy(() -> Config.from(Env.of(env))).hasMessageContaining("APPROVAL_EXPIRY_MINUTES");
  }
}
