package com.incident.agent.testing;

import com.incident.agent.core.Escalation;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.core.ModelBudget;
import com.incident.agent.core.Pricing;
import com.incident.agent.core.WorkflowSettings;
import com.incident.agent.gateway.McpClientGateway;
import com.incident.agent.model.BedrockModelClient;
import com.incident.agent.model.ModelClient;
import com.incident.common.auth.BearerTokens;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.retry.Backoff;
import com.incident.common.retry.Retry;
import com.incident.common.retry.Sleeper;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Everything a workflow test needs at the real wire protocols: Bedrock = the real SDK client against
 * MockWebServer, the gateway = the real MCP gateway on 127.0.0.1 with the stateful GitHub fake and a simulated
 * cluster scripted as its tool targets.
 */
public final class Harness implements AutoCloseable {
  public static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  /** The agent's access token, issued by the pool the harness gateway trusts. */
  public static final String TOKEN = LoopbackGateway.POOL.accessToken();
  public static final String BEARER = "Bearer " + TOKEN;
  /** The agent's gateway token, fixed here: fetching and refreshing it is GatewayTokenTest's subject. */
  public static final BearerTokens TOKENS = new BearerTokens() {
    @Override
    public String token() {
      return TOKEN;
    }

    @Override
    public void invalidate(String rejected) {}
  };

  public final MockWebServer bedrock = new MockWebServer();
  public final LoopbackGateway gateway = new LoopbackGateway();
  public final FakeGitHub github = new FakeGitHub().register(gateway);
  public final FakeCluster cluster = new FakeCluster().register(gateway);
  /** The real store on DynamoDB Local (shared per JVM), a fresh table per harness. */
  public final IncidentStore store = new DynamoIncidentStore(DynamoDbLocal.shared().client(),
      DynamoDbLocal.shared().newIncidentTable(), DynamoIncidentStore.Expiry.all(Duration.ofDays(7)));
  public final RecordingMetrics metrics = new RecordingMetrics();
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final MutableClock clock;
  private final BedrockRuntimeClient client;

  public Harness() {
    // A call past the script (the postmortem draft's, in tests that script only the analysis) is refused at once,
    // as Bedrock refuses a request it cannot serve, instead of waiting for an answer nobody enqueued.
    ((mockwebserver3.QueueDispatcher) bedrock.getDispatcher())
        .setFailFast(Converse.error(400, "ValidationException"));
    try {
      bedrock.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AgentRequest request = request(AnalysisMode.ANALYZE);
    clock = new MutableClock(request.alarm().stateChangeTime().plusSeconds(8));
    client = BedrockRuntimeClient.builder()
        .endpointOverride(URI.create(bedrock.url("/").toString()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public static WorkflowSettings settings() {
    return new WorkflowSettings(8, 2048, 400_000, 30, 60, "eks-app-logs", 1, "service", false,
        List.of("kube-system"), Duration.ofSeconds(20), Duration.ofSeconds(60), 3, Duration.ofSeconds(10),
        Pricing.CLAUDE_SONNET, null);
  }

  public IncidentWorkflow workflow(WorkflowSettings settings) {
    return workflow(settings, new BedrockModelClient(client, MODEL,
        new Retry(new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(2)), sleeps::add, clock, () -> 0.5)));
  }

  public IncidentWorkflow workflow(WorkflowSettings settings, ModelClient model) {
    Sleeper recorder = sleeps::add;
    return new IncidentWorkflow(McpClientGateway.connector(gateway.uri(), TOKENS), model, store,
        clock, settings, metrics, recorder);
  }

  /** The real Bedrock client for another model id on the same scripted endpoint (a first-pass model). */
  public ModelClient model(String modelId) {
    return new BedrockModelClient(client, modelId,
        new Retry(new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(2)), sleeps::add, clock, () -> 0.5));
  }

  /** The workflow with an incident model budget and, when not null, a first pass that escalates. */
  public IncidentWorkflow workflow(ModelBudget.Limits limits, Escalation escalation) {
    Sleeper recorder = sleeps::add;
    return new IncidentWorkflow(McpClientGateway.connector(gateway.uri(), TOKENS), model(MODEL), store, clock,
        settings(), metrics, recorder, limits, escalation);
  }

  public static AgentRequest request(AnalysisMode mode) {
    try (InputStream in = Harness.class.getResourceAsStream("/agent-request-pod-cpu.json")) {
      AgentRequest r = Json.MAPPER.readValue(in, AgentRequest.class);
      return new AgentRequest(r.sessionId() + "-" + mode.id(), r.actor(), mode, r.incidentId(), r.alarm(), r.prompt(),
          r.receivedAt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Instant alarmAt() {
    return request(AnalysisMode.ANALYZE).alarm().stateChangeTime();
  }

  @Override
  public void close() {
    client.close();
    gateway.close();
    bedrock.close();
  }
}
