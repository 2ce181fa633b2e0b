package com.incident.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.WorkerPayload;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifiedToken;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.InputLimits;
import com.incident.common.incident.IssueCommand;
import com.incident.agent.core.ApprovalComments;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.obs.MetricsSink;
import com.incident.store.IncidentStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side (Function URL, payload v2.0): verify the token, validate the body, claim the session and the
 * incident, take a rate-limit slot, launch the run and answer 202 at once. Every refusal is logged at WARN
 * with its reason, counted in {@code RequestsRejected}, and answered as {@code {"error","message"}} naming
 * the fields at fault, never Java types or stack traces. Nothing is left claimed by a refused request.
 */
public final class AgentEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);
  /** Leaves room for the token inside the 256 KB async-invoke payload limit. */
  static final int MAX_BODY_BYTES = 128 * 1024;
  /** Far above what alarm-trigger builds from an alarm cut to {@link InputLimits}. */
  static final int MAX_PROMPT_CHARS = 32 * 1024;
  /** A category id or the first line of an unknown command: far less than a comment. */
  static final int MAX_COMMAND_ARGUMENT_CHARS = 200;
  private static final List<String> STRING_FIELDS = List.of("/sessionId", "/actor", "/mode", "/incidentId",
      "/prompt", "/receivedAt", "/alarm/alarmName", "/alarm/newState", "/alarm/stateChangeTime",
      "/alarm/description", "/alarm/reason", "/alarm/alarmRule", "/command/kind", "/command/author",
      "/command/argument", "/command/deliveryId", "/command/at");

  /** The v2 response: status and JSON body. */
  public record Reply(int status, JsonNode body) {}

  private final TokenVerifier verifier;
  private final IncidentStore store;
  private final AnalysisRateLimit rateLimit;
  private final AsyncLauncher launcher;
  private final Clock clock;
  private final MetricsSink metrics;

  public AgentEndpoint(TokenVerifier verifier, IncidentStore store, AnalysisRateLimit rateLimit,
      AsyncLauncher launcher, Clock clock, MetricsSink metrics) {
    this.verifier = verifier;
    this.store = store;
    this.rateLimit = rateLimit;
    this.launcher = launcher;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Reply handle(FunctionUrl.Request request) {
    String method = request.method() == null ? "POST" : request.method();
    if (!"POST".equalsIgnoreCase(method)) {
      return reject(405, "method_not_allowed", "Only POST is accepted, got " + InputLimits.quote(method));
    }
    String authorization = request.header("authorization");
    VerifiedToken token;
    try {
      token = verifier.verify(authorization);
    } catch (UnauthorizedException e) {
      return reject(401, "unauthorized", e.getMessage());
    }
    String body = body(request);
    if (body == null || body.isBlank()) {
      return reject(400, "invalid_request", "The request body is empty; expected an AgentRequest JSON object");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      return reject(413, "too_large", "The request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    String contentType = request.header("content-type");
    if (contentType != null && !Json.isJsonMediaType(contentType)) {
      return reject(415, "unsupported_media_type", "Send the AgentRequest with Content-Type: application/json");
    }
    JsonNode tree;
    try {
      tree = Json.strictTree(body);
    } catch (JsonProcessingException e) {
      return reject(400, "invalid_request", "The body is not one valid JSON object: " + Json.problem(e));
    }
    List<String> problems = shapeProblems(tree);
    if (!problems.isEmpty()) {
      return reject(400, "invalid_request", String.join("; ", problems));
    }
    AgentRequest agentRequest;
    try {
      agentRequest = Json.MAPPER.treeToValue(tree, AgentRequest.class);
    } catch (JsonProcessingException e) {
      return reject(400, "invalid_request", mappingProblem(e));
    }
    problems = new ArrayList<>(validate(agentRequest));
    problems.addAll(timeProblems(agentRequest, clock.instant()));
    if (!problems.isEmpty()) {
      return reject(400, "invalid_request", String.join("; ", problems));
    }
    return start(agentRequest, authorization, token);
  }

  private Reply start(AgentRequest request, String authorization, VerifiedToken token) {
    Instant now = clock.instant();
    if (!store.claimSession(request.sessionId(), request.incidentId(), now)) {
      LOG.info("Session {} already accepted; not starting a second run", request.sessionId());
      return new Reply(202, accepted(request, "already-accepted"));
    }
    if (!store.claimIncident(request.incidentId(), request.mode(), request.sessionId(), now)) {
      store.releaseSession(request.sessionId());
      return reject(409, "incident_already_claimed", "Incident " + request.incidentId() + " already has its "
          + (request.mode() == AnalysisMode.RECOVERY ? "recovery check" : "analysis")
          + " in another session; nothing was started");
    }
    if (request.mode() != AnalysisMode.RECOVERY && request.mode() != AnalysisMode.CORRELATED
        && request.mode() != AnalysisMode.COMMAND) {
      // The trigger's budget: analyses and recurrences count; a recovery check (one per incident) and a related
      // alarm joining an open incident (its model use is bounded by the incident's budget) do not, nor does a
      // person's command (a re-analysis has its own per-incident limit).
      Optional<String> limited = rateLimit.acquire(request.alarm().alarmName(), request.sessionId(), now);
      if (limited.isPresent()) {
        release(request);
        return reject(429, "rate_limited", limited.get() + "; nothing was started");
      }
    }
    try {
      launcher.launch(WorkerPayload.of(request));
    } catch (AsyncLauncher.LaunchException e) {
      LOG.error("Could not launch session {}: {}", request.sessionId(), e.getMessage());
      release(request);
      return reject(503, "launch_failed", "The analysis could not be started; retry later");
    }
    LOG.info("Session {} accepted from {} (mode {}, incident {})", request.sessionId(), token.clientId(),
        request.mode().id(), request.incidentId());
    return new Reply(202, accepted(request, "accepted"));
  }

  /** Undoes the claims of a session that will not run, so the caller's retry can start it. */
  private void release(AgentRequest request) {
    store.releaseIncident(request.incidentId(), request.mode(), request.sessionId());
    store.releaseSession(request.sessionId());
  }

  /** Checks a request's fields that do not depend on time; the worker repeats them on what it is handed. */
  static List<String> validate(AgentRequest r) {
    List<String> problems = new ArrayList<>();
    if (r == null) {
      return List.of("body must be a JSON object");
    }
    // The pattern bounds both ids to 200 ASCII characters, well inside DynamoDB's key limit.
    if (r.sessionId() == null || !r.sessionId().matches(AgentRequest.SESSION_ID_PATTERN)) {
      problems.add("sessionId must match " + AgentRequest.SESSION_ID_PATTERN);
    }
    if (r.actor() == null || r.actor().isBlank() || r.actor().length() > 100) {
      problems.add("actor is required (at most 100 characters)");
    }
    if (r.mode() == null) {
      problems.add("mode is required (analyze, recurrence, recovery, correlated or command)");
    }
    if (r.incidentId() == null || !r.incidentId().matches(AgentRequest.SESSION_ID_PATTERN)) {
      problems.add("incidentId must match " + AgentRequest.SESSION_ID_PATTERN);
    }
    InputLimits.sizeProblem("prompt", r.prompt(), MAX_PROMPT_CHARS).ifPresent(problems::add);
    if (r.mode() == AnalysisMode.COMMAND) {
      problems.addAll(commandProblems(r.command()));
    } else if (r.command() != null) {
      problems.add("command is only accepted with mode command");
    }
    if (r.alarm() == null) {
      if (r.mode() != AnalysisMode.COMMAND) {
        problems.add("alarm is required");
      }
    } else {
      InputLimits.alarmNameProblem("alarm.alarmName", r.alarm().alarmName()).ifPresent(problems::add);
      InputLimits.sizeProblem("alarm.description", r.alarm().description(), InputLimits.FREE_TEXT_MAX_CHARS)
          .ifPresent(problems::add);
      InputLimits.sizeProblem("alarm.reason", r.alarm().reason(), InputLimits.FREE_TEXT_MAX_CHARS)
          .ifPresent(problems::add);
      InputLimits.sizeProblem("alarm.alarmRule", r.alarm().alarmRule(), InputLimits.ALARM_RULE_MAX_CHARS)
          .ifPresent(problems::add);
    }
    return problems;
  }

  /** A command as the webhook function forwards it: every field the agent acts on or renders, bounded. */
  static List<String> commandProblems(IssueCommand c) {
    if (c == null) {
      return List.of("command is required with mode command");
    }
    List<String> problems = new ArrayList<>();
    if (c.kind() == null) {
      problems.add("command.kind is required (" + Arrays.stream(IssueCommand.Kind.values()).map(IssueCommand.Kind::id)
          .collect(Collectors.joining(", ")) + ")");
    }
    if (c.issueNumber() < 1) {
      problems.add("command.issueNumber must be a positive issue number");
    }
    if (c.commentId() < 1) {
      problems.add("command.commentId must be a positive comment id");
    }
    if (c.author() == null || !ApprovalComments.LOGIN.matcher(c.author()).matches()) {
      problems.add("command.author must be a GitHub login");
    }
    InputLimits.sizeProblem("command.argument", c.argument(), MAX_COMMAND_ARGUMENT_CHARS).ifPresent(problems::add);
    if (c.deliveryId() == null || !c.deliveryId().matches(AgentRequest.SESSION_ID_PATTERN)) {
      problems.add("command.deliveryId must match " + AgentRequest.SESSION_ID_PATTERN);
    }
    if (c.at() == null) {
      problems.add("command.at is required");
    }
    return problems;
  }

  /** The alarm's time and the request's must be plausible now, as alarm-trigger checks them. */
  static List<String> timeProblems(AgentRequest r, Instant now) {
    List<String> problems = new ArrayList<>();
    if (r.alarm() != null) {
      if (r.alarm().stateChangeTime() == null) {
        problems.add("alarm.stateChangeTime is required");
      } else {
        InputLimits.timeProblem("alarm.stateChangeTime", r.alarm().stateChangeTime(), now).ifPresent(problems::add);
      }
    }
    if (r.receivedAt() != null) {
      InputLimits.timeProblem("receivedAt", r.receivedAt(), now).ifPresent(problems::add);
    }
    if (r.command() != null && r.command().at() != null) {
      InputLimits.timeProblem("command.at", r.command().at(), now).ifPresent(problems::add);
    }
    return problems;
  }

  /** Checks what the mapper would otherwise coerce: an object body, strings where strings belong. */
  private static List<String> shapeProblems(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return List.of("body must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    for (String object : List.of("alarm", "command")) {
      JsonNode v = tree.path(object);
      if (!v.isMissingNode() && !v.isNull() && !v.isObject()) {
        problems.add(object + " must be an object");
      }
    }
    for (String pointer : STRING_FIELDS) {
      JsonNode v = tree.at(pointer);
      if (!v.isMissingNode() && !v.isNull() && !v.isTextual()) {
        problems.add(field(pointer) + " must be a string, got a " + v.getNodeType().name().toLowerCase());
      }
    }
    return problems;
  }

  /** Jackson's messages name Java types; the caller gets the field and what it should hold. */
  private static String mappingProblem(JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? Json.fieldPath(m) : "";
    if (path.isEmpty()) {
      return "The body does not match the AgentRequest shape";
    }
    return switch (path) {
      case "mode" -> "mode must be one of " + Arrays.stream(AnalysisMode.values()).map(AnalysisMode::id)
          .collect(Collectors.joining(", "));
      case "alarm.kind" -> "alarm.kind is not a known alarm kind";
      case "command.kind" -> "command.kind must be one of " + Arrays.stream(IssueCommand.Kind.values())
          .map(IssueCommand.Kind::id).collect(Collectors.joining(", "));
      case "command.at" -> "command.at must be an ISO-8601 time such as 2026-11-21T03:15:12Z";
      case "receivedAt", "alarm.stateChangeTime" -> path + " must be an ISO-8601 time such as 2026-11-21T03:15:12Z";
      default -> path + " has a value of the wrong kind";
    };
  }

  private static String field(String pointer) {
    return pointer.substring(1).replace('/', '.');
  }

  /** A body that claims base64 but is not counts as empty: nothing in it can be read. */
  private static String body(FunctionUrl.Request request) {
    try {
      return request.bodyText();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static ObjectNode accepted(AgentRequest request, String status) {
    return Json.object().put("sessionId", request.sessionId()).put("incidentId", request.incidentId())
        .put("status", status);
  }

  private Reply reject(int status, String error, String reason) {
    LOG.warn("Rejected request: {} {} ({})", status, error, reason);
    metrics.record("RequestsRejected", 1, MetricsSink.Unit.COUNT, Map.of("error", error));
    return new Reply(status, Json.object().put("error", error).put("message", reason));
  }
}
