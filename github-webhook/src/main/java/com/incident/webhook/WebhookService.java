package com.incident.webhook;

import com.incident.common.agent.AgentClient;
import com.incident.common.agent.AgentRejectedException;
import com.incident.common.agent.StartFailedException;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.InputLimits;
import com.incident.common.incident.IssueCommand;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import com.incident.store.DeliveryClaim;
import com.incident.store.DeliveryOutcome;
import com.incident.store.Incident;
import com.incident.store.IncidentStore;
import com.incident.store.Plan;
import com.incident.webhook.core.CommandParser;
import com.incident.webhook.core.CommandSessionIds;
import com.incident.webhook.core.CommentEvent;
import com.incident.webhook.core.MalformedPayloadException;
import com.incident.webhook.core.Signature;
import com.incident.webhook.core.WebhookResult;
import com.incident.webhook.core.WebhookResult.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook delivery, in this order: the signature over the raw body (nothing is read before it holds), the
 * event and action, the repository and author, the command, the incident that owns the issue, the delivery claim
 * (a conditional write on {@code X-GitHub-Delivery}, so a redelivery never acts twice), and the agent request.
 * Every answer names its reason; GitHub shows it under the webhook's Recent Deliveries. GitHub never redelivers
 * on its own, so a failed forward (5xx) is retried only when a person clicks Redeliver, and the claim lets exactly
 * that retry through.
 */
public final class WebhookService {
  public static final String ACTOR = "github-webhook";
  /** An issue_comment payload carries at most two 65,536-character bodies; far below the Function URL's 6 MB. */
  static final int MAX_BODY_BYTES = 1024 * 1024;
  /** GitHub's delivery ids are GUIDs; anything else cannot be a dedup key. */
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
  private static final String DELIVERY_KEY_PREFIX = "github-";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

  private final Config config;
  private final SecretProvider secrets;
  private final IncidentStore store;
  private final AgentClient agent;
  private final Clock clock;
  private final MetricsSink metrics;

