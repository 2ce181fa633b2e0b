package com.incident.webhook;

import com.incident.common.agent.AgentClient;
import com.incident.common.agent.HttpAgentClient;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.OfflineHttpClient;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.store.DynamoIncidentStore;
import com.incident.webhook.core.Signature;
import com.incident.webhook.core.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The webhook's object graph, built once per container. Region and credentials come from the Lambda runtime. */
public final class Wiring {
  private Wiring() {}

  /**
   * What tests replace; a null field keeps the production part.
   *
   * @param secrets the webhook secret and the Cognito client secret (production: SSM SecureString, TTL cache)
   * @param agent starts agent sessions (production: HTTP with a Cognito client_credentials token)
   */
  public record Overrides(SecretProvider secrets, AgentClient agent, MetricsSink metrics, Clock clock) {
    public static final Overrides NONE = new Overrides(null, null, null, null);
  }

  public static WebhookService production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static WebhookService production(Config config, Overrides overrides) {
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    return production(config, overrides, ddb);
  }

  private static WebhookService production(Config config, Overrides overrides, DynamoDbClient ddb) {
    SecretProvider secrets = overrides.secrets() != null ? overrides.secrets()
        : SsmSecretProvider.create(config.secretCacheTtl());
    AgentClient agent = overrides.agent() != null ? overrides.agent()
        : HttpAgentClient.create(config.agent(), secrets);
    return new WebhookService(config, secrets, new DynamoIncidentStore(ddb, config.table(), config.expiry()), agent,
        overrides.clock() != null ? overrides.clock() : Clock.systemUTC(),
        overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink());
  }

  /**
   * SnapStart priming: one signed comment through a service built like the production one, except that the secret
   * is a placeholder, DynamoDB answers offline ({@link OfflineHttpClient}: no incident owns the issue), the agent
   * client would accept without a request and metrics go nowhere. Loads and runs the signature check, the payload
   * and command parsing and the index query once; reaches no endpoint and reads no secret.
   */
  static WebhookResult prime(Config config) {
    OfflineHttpClient offline = OfflineHttpClient.answering(200, "{\"Items\":[],\"Count\":0}");
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(offline).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"))).build();
    String secret = "snapstart-priming";
    WebhookService service = production(config, new Overrides(name -> secret, (request, deadline) -> { },
        (name, value, unit, dimensions) -> { }, null), ddb);
    String login = config.suiteLogin().isEmpty() ? "priming" : "not-" + config.suiteAppSlug();
    byte[] body = ("{\"action\":\"created\",\"repository\":{\"full_name\":\"" + config.repository() + "\"},"
        + "\"issue\":{\"number\":1},\"comment\":{\"id\":1,\"body\":\"/approve\",\"created_at\":\"2026-01-01T00:00:00Z\","
        + "\"user\":{\"login\":\"" + login + "\",\"type\":\"User\"}}}").getBytes(StandardCharsets.UTF_8);
    FunctionUrl.Request request = FunctionUrl.Request.of("POST", Map.of("x-github-event", "issue_comment",
        "x-github-delivery", "snapstart-priming", Signature.HEADER, Signature.header(secret, body)),
        new String(body, StandardCharsets.UTF_8));
    return service.handle(request, Instant.now().plusSeconds(30));
  }
}
