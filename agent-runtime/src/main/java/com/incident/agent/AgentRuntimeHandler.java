package com.incident.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.launch.WorkerPayload;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.config.Env;
import com.incident.common.incident.AgentRequest;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.Priming;
import com.incident.common.obs.LambdaLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda I/O only. Two event shapes reach this function: the Function URL request (payload v2.0), answered
 * 202 at once, and the asynchronous self-invocation carrying a {@link WorkerPayload}, which runs the analysis.
 */
public class AgentRuntimeHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRuntimeHandler.class);
  private static final String REALM = "incident-agent-runtime";

  /** What {@link Wiring} builds for the handler: the two halves and the margin kept before Lambda's deadline. */
  public record Dependencies(AgentEndpoint endpoint, AgentWorker worker, Duration safetyMargin) {}

  private final AgentEndpoint endpoint;
  private final AgentWorker worker;
  private final Duration safetyMargin;

  public AgentRuntimeHandler() {
    this(Wiring.production(Config.from(Env.system())));
    Priming.beforeSnapshot("agent endpoint and model client", () -> Wiring.prime(Config.from(Env.system())));
  }

  public AgentRuntimeHandler(Dependencies dependencies) {
    this.endpoint = dependencies.endpoint();
    this.worker = dependencies.worker();
    this.safetyMargin = dependencies.safetyMargin();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event;
    try {
      event = Json.strictTree(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      LOG.warn("Rejected an event that is not JSON: {}", e.getOriginalMessage());
      write(output, httpResponse(new AgentEndpoint.Reply(400,
          Json.object().put("error", "invalid_request").put("message", "The event is not valid JSON"))).toJson());
      return;
    }
    if (WorkerPayload.KIND.equals(event.path("kind").asText())) {
      write(output, runWorker(event, context));
      return;
    }
    FunctionUrl.Request request = FunctionUrl.Request.from(event);
    AgentEndpoint.Reply reply;
    try {
      reply = LambdaLogging.withSession(context, requestedSession(request), () -> endpoint.handle(request));
    } catch (RuntimeException e) {
      LOG.error("Request failed", e);
      reply = new AgentEndpoint.Reply(500, Json.object().put("error", "internal_error")
          .put("message", "The request could not be processed; see the function logs"));
    }
    FunctionUrl.Response response = httpResponse(reply);
    if (reply.status() == 401) {
      response = response.withHeader("www-authenticate",
          UnauthorizedException.challenge(REALM, request.header("authorization") != null));
    }
    write(output, response.toJson());
  }

  /**
   * The session a Function URL request names, for the log context only (so its accept or rejection lines can be
   * found by session); the endpoint validates the request before anything acts on it.
   */
  private static String requestedSession(FunctionUrl.Request request) {
    if (request.body() == null || request.isBase64Encoded()) {
      return null;
    }
    try {
      JsonNode id = Json.strictTree(request.body()).path("sessionId");
      return id.isTextual() && id.textValue().matches(AgentRequest.SESSION_ID_PATTERN) ? id.textValue() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private JsonNode runWorker(JsonNode event, Context context) {
    WorkerPayload payload;
    try {
      payload = Json.convert(event, WorkerPayload.class);
    } catch (IllegalArgumentException e) {
      LOG.error("Worker payload is malformed: {}", e.getMessage().lines().findFirst().orElse(""));
      return Json.object().put("status", "rejected");
    }
    Duration budget = (context == null ? Wiring.LOCAL_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis()))
        .minus(safetyMargin);
    String sessionId = payload.request() == null ? null : payload.request().sessionId();
    Optional<IncidentWorkflow.Report> report;
    try {
      report = LambdaLogging.withSession(context, sessionId, () -> worker.run(payload, budget));
    } catch (RuntimeException e) {
      // Not rethrown: an async retry would find the session marker RUNNING and skip anyway.
      LOG.error("Worker for session {} failed", sessionId, e);
      return Json.object().put("status", "failed");
    }
    return report.map(r -> (JsonNode) Json.object().put("status", "done").put("outcome", r.outcome()))
        .orElseGet(() -> Json.object().put("status", "skipped"));
  }

  private static FunctionUrl.Response httpResponse(AgentEndpoint.Reply reply) {
    return FunctionUrl.Response.json(reply.status(), Json.write(reply.body()));
  }

  private static void write(OutputStream output, JsonNode value) throws IOException {
    output.write(Json.write(value).getBytes(StandardCharsets.UTF_8));
  }
}
