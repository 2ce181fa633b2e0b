package com.incident.trigger;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.aws.SignedAwsClient;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.trigger.client.HttpAgentClient;
import com.incident.trigger.client.RetryingHttp;
import com.incident.trigger.core.RecordOutcome;
import com.incident.common.retry.Retry;
import com.incident.store.DynamoIncidentStore;
import com.incident.common.lambda.OfflineHttpClient;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Production object graph, built once per container. Region and credentials come from the Lambda runtime. */
public final class Wiring {
  private Wiring() {}

  public static TriggerService production(Config config) {
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    RetryingHttp retrying = new RetryingHttp(http, Retry.of(config.backoff()));
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(retrying.asTransport("Cognito token request"),
        config.tokenSettings(), SsmSecretProvider.create(config.secretCacheTtl()), Clock.systemUTC());
    return new TriggerService(config,
        new DynamoIncidentStore(ddb, config.table(), config.expiry()),
        new DynamoAnalysisRateLimit(ddb, config.table(), config.rateLimits()),
        new HttpAgentClient(retrying, config.agentEndpoint(), tokens, config.requestTimeout()),
        Clock.systemUTC(), UUID::randomUUID, new EmfMetricsSink());
  }

  /**
   * SnapStart priming: one alarm (a bundled sample named snapstart-priming) through a service built like the
   * production one, except that DynamoDB and SSM answer offline ({@link OfflineHttpClient}), the agent client
   * accepts without a request and metrics go nowhere. Loads and runs the trigger's parsing, planning, store and
   * SDK code once; reaches no endpoint and reads no secret.
   */
  static Primed prime(Config config) throws IOException {
    StaticCredentialsProvider placeholder = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    OfflineHttpClient offline = OfflineHttpClient.answering(200, "{}");
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(offline)
        .region(Region.US_EAST_1).credentialsProvider(placeholder).build();
    SignedAwsClient ssm = SignedAwsClient.of(SignedAwsClient.Service.SSM, OfflineHttpClient.answering(200,
            "{\"Parameter\":{\"Name\":\"/priming\",\"Type\":\"SecureString\",\"Value\":\"priming\"}}"),
        placeholder, Region.US_EAST_1, URI.create("https://ssm.us-east-1.amazonaws.com"));
    new SsmSecretProvider(ssm, Duration.ofSeconds(1)).secret("/priming");
    TriggerService service = new TriggerService(config,
        new DynamoIncidentStore(ddb, "priming", config.expiry()),
        new DynamoAnalysisRateLimit(ddb, "priming", config.rateLimits()),
        (request, deadline) -> { }, Clock.systemUTC(), UUID::randomUUID, (name, value, unit, dimensions) -> { });
    try (InputStream event = Wiring.class.getResourceAsStream("/priming-alarm.json")) {
      return new Primed(service.handle(new String(event.readAllBytes(), StandardCharsets.UTF_8), Duration.ofMinutes(1)),
          offline.requests());
    }
  }

  /** What priming did: the sample alarm's outcome and how many DynamoDB requests were answered offline. */
  record Primed(List<RecordOutcome> outcomes, int dynamoDbRequests) {}
}
