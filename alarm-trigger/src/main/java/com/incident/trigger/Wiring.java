package com.incident.trigger;

import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.agent.HttpAgentClient;
import com.incident.common.agent.RetryingHttp;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.retry.Retry;
import com.incident.trigger.core.RecordOutcome;
import com.incident.store.DynamoIncidentStore;
import com.incident.common.lambda.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Production object graph, built once per container. Region and credentials come from the Lambda runtime. */
public final class Wiring {
  private Wiring() {}

  public static TriggerService production(Config config) {
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    return new TriggerService(config,
        new DynamoIncidentStore(ddb, config.table(), config.expiry()),
        new DynamoAnalysisRateLimit(ddb, config.table(), config.rateLimits()),
        HttpAgentClient.create(config.agent(), SsmSecretProvider.create(config.secretCacheTtl())),
        Clock.systemUTC(), UUID::randomUUID, new EmfMetricsSink());
  }

  /**
   * SnapStart priming: one alarm (a bundled sample named snapstart-priming) through a service built like the
   * production one (the same JDK HttpClient, SDK URLConnection client, token client and agent client), every request
   * answered by a {@link LoopbackServer} on 127.0.0.1 that priming starts and stops: DynamoDB and SSM with empty
   * results, the token endpoint with a placeholder token, the agent with 202. Loads and runs the trigger's parsing,
   * planning, store, SDK and both HTTP stacks once, so the first request after a restore finds them ready; reaches
   * no endpoint outside the machine, reads no secret and emits no metric.
   */
  static Primed prime(Config config) throws IOException {
    try (LoopbackServer loopback = LoopbackServer.start(r -> switch (r.path()) {
      case "/oauth2/token" -> new LoopbackServer.Answer(200,
          "{\"access_token\":\"priming\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
      case "/agent" -> new LoopbackServer.Answer(202, "{}");
      default -> r.amzTarget().startsWith("AmazonSSM.") ? new LoopbackServer.Answer(200,
          "{\"Parameter\":{\"Name\":\"/priming\",\"Type\":\"SecureString\",\"Value\":\"priming\"}}")
          : new LoopbackServer.Answer(200, "{}");
    })) {
      URI base = loopback.uri();
      StaticCredentialsProvider placeholder = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
      SdkHttpClient aws = UrlConnectionHttpClient.create();
      DynamoDbClient ddb = DynamoDbClient.builder().httpClient(aws).endpointOverride(base)
          .region(Region.US_EAST_1).credentialsProvider(placeholder).build();
      SignedAwsClient ssm = SignedAwsClient.of(SignedAwsClient.Service.SSM, aws, placeholder, Region.US_EAST_1, base);
      ClientCredentialsTokens.Settings settings = config.agent().tokens();
      try (HttpClient http = httpClient(config)) {
        RetryingHttp retrying = new RetryingHttp(http, Retry.of(config.agent().backoff()));
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(retrying.asTransport("Cognito token request"),
            new ClientCredentialsTokens.Settings(base.resolve("/oauth2/token"), settings.clientId(), "/priming",
                settings.scope(), settings.requestTimeout(), settings.refreshBefore()),
            new SsmSecretProvider(ssm, Duration.ofSeconds(1)), Clock.systemUTC());
        TriggerService service = new TriggerService(config,
            new DynamoIncidentStore(ddb, "priming", config.expiry()),
            new DynamoAnalysisRateLimit(ddb, "priming", config.rateLimits()),
            new HttpAgentClient(retrying, base.resolve("/agent"), tokens, config.agent().requestTimeout()),
            Clock.systemUTC(), UUID::randomUUID, (name, value, unit, dimensions) -> { });
        try (InputStream event = Wiring.class.getResourceAsStream("/priming-alarm.json")) {
          return new Primed(service.handle(new String(event.readAllBytes(), StandardCharsets.UTF_8),
              Duration.ofMinutes(1)), loopback.requests("DynamoDB_"), loopback.requests("/agent"));
        }
      }
    }
  }

  private static HttpClient httpClient(Config config) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.agent().connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** What priming did: the sample alarm's outcome and how many DynamoDB and agent requests the loopback answered. */
  record Primed(List<RecordOutcome> outcomes, int dynamoDbRequests, int agentRequests) {}
}
