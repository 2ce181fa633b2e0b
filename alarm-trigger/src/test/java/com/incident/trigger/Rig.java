package com.incident.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.config.Env;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Retry;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.store.DynamoIncidentStore;
import com.incident.common.agent.HttpAgentClient;
import com.incident.common.agent.RetryingHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The trigger wired to real edges: DynamoDB Local (shared per JVM, a fresh table per rig), MockWebServer as
 * the Cognito token endpoint and as agent-runtime. Only the clock and the retry sleeper are fakes.
 */
final class Rig implements AutoCloseable {
  static final String CLIENT_ID = "alarm-trigger-client";
  static final String CLIENT_SECRET = "s3cr3t/with+chars";
  static final String SECRET_PARAM = "/app/incident/cognito/client-secret";

  final MockWebServer cognito = new MockWebServer();
  final MockWebServer agent = new MockWebServer();
  final DynamoDbLocal ddb = DynamoDbLocal.shared();
  final String table = ddb.newIncidentTable();
  final TestClock clock = new TestClock(Instant.parse("2026-11-21T03:15:20Z"));
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  /** Every metric recorded, as {@code name{dimensions}}. */
  final List<String> metrics = new CopyOnWriteArrayList<>();
  final Config config;
  final TriggerService service;
  final AlarmTriggerHandler handler;

  Rig() {
    this(Map.of());
  }

  Rig(Map<String, String> envOverrides) {
    try {
      cognito.start(InetAddress.getByName("127.0.0.1"), 0);
      agent.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>(Map.of(
        "INCIDENT_TABLE", table,
        "AGENT_ENDPOINT_URL", agent.url("/invocations").toString(),
        "COGNITO_TOKEN_URL", cognito.url("/oauth2/token").toString(),
        "COGNITO_CLIENT_ID", CLIENT_ID,
        "COGNITO_CLIENT_SECRET_PARAM", SECRET_PARAM,
        "COGNITO_SCOPE", "incident-api/invoke",
        "HTTP_REQUEST_TIMEOUT_MS", "5000",
        // The clock is fixed in the past and DynamoDB Local deletes expired items in the background: records
        // with a default TTL would vanish mid-test.
        "MESSAGE_TTL_DAYS", "3650",
        "INCIDENT_TTL_DAYS", "3650"));
    env.putAll(envOverrides);
    config = Config.from(Env.of(env));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.agent().connectTimeout()).build();
    RetryingHttp retrying = new RetryingHttp(http, new Retry(config.agent().backoff(), sleeps::add, clock, new Random(7)::nextDouble));
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(retrying.asTransport("Cognito token request"),
        config.agent().tokens(), new StaticSecretProvider(Map.of(SECRET_PARAM, CLIENT_SECRET)), clock);
    service = new TriggerService(config,
        new DynamoIncidentStore(ddb.client(), table, config.expiry()),
        new DynamoAnalysisRateLimit(ddb.client(), table, config.rateLimits()),
        new HttpAgentClient(retrying, config.agent().endpoint(), tokens, config.agent().requestTimeout()),
        clock, UUID::randomUUID, (MetricsSink) (name, value, unit, dimensions) -> metrics.add(name + dimensions));
    handler = new AlarmTriggerHandler(service);
  }

  static MockResponse token(String accessToken, long expiresIn) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}")
        .build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(code == 202 ? "{\"status\":\"accepted\"}" : "{\"error\":\"x\"}").build();
  }

  /** Runs the handler; returns the results array. */
  JsonNode invoke(String event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out, null);
      return Json.tree(out.toString()).path("results");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = ddb.client().getItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS(pk))).consistentRead(true)).item();
    return item == null ? Map.of() : item;
  }

  String attr(String pk, String name) {
    AttributeValue v = item(pk).get(name);
    return v == null ? null : v.s() != null ? v.s() : v.n();
  }

  /** The primary keys of every item in the table. */
  List<String> keys() {
    return ddb.client().scan(b -> b.tableName(table).consistentRead(true)).items().stream()
        .map(i -> i.get(IncidentTable.PK).s()).sorted().toList();
  }

  @Override
  public void close() {
    cognito.close();
    agent.close();
  }
}
