package com.incident.agent;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.records.IncidentRecords;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifiedToken;
import com.incident.common.incident.AgentRequest;
import com.incident.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side (Function URL, payload v2.0): verify the token, validate the body, claim the session, launch
 * the run and answer 202 at once. Every rejection is logged with its reason and answered without internals.
 */
public final class AgentEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);
  /** Leaves room for the token inside the 256 KB async-invoke payload limit. */
  static final int MAX_BODY_BYTES = 128 * 1024;

  /** The v2 response: status and JSON body. */
  public record Reply(int status, JsonNode body) {}

  private final TokenVerifier verifier;
  private final IncidentRecords records;
  private final AsyncLauncher launcher;
  private final Clock clock;

  public AgentEndpoint(TokenVerifier verifier, IncidentRecords records, AsyncLauncher launcher, Clock clock) {
    this.verifier = verifier;
    this.records = records;
    this.launcher = launcher;
    this.clock = clock;
  }

  public Reply handle(JsonNode event) {
    String method = event.path("requestContext").path("http").path("method").asText("POST");
    if (!"POST".equalsIgnoreCase(method)) {
      return reject(405, "method_not_allowed", "Only POST is accepted, got " + method);
    }
    String authorization = event.path("headers").path("authorization").asText(null);
    VerifiedToken token;
    try {
      token = verifier.verify(authorization);
    } catch (UnauthorizedException e) {
      return reject(401, "unauthorized", e.getMessage());
    }
    String body = body(event);
    if (body == null || body.isBlank()) {
      return reject(400, "invalid_request", "The request body is empty; expected an AgentRequest JSON object");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      return reject(413, "too_large", "The request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    String contentType = event.path("headers").path("content-type").asText(null);
    if (contentType != null && !Json.isJsonMediaType(contentType)) {
      return reject(415, "unsupported_media_type", "Send the AgentRequest with Content-Type: application/json");
    }
    AgentRequest request;
    try {
      request = Json.strictRead(body, AgentRequest.class);
    } catch (DatabindException e) {
      return reject(400, "invalid_request", "The body does not match AgentRequest: " + Json.problem(e));
    } catch (JsonProcessingException e) {
      return reject(400, "invalid_request", "The body is not one valid JSON object: " + Json.problem(e));
    }
    List<String> problems = validate(request);
    if (!problems.isEmpty()) {
      return reject(400, "invalid_request", String.join("; ", problems));
    }
    if (!records.claimSession(request.sessionId(), request.incidentId(), clock.instant())) {
      LOG.info("Session {} already accepted; not starting a second run", request.sessionId());
      return new Reply(202, accepted(request, "already-accepted"));
    }
    try {
      launcher.launch(WorkerPayload.of(request, authorization));
    } catch (AsyncLauncher.LaunchException e) {
      LOG.error("Could not launch session {}: {}", request.sessionId(), e.getMessage());
      records.releaseSession(request.sessionId());
      return reject(503, "launch_failed", "The analysis could not be started; retry later");
    }
    LOG.info("Session {} accepted from {} (mode {}, incident {})", request.sessionId(), token.clientId(),
        request.mode().id(), request.incidentId());
    return new Reply(202, accepted(request, "accepted"));
  }

  static List<String> validate(AgentRequest r) {
    List<String> problems = new ArrayList<>();
    if (r == null) {
      return List.of("body must be a JSON object");
    }
    if (r.sessionId() == null || !r.sessionId().matches(AgentRequest.SESSION_ID_PATTERN)) {
      problems.add("sessionId must match " + AgentRequest.SESSION_ID_PATTERN);
    }
    if (r.actor() == null || r.actor().isBlank() || r.actor().length() > 100) {
      problems.add("actor is required (at most 100 characters)");
    }
    if (r.mode() == null) {
      problems.add("mode is required (analyze, recurrence or recovery)");
    }
    if (r.incidentId() == null || !r.incidentId().matches(AgentRequest.SESSION_ID_PATTERN)) {
      problems.add("incidentId must match " + AgentRequest.SESSION_ID_PATTERN);
    }
    if (r.alarm() == null) {
      problems.add("alarm is required");
    } else if (r.alarm().alarmName() == null || r.alarm().alarmName().isBlank()) {
      problems.add("alarm.alarmName is required");
    }
    return problems;
  }

  private static String body(JsonNode event) {
    JsonNode body = event.get("body");
    if (body == null || body.isNull()) {
      return null;
    }
    if (event.path("isBase64Encoded").asBoolean(false)) {
      try {
        return new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return body.asText();
  }

  private static ObjectNode accepted(AgentRequest request, String status) {
    return Json.object().put("sessionId", request.sessionId()).put("incidentId", request.incidentId())
        .put("status", status);
  }

  private static Reply reject(int status, String error, String reason) {
    LOG.warn("Rejected request: {} {} ({})", status, error, reason);
    return new Reply(status, Json.object().put("error", error).put("message", reason));
  }
}
