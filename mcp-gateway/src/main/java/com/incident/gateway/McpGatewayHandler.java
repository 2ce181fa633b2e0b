package com.incident.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.Priming;
import com.incident.common.obs.LambdaLogging;
import com.incident.gateway.core.HttpRequest;
import com.incident.gateway.core.HttpResponse;
import com.incident.gateway.core.McpGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lambda entry point for the Function URL: event in, v2 response out; the MCP work is in {@link McpGateway}. */
public class McpGatewayHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(McpGatewayHandler.class);
  /** Used when there is no Lambda context (local runs): the same as the function's 120 s timeout. */
  private static final Duration NO_CONTEXT_BUDGET = Duration.ofSeconds(120);

  /** What {@link Wiring} builds for the handler. */
  public record Dependencies(McpGateway gateway, Duration deadlineMargin, Clock clock) {}

  private final McpGateway gateway;
  private final Duration deadlineMargin;
  private final Clock clock;

  public McpGatewayHandler() {
    this(Wiring.production(Config.from(Env.system())));
    Priming.beforeSnapshot("gateway JSON-RPC", () -> Wiring.prime(Config.from(Env.system())));
  }

  public McpGatewayHandler(Dependencies dependencies) {
    this.gateway = dependencies.gateway();
    this.deadlineMargin = dependencies.deadlineMargin();
    this.clock = dependencies.clock();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    HttpResponse response = LambdaLogging.withSession(context, null, () -> answer(bytes, context));
    FunctionUrl.Response reply = FunctionUrl.Response.of(response.status(), response.headers(), response.body());
    output.write(Json.write(reply.toJson()).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse answer(byte[] bytes, Context context) {
    HttpRequest request;
    try {
      JsonNode event = Json.strictTree(bytes);
      FunctionUrl.Request url = FunctionUrl.Request.from(event == null ? Json.object() : event);
      if (!url.isFunctionUrlEvent()) {
        throw new IllegalArgumentException("event has no requestContext.http.method; not a Function URL event");
      }
      request = new HttpRequest(url.method(), url.headers(), url.bodyText());
    } catch (IOException | IllegalArgumentException e) {
      log.warn("Rejected invocation: not a Function URL event ({})", e.getMessage());
      return new HttpResponse(400, Map.of("Content-Type", "application/json"),
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: "
              + "expected a Function URL (payload v2.0) event\"}}");
    }
    Duration budget = context == null ? NO_CONTEXT_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis());
    Instant deadline = clock.instant().plus(budget).minus(deadlineMargin);
    try {
      return gateway.handle(request, deadline);
    } catch (RuntimeException e) {
      // McpGateway answers every failure itself; this is the last line that keeps stack traces in the logs.
      log.error("Unhandled error in the gateway", e);
      return new HttpResponse(500, Map.of("Content-Type", "application/json"),
          "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error; see the "
              + "gateway logs\"}}");
    }
  }
}