  public WebhookService(Config config, SecretProvider secrets, IncidentStore store, AgentClient agent, Clock clock,
      MetricsSink metrics) {
    this.config = config;
    this.secrets = secrets;
    this.store = store;
    this.agent = agent;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** How long before the function's deadline the agent call stops retrying. */
  public java.time.Duration deadlineMargin() {
    return config.deadlineMargin();
  }

  /** Handles one request; {@code deadline} bounds the agent call's retries. Never throws for bad input. */
  public WebhookResult handle(FunctionUrl.Request request, Instant deadline) {
    WebhookResult result = decide(request, deadline);
    metrics.record("WebhookDeliveries", 1, MetricsSink.Unit.COUNT, Map.of("outcome", result.outcome().id()));
    String delivery = InputLimits.quote(request.header("x-github-delivery"));
    // Under the command's session id when there is one, so the delivery can be followed into the agent's logs.
    AutoCloseable scope = LambdaLogging.session(result.sessionId());
    try {
      if (result.outcome() == Outcome.REJECTED || result.outcome() == Outcome.FAILED) {
        LOG.warn("Webhook delivery {} answered {}: {}", delivery, result.status(), result.reason());
      } else {
        LOG.info("Webhook delivery {} {}: {}", delivery, result.outcome().id(), result.reason());
      }
    } finally {
      closeQuietly(scope);
    }
    return result;
  }

  private WebhookResult decide(FunctionUrl.Request request, Instant deadline) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return WebhookResult.rejected(405, "only POST is accepted (GitHub delivers webhooks with POST)");
    }
    byte[] body;
    try {
      body = request.bodyBytes();
    } catch (IllegalArgumentException e) {
      return WebhookResult.rejected(400, "the event says the body is base64 but it is not");
    }
    if (body != null && body.length > MAX_BODY_BYTES) {
      return WebhookResult.rejected(413, "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    String secret;
    try {
      secret = secrets.secret(config.webhookSecretParameter());
    } catch (SecretUnavailableException e) {
      LOG.error("Webhook secret unavailable: {}", e.getMessage());
      return WebhookResult.failed(503, "the webhook secret could not be read; nothing was done, redeliver later");
    }
    Optional<String> forged = Signature.problem(request.header(Signature.HEADER), body, secret);
    if (forged.isPresent()) {
      return WebhookResult.rejected(401, forged.get());
    }
    // Signed by the holder of the secret: from here on the body is GitHub's.
    String event = request.header("x-github-event");
    if (event == null || event.isBlank()) {
      return WebhookResult.rejected(400, "missing X-GitHub-Event header");
    }
    if ("ping".equals(event)) {
      return new WebhookResult(200, Outcome.PONG, "webhook reached; issue_comment events are handled", null);
    }
    if (!"issue_comment".equals(event)) {
      return WebhookResult.ignored("event " + InputLimits.quote(event) + " is not handled; subscribe to Issue comments only");
    }
    String delivery = request.header("x-github-delivery");
    if (delivery == null || !DELIVERY_ID.matcher(delivery).matches()) {
      return WebhookResult.rejected(400, "X-GitHub-Delivery must be GitHub's delivery id (letters, digits, '-')");
    }
    CommentEvent comment;
    try {
      comment = CommentEvent.parse(body == null ? new byte[0] : body);
    } catch (MalformedPayloadException e) {
      return WebhookResult.rejected(400, "malformed issue_comment payload: " + e.getMessage());
    }
    if (!"created".equals(comment.action())) {
      return WebhookResult.ignored("action " + InputLimits.quote(comment.action()) + " is not handled; only new comments are commands");
    }
    if (!comment.repository().equalsIgnoreCase(config.repository())) {
      return WebhookResult.ignored("comment in " + InputLimits.quote(comment.repository()) + ", not in the incident repository "
          + config.repository());
    }
    if (config.suiteLogin().isEmpty()) {
      LOG.warn("SUITE_GITHUB_LOGIN is not set: commands are ignored until the suite's own account is configured");
      return WebhookResult.ignored("SUITE_GITHUB_LOGIN is not set; commands are ignored until the suite's own account is "
          + "configured (its comments must never count as commands)");
    }
    if (config.isSuiteLogin(comment.author())
        || ("Bot".equals(comment.authorType()) && config.suiteAppSlug().equalsIgnoreCase(comment.appSlug()))) {
      return WebhookResult.ignored("comment by the suite's own account");
    }
    if ("Bot".equals(comment.authorType())) {
      return WebhookResult.ignored("comment by a bot account; only people give commands");
    }
    Optional<CommandParser.Parsed> command = CommandParser.parse(comment.body());
    if (command.isEmpty()) {
      return WebhookResult.ignored("no command in the comment");
    }
    if (comment.pullRequest()) {
      return WebhookResult.ignored("comment on pull request #" + comment.issueNumber() + ", not on an incident issue");
    }
    Optional<Incident> incident = store.incidentByIssue(comment.issueNumber());
    if (incident.isEmpty()) {
      return WebhookResult.ignored("issue #" + comment.issueNumber() + " is not an incident issue of this suite");
    }
    return forward(comment, command.get(), incident.get().incidentId(), delivery, deadline);
  }

  private WebhookResult forward(CommentEvent comment, CommandParser.Parsed parsed, String incidentId, String delivery,
      Instant deadline) {
    Instant now = clock.instant();
    String key = DELIVERY_KEY_PREFIX + delivery;
    String sessionId = CommandSessionIds.of(comment.issueNumber(), delivery);
    Plan plan = new Plan(AnalysisMode.COMMAND, incidentId, sessionId);
    DeliveryClaim claim = store.claimDelivery(key, now, now.plus(config.deliveryLease()));
    switch (claim) {
      case DeliveryClaim.Handled handled -> {
        return new WebhookResult(200, Outcome.DUPLICATE, "delivery " + delivery + " was handled before ("
            + handled.action() + "); nothing done again", handled.sessionId());
      }
      case DeliveryClaim.Busy busy -> {
        return new WebhookResult(409, Outcome.DUPLICATE, "delivery " + delivery
            + " is being handled by another request; nothing done twice", sessionId);
      }
      case DeliveryClaim.Fresh fresh -> store.planDelivery(key, plan, now);
      // A redelivery after a failed forward: the same session id, so the agent runs it at most once.
      case DeliveryClaim.Resume resume -> { }
    }
    IssueCommand issueCommand = new IssueCommand(parsed.kind(), comment.issueNumber(), comment.commentId(),
        comment.author(), parsed.argument(), delivery, comment.createdAt());
    AgentRequest request = new AgentRequest(sessionId, ACTOR, AnalysisMode.COMMAND, incidentId, null,
        prompt(issueCommand), now, issueCommand);
    AutoCloseable scope = LambdaLogging.session(sessionId);
    try {
      return start(key, plan, request, deadline);
    } finally {
      closeQuietly(scope);
    }
  }

  private static void closeQuietly(AutoCloseable scope) {
    try {
      scope.close();
    } catch (Exception e) {
      // Restoring the MDC cannot fail; the signature is AutoCloseable's.
    }
  }

  private WebhookResult start(String key, Plan plan, AgentRequest request, Instant deadline) {
    IssueCommand command = request.command();
    Instant now = clock.instant();
    try {
      agent.start(request, deadline);
    } catch (StartFailedException e) {
      store.failDelivery(key, plan, e.getMessage(), now);
      return new WebhookResult(502, Outcome.FAILED, "the agent could not be reached (" + e.getMessage()
          + "); nothing was done, redeliver from the webhook's Recent Deliveries", plan.sessionId());
    } catch (AgentRejectedException e) {
      store.completeDelivery(key, new DeliveryOutcome(Outcome.REJECTED.id(), null, plan.sessionId(), e.getMessage()), now);
      return new WebhookResult(422, Outcome.REJECTED, e.getMessage(), plan.sessionId());
    }
    String reason = "/" + command.kind().id() + " by " + command.author() + " on issue #" + command.issueNumber()
        + " forwarded to the agent (incident " + plan.incidentId() + ")";
    store.completeDelivery(key, new DeliveryOutcome(Outcome.FORWARDED.id(), null, plan.sessionId(), reason), now);
    return new WebhookResult(202, Outcome.FORWARDED, reason, plan.sessionId());
  }

  /** What the request is about, for the agent's logs and records; the command itself is {@code command}. */
  private static String prompt(IssueCommand command) {
    return "GitHub 이슈 #" + command.issueNumber() + "에 " + command.author() + " 님이 남긴 명령: " + command.kind().id()
        + (command.argument() == null ? "" : " " + command.argument());
  }
}
