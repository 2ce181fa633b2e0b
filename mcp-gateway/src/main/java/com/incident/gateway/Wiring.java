package com.incident.gateway;

import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolNames;
import com.incident.gateway.core.McpGateway;
import com.incident.gateway.core.Targets;
import com.incident.gateway.core.ToolCaller;
import com.incident.gateway.core.ToolCatalog;
import com.incident.gateway.invoke.LambdaToolInvoker;
import com.incident.gateway.invoke.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The gateway's object graph, built once per container. */
public final class Wiring {
  private Wiring() {}

  /**
   * What the sandbox and tests replace; a null field keeps the production part.
   *
   * @param invoker reaches the tool targets (production: Lambda Invoke; the sandbox: its handlers in-process)
   */
  public record Overrides(TokenVerifier verifier, ToolInvoker invoker, MetricsSink metrics, Clock clock) {
    public static final Overrides NONE = new Overrides(null, null, null, null);

    public static Overrides invoker(ToolInvoker invoker) {
      return new Overrides(null, invoker, null, null);
    }
  }

  public static McpGatewayHandler.Dependencies production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static McpGatewayHandler.Dependencies production(Config config, Overrides overrides) {
    TokenVerifier verifier = overrides.verifier() != null ? overrides.verifier() : new CognitoJwtVerifier(config.auth());
    ToolInvoker invoker = overrides.invoker() != null ? overrides.invoker() : new LambdaToolInvoker(lambdaClient(config));
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    Clock clock = overrides.clock() != null ? overrides.clock() : Clock.systemUTC();
    Targets targets = Targets.of(config.targets());
    ToolCatalog catalog = new ToolCatalog(targets, invoker, config.toolsCacheTtl(), config.listTimeout(), clock,
        metrics);
    Set<String> disabled = config.datadogEnabled() ? Set.of() : Set.of(ToolNames.Target.DATADOG.prefix());
    ToolCaller caller = new ToolCaller(targets, disabled, catalog, invoker, clock, metrics);
    return new McpGatewayHandler.Dependencies(new McpGateway(verifier, catalog, caller, serverInfo(), metrics),
        config.deadlineMargin(), clock);
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
