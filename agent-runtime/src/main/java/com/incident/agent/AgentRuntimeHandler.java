package com.incident.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.gateway.McpClientGateway;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.ExecutorLauncher;
import com.incident.agent.launch.LambdaSelfInvoker;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.model.BedrockModelClient;
import com.incident.agent.model.DisabledModelClient;
import com.incident.agent.model.ModelClient;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.config.Env;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.json.Json;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Retry;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Lambda I/O only. Two event shapes reach this function: the Function URL request (payload v2.0), answered
 * 202 at once, and the asynchronous self-invocation carrying a {@link WorkerPayload}, which runs the analysis.
 */
public class AgentRuntimeHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRuntimeHandler.class);
  private static final Duration LOCAL_BUDGET = Duration.ofMinutes(15);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String REALM = "incident-agent-runtime";

  private final AgentEndpoint endpoint;
  private final AgentWorker worker;
  private final Duration safetyMargin;

  public AgentRuntimeHandler() {
    this(Env.system());
  }

  public AgentRuntimeHandler(Env env) {
    this(Config.from(env), new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(env)), new EmfMetricsSink());
  }

  private AgentRuntimeHandler(Config config, TokenVerifier verifier, EmfMetricsSink metrics) {
    this(config, verifier, metrics, DynamoDbClient.builder().region(Region.of(config.region()))
        .httpClient(UrlConnectionHttpClient.create()).build());
  }

  private AgentRuntimeHandler(Config config, TokenVerifier verifier, EmfMetricsSink metrics, DynamoDbClient dynamo) {
    this(config, verifier, metrics, new DynamoIncidentStore(dynamo, config.incidentTable(),
        DynamoIncidentStore.Expiry.all(config.sessionTtl())),
        new DynamoAnalysisRateLimit(dynamo, config.incidentTable(), config.rateLimits()));
  }

  private AgentRuntimeHandler(Config config, TokenVerifier verifier, EmfMetricsSink metrics, IncidentStore store,
      AnalysisRateLimit rateLimit) {
    this(config, verifier, store, rateLimit, metrics, new IncidentWorkflow(
        McpClientGateway.connector(URI.create(config.gatewayUrl()), gatewayTokens(config)),
        model(config),
        store, Clock.systemUTC(), config.workflow(), metrics, Sleeper.SYSTEM));
  }

  /** The agent's own token for the gateway: never the caller's, which may expire mid-run. */
  private static ClientCredentialsTokens gatewayTokens(Config config) {
    SsmClient ssm = SsmClient.builder().region(Region.of(config.region())).httpClient(UrlConnectionHttpClient.create())
        .build();
    return new ClientCredentialsTokens(ClientCredentialsTokens.Transport.of(HTTP), config.gatewayTokens(),
        new SsmSecretProvider(ssm, Config.SECRET_CACHE_TTL), Clock.systemUTC());
  }

  private static ModelClient model(Config config) {
    if (DisabledModelClient.MODEL_ID.equalsIgnoreCase(config.modelId())) {
      return new DisabledModelClient();
    }
    return new BedrockModelClient(bedrock(config), config.modelId(),
        Retry.of(BedrockModelClient.defaultBackoff(config.modelMaxAttempts(), config.retryBaseDelay())));
  }

  private AgentRuntimeHandler(Config config, TokenVerifier verifier, IncidentStore store,
      AnalysisRateLimit rateLimit, MetricsSink metrics, IncidentWorkflow workflow) {
    this(verifier, store, rateLimit, metrics, workflow, launcher(config, store, workflow), config.safetyMargin());
  }

  private AgentRuntimeHandler(TokenVerifier verifier, IncidentStore store, AnalysisRateLimit rateLimit,
      MetricsSink metrics, IncidentWorkflow workflow, AsyncLauncher launcher, Duration safetyMargin) {
    this(new AgentEndpoint(verifier, store, rateLimit, launcher, Clock.systemUTC(), metrics),
        new AgentWorker(store, workflow, Clock.systemUTC()), safetyMargin);
  }

  AgentRuntimeHandler(AgentEndpoint endpoint, AgentWorker worker, Duration safetyMargin) {
    this.endpoint = endpoint;
    this.worker = worker;
    this.safetyMargin = safetyMargin;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event;
    try {
      event = Json.strictTree(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      LOG.warn("Rejected an event that is not JSON: {}", e.getOriginalMessage());
      write(output, httpResponse(new AgentEndpoint.Reply(400,
          Json.object().put("error", "invalid_request").put("message", "The event is not valid JSON"))));
      return;
    }
    if (WorkerPayload.KIND.equals(event.path("kind").asText())) {
      write(output, runWorker(event, context));
      return;
    }
    AgentEndpoint.Reply reply;
    try {
      reply = LambdaLogging.withSession(context, requestedSession(event), () -> endpoint.handle(event));
    } catch (RuntimeException e) {
      LOG.error("Request failed", e);
      reply = new AgentEndpoint.Reply(500, Json.object().put("error", "internal_error")
          .put("message", "The request could not be processed; see the function logs"));
    }
    ObjectNode response = httpResponse(reply);
    if (reply.status() == 401) {
      ((ObjectNode) response.path("headers")).put("www-authenticate",
          UnauthorizedException.challenge(REALM, event.path("headers").has("authorization")));
    }
    write(output, response);
  }

  /**
   * The session a Function URL request names, for the log context only (so its accept or rejection lines can be
   * found by session); the endpoint validates the request before anything acts on it.
   */
  private static String requestedSession(JsonNode event) {
    JsonNode body = event.get("body");
    if (body == null || !body.isTextual() || event.path("isBase64Encoded").asBoolean(false)) {
      return null;
    }
    try {
      JsonNode id = Json.strictTree(body.textValue()).path("sessionId");
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
    Duration budget = (context == null ? LOCAL_BUDGET : Duration.ofMillis(context.getRemainingTimeInMillis()))
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

  private static ObjectNode httpResponse(AgentEndpoint.Reply reply) {
    ObjectNode response = Json.object();
    response.put("statusCode", reply.status());
    response.putObject("headers").put("content-type", "application/json");
    response.put("body", Json.write(reply.body()));
    return response;
  }

  private static void write(OutputStream output, JsonNode value) throws IOException {
    output.write(Json.write(value).getBytes(StandardCharsets.UTF_8));
  }

  private static BedrockRuntimeClient bedrock(Config config) {
    BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
        .region(Region.of(config.bedrockRegion()))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3)).build())
        // Retries are BedrockModelClient's, so each one fits the run's deadline.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (config.bedrockEndpoint() != null) {
      builder.endpointOverride(URI.create(config.bedrockEndpoint()));
    }
    return builder.build();
  }

  /** Self-invocation in Lambda; without a function name (the local runner), a virtual-thread executor. */
  private static AsyncLauncher launcher(Config config, IncidentStore store, IncidentWorkflow workflow) {
    if (config.functionName() != null) {
      return new LambdaSelfInvoker(LambdaClient.builder().region(Region.of(config.region()))
          .httpClient(UrlConnectionHttpClient.create()).build(),
          config.functionName());
    }
    AgentWorker local = new AgentWorker(store, workflow, Clock.systemUTC());
    return new ExecutorLauncher(Executors.newVirtualThreadPerTaskExecutor(), p -> local.run(p, LOCAL_BUDGET));
  }
}
