package com.incident.trigger;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.trigger.client.HttpAgentClient;
import com.incident.trigger.client.RetryingHttp;
import com.incident.common.retry.Retry;
import com.incident.store.DynamoIncidentStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Production object graph, built once per container. Region and credentials come from the Lambda runtime. */
public final class Wiring {
  private Wiring() {}

  public static TriggerService production(Config config) {
    DynamoDbClient ddb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    RetryingHttp retrying = new RetryingHttp(http, Retry.of(config.backoff()));
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(retrying.asTransport("Cognito token request"),
        config.tokenSettings(), new SsmSecretProvider(ssm, config.secretCacheTtl()), Clock.systemUTC());
    return new TriggerService(config,
        new DynamoIncidentStore(ddb, config.table(), config.expiry()),
        new DynamoAnalysisRateLimit(ddb, config.table(), config.rateLimits()),
        new HttpAgentClient(retrying, config.agentEndpoint(), tokens, config.requestTimeout()),
        Clock.systemUTC(), UUID::randomUUID, new EmfMetricsSink());
  }
}
