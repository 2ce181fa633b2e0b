package com.incident.gateway;

import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifierPriming;
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
import com.incident.common.auth.VerifiedToken;
import com.incident.common.lambda.OfflineHttpClient;
import com.incident.gateway.core.HttpRequest;
import com.nimbusds.jose.JOSEException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
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

  /**
   * SnapStart priming: initialize, ping and tools/list through a gateway built like the production one, except that
   * the verifier accepts, the Lambda client answers every target's tools/list offline with no tools
   * ({@link OfflineHttpClient}) and metrics go nowhere. Reaches no endpoint and reads no secret; token verification
   * (JWKS) and the real catalog stay with the first request, since both need the network.
   */
  static Primed prime(Config config) throws IOException, JOSEException, UnauthorizedException {
    OfflineHttpClient lambda = OfflineHttpClient.answering(200, "{\"tools\":[]}");
    ToolInvoker invoker = new LambdaToolInvoker(LambdaClient.builder().region(Region.US_EAST_1).httpClient(lambda)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
        .build());
    McpGatewayHandler.Dependencies primed = production(config, new Overrides(
        header -> new VerifiedToken("priming", "priming", Set.of(), Instant.MAX), invoker,
        (name, value, unit, dimensions) -> { }, null));
    Map<String, String> headers = Map.of("content-type", "application/json", "accept", "application/json",
        "mcp-session-id", "snapstart-priming");
    Instant deadline = Instant.now().plusSeconds(30);
    List<Integer> statuses = List.of(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"snapstart-priming\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").stream()
        .map(body -> primed.gateway().handle(new HttpRequest("POST", headers, body), deadline).status()).toList();
    return new Primed(statuses, lambda.requests(), VerifierPriming.verifyOnce());
  }

  /**
   * What priming did: the status of each message, how many Lambda invokes were answered offline, and the client id of
   * the token the production verifier checked against a loopback JWKS.
   */
  record Primed(List<Integer> statuses, int lambdaRequests, String verifiedClient) {}
}
