package com.incident.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolNames;
import com.incident.gateway.core.HttpRequest;
import com.incident.gateway.core.HttpResponse;
import com.incident.gateway.core.McpGateway;
import com.incident.gateway.core.Targets;
import com.incident.gateway.core.ToolCaller;
import com.incident.gateway.core.ToolCatalog;
import com.incident.gateway.invoke.LambdaToolInvoker;
import com.incident.gateway.invoke.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Lambda entry point for the Function URL: event in, v2 response out; the MCP work is in {@link McpGateway}. */
public class McpGatewayHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(McpGatewayHandler.class);
  /** Used when there is no Lambda context (local runs): the same as the function's 120 s timeout. */
  private static final Duration NO_CONTEXT_BUDGET = Duration.ofSeconds(120);

  private final McpGateway gateway;
  private final Duration deadlineMargin;
  private final Clock clock;

  public McpGatewayHandler() {
    this(Env.system());
  }

  public McpGatewayHandler(Env env) {
    this(Config.from(env), null);
  }

  /** The local runner's constructor: real config and verifier, tool handlers invoked in-process. */
  public McpGatewayHandler(Env env, ToolInvoker invoker) {
    this(Config.from(env), invoker);
  }

  private McpGatewayHandler(Config config, ToolInvoker invoker) {
    this(config, new CognitoJwtVerifier(config.auth()),
        invoker != null ? invoker : new LambdaToolInvoker(lambdaClient(config)), guarded(new EmfMetricsSink()),
        Clock.systemUTC());
  }

  /** Every dependency given: tests that serve the real gateway (agent-runtime's client tests) build it this way. */
  public McpGatewayHandler(Config config, TokenVerifier verifier, ToolInvoker invoker, MetricsSink metrics,
      Clock clock) {
    Targets targets = Targets.of(config.targets());
    ToolCatalog catalog = new ToolCatalog(targets, invoker, config.toolsCacheTtl(), config.listTimeout(), clock,
        metrics);
    Set<String> disabled = config.datadogEnabled() ? Set.of() : Set.of(ToolNames.Target.DATADOG.prefix());
    ToolCaller caller = new ToolCaller(targets, disabled, catalog, invoker, clock, metrics);
    this.gateway = new McpGateway(verifier, catalog, caller, serverInfo(), metrics);
    this.deadlineMargin = config.deadlineMargin();
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    HttpResponse response = LambdaLogging.withSession(context, null, () -> answer(bytes, context));
    output.write(Json.write(FunctionUrlEvent.response(response)).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse answer(byte[] bytes, Context context) {
    HttpRequest request;
    try {
      JsonNode event = Json.strictTree(bytes);
      request = FunctionUrlEvent.request(event == null ? Json.object() : event);
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

  /** A metrics failure (e.g. no POWERTOOLS_METRICS_NAMESPACE in a local run) must never fail a request. */
  private static MetricsSink guarded(MetricsSink sink) {
    AtomicBoolean warned = new AtomicBoolean();
    return (name, value, unit, dimensions) -> {
      try {
        sink.record(name, value, unit, dimensions);
      } catch (RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
          log.warn("Metrics are dropped: {}", e.getMessage());
        }
      }
    };
  }

  private static LambdaClient lambdaClient(Config config) {
    return LambdaClient.builder()
        // A tool may run for minutes; the per-call apiCallTimeout is what actually bounds each invoke.
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(config.lambdaClientTimeout()))
        .build();
  }

  private static McpSchema.Implementation serverInfo() {
    String version = McpGatewayHandler.class.getPackage().getImplementationVersion();
    return new McpSchema.Implementation("incident-mcp-gateway", "Incident MCP gateway",
        version == null ? "1.0.0" : version);
  }
}
