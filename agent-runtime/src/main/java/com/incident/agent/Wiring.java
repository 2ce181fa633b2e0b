package com.incident.agent;

import com.incident.agent.core.Escalation;

import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.gateway.McpClientGateway;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.ExecutorLauncher;
import com.incident.agent.launch.LambdaSelfInvoker;
import com.incident.agent.model.BedrockModelClient;
import com.incident.agent.model.DisabledModelClient;
import com.incident.agent.model.ModelClient;
import com.incident.agent.model.ModelException;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.auth.VerifierPriming;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.retry.Retry;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.agent.notify.ChatListener;
import com.incident.notify.ChatNotifiers;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import com.incident.agent.launch.WorkerPayload;
import com.incident.common.auth.VerifiedToken;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.OfflineHttpClient;
import com.nimbusds.jose.JOSEException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The agent's production object graph, built once per container. Region and credentials come from the Lambda
 * runtime; the sandbox points the SDK clients at its local backends through the SDK's endpoint settings.
 */
public final class Wiring {
  /** The worker's budget when there is no Lambda to hand the run to (the local runner's executor). */
  static final Duration LOCAL_BUDGET = Duration.ofMinutes(15);

  private Wiring() {}

  public static AgentRuntimeHandler.Dependencies production(Config config) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Clock clock = Clock.systemUTC();
    EmfMetricsSink metrics = new EmfMetricsSink();
    DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.of(config.region()))
        .httpClient(UrlConnectionHttpClient.create()).build();
    IncidentStore store = new DynamoIncidentStore(dynamo, config.incidentTable(),
        DynamoIncidentStore.Expiry.all(config.sessionTtl()));
    SecretProvider secrets = new SsmSecretProvider(
        SignedAwsClient.create(SignedAwsClient.Service.SSM, Region.of(config.region())), Config.SECRET_CACHE_TTL);
    IncidentWorkflow workflow = new IncidentWorkflow(
        McpClientGateway.connector(URI.create(config.gatewayUrl()), gatewayTokens(config, http, secrets)),
        model(config, config.modelId()), store, clock, config.workflow(), metrics, Sleeper.SYSTEM, config.budget(),
        config.firstPassModelId() == null || config.firstPassModelId().isBlank() ? null
            : new Escalation(model(config, config.firstPassModelId()), config.firstPassPricing(),
                config.escalationConfidence()),
        ChatListener.of(ChatNotifiers.of(config.chat(), secrets, store, metrics, clock)));
    AgentEndpoint endpoint = new AgentEndpoint(new CognitoJwtVerifier(config.auth()), store,
        new DynamoAnalysisRateLimit(dynamo, config.incidentTable(), config.rateLimits()),
        launcher(config, store, workflow, clock), clock, metrics);
    return new AgentRuntimeHandler.Dependencies(endpoint, new AgentWorker(store, workflow, clock),
        config.safetyMargin());
  }

  /** The agent's own token for the gateway: never the caller's, which may expire mid-run. */
  private static ClientCredentialsTokens gatewayTokens(Config config, HttpClient http, SecretProvider secrets) {
    return new ClientCredentialsTokens(ClientCredentialsTokens.Transport.of(http), config.gatewayTokens(),
        secrets, Clock.systemUTC());
  }

  private static ModelClient model(Config config, String modelId) {
    if (DisabledModelClient.MODEL_ID.equalsIgnoreCase(modelId)) {
      return new DisabledModelClient();
    }
    return new BedrockModelClient(bedrock(config), modelId,
        Retry.of(BedrockModelClient.defaultBackoff(config.modelMaxAttempts(), config.retryBaseDelay())));
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
  private static AsyncLauncher launcher(Config config, IncidentStore store, IncidentWorkflow workflow, Clock clock) {
    if (config.functionName() != null) {
      return new LambdaSelfInvoker(SignedAwsClient.create(SignedAwsClient.Service.LAMBDA, Region.of(config.region())),
          config.functionName());
    }
    AgentWorker local = new AgentWorker(store, workflow, clock);
    return new ExecutorLauncher(Executors.newVirtualThreadPerTaskExecutor(), p -> local.run(p, LOCAL_BUDGET));
  }

  /** What a Converse answer looks like on the wire, for the offline Bedrock client. */
  private static final String PRIMING_CONVERSE = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
      + "[{\"text\":\"priming\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,"
      + "\"totalTokens\":2},\"metrics\":{\"latencyMs\":1}}";

  /**
   * SnapStart priming: the endpoint's whole accept path on a bundled sample request (alarm snapstart-priming) with
   * a verifier that accepts it, DynamoDB and the self-invoking Lambda client answering offline
   * ({@link OfflineHttpClient}) and a clock at the sample's time; then one Converse call through
   * {@link BedrockModelClient} on an offline Bedrock client. Reaches no endpoint and reads no secret; the token
   * verifier (JWKS) and the MCP session are left to the first request, since both need the network.
   */
  static Primed prime(Config config) throws IOException, ModelException, JOSEException, UnauthorizedException {
    StaticCredentialsProvider placeholder = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    Region region = Region.US_EAST_1;
    OfflineHttpClient aws = OfflineHttpClient.answering(200, "{}");
    DynamoDbClient dynamo = DynamoDbClient.builder().region(region).credentialsProvider(placeholder).httpClient(aws).build();
    OfflineHttpClient lambda = OfflineHttpClient.answering(202, "");
    LambdaSelfInvoker invoker = new LambdaSelfInvoker(SignedAwsClient.of(SignedAwsClient.Service.LAMBDA, lambda,
        placeholder, region, URI.create("https://lambda.us-east-1.amazonaws.com")), "priming");
    List<WorkerPayload> launched = new ArrayList<>();
    FunctionUrl.Request request;
    try (InputStream event = Wiring.class.getResourceAsStream("/priming-agent-request.json")) {
      request = FunctionUrl.Request.from(Json.tree(new String(event.readAllBytes(), StandardCharsets.UTF_8)));
    }
    Instant sampleTime = Instant.parse(Json.tree(request.body()).path("alarm").path("stateChangeTime").asText());
    IncidentStore store = new DynamoIncidentStore(dynamo, "priming", DynamoIncidentStore.Expiry.all(config.sessionTtl()));
    AgentEndpoint endpoint = new AgentEndpoint(
        header -> new VerifiedToken("priming", "priming", Set.of(), Instant.MAX), store,
        new DynamoAnalysisRateLimit(dynamo, "priming", config.rateLimits()),
        payload -> {
          launched.add(payload);
          invoker.launch(payload);
        },
        Clock.fixed(sampleTime.plusSeconds(5), ZoneOffset.UTC), (name, value, unit, dimensions) -> { });
    AgentEndpoint.Reply reply = endpoint.handle(request);
    Json.write(reply.body());
    BedrockModelClient model = new BedrockModelClient(BedrockRuntimeClient.builder().region(region)
        .credentialsProvider(placeholder).httpClient(OfflineHttpClient.answering(200, PRIMING_CONVERSE))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build(), "priming",
        Retry.of(BedrockModelClient.defaultBackoff(1, Duration.ofMillis(1))));
    String answer = model.converse(ConverseRequest.builder().modelId("priming")
        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("priming")).build())
        .build(), Duration.ofSeconds(10)).output().message().content().getFirst().text();
    return new Primed(reply.status(), launched.size(), aws.requests() + lambda.requests(), answer,
        VerifierPriming.verifyOnce());
  }

  /**
   * What priming did: the endpoint's status, the runs it launched, the AWS requests answered offline, the model's text,
   * and the client id of the token the production verifier checked against a loopback JWKS.
   */
  record Primed(int status, int launched, int awsRequests, String modelAnswer, String verifiedClient) {}
}
