package com.incident.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.agent.HttpAgentClient;
import com.incident.common.config.Env;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.local.sandbox.LocalSsm;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import com.incident.webhook.core.Signature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import com.incident.common.aws.SignedAwsClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The webhook wired to real edges: SSM's wire protocol (LocalSsm) holding the webhook and Cognito secrets, DynamoDB
 * Local (a fresh incident table with its issue index), MockWebServer as Cognito's token endpoint and as
 * agent-runtime. Only the clock is fixed.
 */
final class WebhookRig implements AutoCloseable {
  static final String SECRET_PARAM = "/app/incident/github/webhook-secret";
  static final String WEBHOOK_SECRET = "It's a Secret to Everybody";
  static final String CLIENT_SECRET_PARAM = "/app/incident/cognito/client-secret";
  static final String REPOSITORY = "my-org/incidents";
  static final String SUITE_LOGIN = "incident-bot";
  static final Instant NOW = Instant.parse("2026-11-21T03:40:00Z");

  final MockWebServer cognito = new MockWebServer();
  final MockWebServer agent = new MockWebServer();
  final LocalSsm ssm = LocalSsm.start().put(SECRET_PARAM, WEBHOOK_SECRET).put(CLIENT_SECRET_PARAM, "client-s3cret");
  final DynamoDbLocal ddb = DynamoDbLocal.shared();
  final String table = ddb.newIncidentTable();
  final List<String> metrics = new CopyOnWriteArrayList<>();
  final Config config;
  final IncidentStore store;
  final GitHubWebhookHandler handler;

  WebhookRig() {
    try {
      cognito.start(InetAddress.getByName("127.0.0.1"), 0);
      agent.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config = Config.from(Env.of(Map.of(
        "INCIDENT_TABLE", table,
        "AGENT_ENDPOINT_URL", agent.url("/invocations").toString(),
        "COGNITO_TOKEN_URL", cognito.url("/oauth2/token").toString(),
        "COGNITO_CLIENT_ID", "webhook-client",
        "COGNITO_CLIENT_SECRET_PARAM", CLIENT_SECRET_PARAM,
        "COGNITO_SCOPE", "incident-api/invoke",
        "GITHUB_WEBHOOK_SECRET_PARAM", SECRET_PARAM,
        "GITHUB_REPOSITORY", REPOSITORY,
        "SUITE_GITHUB_LOGIN", SUITE_LOGIN,
        // One attempt: a test of an unreachable agent must not sleep through backoffs.
        "HTTP_MAX_ATTEMPTS", "1")));
    SecretProvider secrets = new SsmSecretProvider(SignedAwsClient.of(SignedAwsClient.Service.SSM,
        UrlConnectionHttpClient.create(), StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        Region.US_EAST_1, URI.create(ssm.url())), config.secretCacheTtl());
    store = new DynamoIncidentStore(ddb.client(), table, DynamoIncidentStore.Expiry.all(Duration.ofDays(3650)));
    handler = new GitHubWebhookHandler(new WebhookService(config, secrets, store,
        HttpAgentClient.create(config.agent(), secrets),
        Clock.fixed(NOW, ZoneOffset.UTC),
        (MetricsSink) (name, value, unit, dimensions) -> metrics.add(name + dimensions)));
  }

  /** An incident of this suite whose analysis opened issue {@code number}. */
  void incidentWithIssue(String incidentId, int number) {
    store.markAnalyzing(incidentId, "alarm-cpu-" + incidentId, "netaiops-cpu-spike", NOW.minusSeconds(600), NOW);
    store.markIssueOpened(incidentId, number, "https://github.com/" + REPOSITORY + "/issues/" + number, NOW);
  }

  void tokenAndAgentAccept() {
    cognito.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"tok-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}").build());
    agent.enqueue(new MockResponse.Builder().code(202).addHeader("Content-Type", "application/json")
        .body("{\"status\":\"accepted\"}").build());
  }

  /** GitHub's issue_comment payload (the fields GitHub sends that this function reads, and some it does not). */
  static String comment(int issue, String author, String body) {
    return comment(issue, author, "User", null, body);
  }

  /** The same, by an account of {@code type} ({@code User}, {@code Bot}), written through the app {@code appSlug}. */
  static String comment(int issue, String author, String type, String appSlug, String body) {
    Map<String, Object> comment = new LinkedHashMap<>();
    comment.put("id", 2_000_000_000L + issue);
    comment.put("body", body);
    comment.put("created_at", "2026-11-21T03:39:58Z");
    comment.put("html_url", "https://github.com/" + REPOSITORY + "/issues/" + issue + "#issuecomment-1");
    comment.put("user", Map.of("login", author, "type", type));
    comment.put("performed_via_github_app", appSlug == null ? null : Map.of("slug", appSlug, "id", 1));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("action", "created");
    payload.put("repository", Map.of("full_name", REPOSITORY, "private", true));
    payload.put("issue", Map.of("number", issue, "title", "[incident] netaiops-cpu-spike", "state", "open"));
    payload.put("comment", comment);
    payload.put("sender", Map.of("login", author));
    return Json.write(payload);
  }

  /** Headers GitHub sends with a delivery signed with {@code secret}. */
  static Map<String, String> signed(String delivery, String secret, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("user-agent", "GitHub-Hookshot/abc123");
    headers.put("X-GitHub-Event", "issue_comment");
    headers.put("X-GitHub-Delivery", delivery);
    headers.put("X-GitHub-Hook-ID", "4711");
    headers.put("X-Hub-Signature-256", Signature.header(secret, body));
    return headers;
  }

  /** Invokes the handler with a Function URL event; returns the Function URL response. */
  FunctionUrl.Response deliver(Map<String, String> headers, String body, boolean base64) {
    String sent = base64 ? java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
    FunctionUrl.Request request = new FunctionUrl.Request("POST", "/", "", headers, sent, base64, "req-1",
        "140.82.115.1", NOW);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(Json.write(request.toEvent()).getBytes(StandardCharsets.UTF_8)),
          out, null);
      return FunctionUrl.Response.fromOutput(Json.tree(out.toString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FunctionUrl.Response deliver(String delivery, String body) {
    return deliver(signed(delivery, WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8)), body, false);
  }

  static JsonNode json(FunctionUrl.Response response) {
    try {
      return Json.tree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = ddb.client().getItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS(pk))).consistentRead(true)).item();
    return item == null ? Map.of() : item;
  }

  @Override
  public void close() {
    cognito.close();
    agent.close();
    ssm.close();
  }
}
