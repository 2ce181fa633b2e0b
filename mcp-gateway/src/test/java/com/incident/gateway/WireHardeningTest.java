package com.incident.gateway;

import static com.incident.gateway.GatewayFixture.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What arrives on the wire and can never succeed is refused with a clear JSON-RPC error and reaches no tool:
 * concatenated or trailing JSON, a jsonrpc that is not the string "2.0", bodies that are not JSON, bad tokens.
 * Requests go over HTTP on 127.0.0.1 to the handler behind a Function URL-style server.
 */
class WireHardeningTest {
  /** What a 400 body must never show: Java packages, class or exception names, stack frames. */
  private static final Pattern JAVA_NAMES = Pattern.compile(
      "java\\.|javax\\.|com\\.fasterxml|com\\.incident|io\\.modelcontextprotocol|jackson|Exception|\\.java:|"
          + "\\bat [a-z]+\\.|\\$[A-Z]|`[A-Za-z.]+`|StreamReadConstraints|JsonNode|ObjectNode");
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
      + "{\"name\":\"chaos-cleanup\",\"arguments\":{}}}";

  private final GatewayFixture gateway = new GatewayFixture(Map.of());
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = gateway.serve();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void concatenatedObjectsAndTrailingGarbageAreParseErrorsAndReachNoTool() throws Exception {
    for (String body : List.of(PING + "{\"b\":2}", CALL + CALL, PING + " xyz", CALL + " ]", PING + "\n{}", PING + "1")) {
      HttpResponse<String> response = post(body, "application/json", POOL.bearer());

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      JsonNode error = Json.tree(response.body()).path("error");
      assertThat(error.path("code").asInt()).as(body).isEqualTo(-32700);
      assertThat(error.path("message").asText()).as(body).contains("not a single JSON value");
    }
    assertThat(gateway.invoker.targets).isEmpty();
    assertThat(post(PING + " \n\t", "application/json", POOL.bearer()).statusCode()).isEqualTo(200);
  }

  @Test
  void jsonrpcMustBeTheString20EvenForNotifications() throws Exception {
    for (String version : List.of("2", "2.0", "\"1.0\"", "null", "[\"2.0\"]", "true")) {
      String request = "{\"jsonrpc\":" + version + ",\"id\":7,\"method\":\"tools/call\",\"params\":"
          + "{\"name\":\"chaos-cleanup\",\"arguments\":{}}}";
      HttpResponse<String> response = post(request, "application/json", POOL.bearer());

      assertThat(response.statusCode()).as(version).isEqualTo(400);
      JsonNode body = Json.tree(response.body());
      assertThat(body.path("error").path("code").asInt()).as(version).isEqualTo(-32600);
      assertThat(body.path("error").path("message").asText()).contains("'jsonrpc' must be the string \"2.0\"");
      assertThat(body.path("id").asInt()).isEqualTo(7);
    }
    HttpResponse<String> notification = post("{\"jsonrpc\":2,\"method\":\"notifications/initialized\"}",
        "application/json", POOL.bearer());
    assertThat(notification.statusCode()).isEqualTo(400);
    assertThat(post("{\"id\":1,\"method\":\"ping\"}", "application/json", POOL.bearer()).statusCode()).isEqualTo(400);
    assertThat(gateway.invoker.targets).isEmpty();
  }

  @Test
  void contentTypesThatAreNotJsonAre415WithAJsonRpcError() throws Exception {
    for (String type : List.of("text/plain", "text/plain; x=application/json", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=application/json", "application/jsonp")) {
      HttpResponse<String> response = post(CALL, type, POOL.bearer());

      assertThat(response.statusCode()).as(type).isEqualTo(415);
      assertThat(response.headers().firstValue("content-type")).as(type).hasValue("application/json");
      assertThat(Json.tree(response.body()).path("error").path("message").asText()).contains("Unsupported Media Type");
    }
    assertThat(gateway.invoker.targets).isEmpty();
    for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON",
        "application/vnd.api+json")) {
      assertThat(post(PING, type, POOL.bearer()).statusCode()).as(type).isEqualTo(200);
    }
  }

  @Test
  void a401EchoesOnlyAShortEscapedPrefixOfTheAttackersValuesAndChallengesForABearerToken() throws Exception {
    String longKid = "<script>alert(1)</script>\u0000\"" + "k".repeat(4000) + "TAIL-MARKER";
    String longClient = "\u202Eevil-client" + "c".repeat(4000) + "TAIL-MARKER";
    List<String> tokens = List.of(
        TestTokens.sign(TestTokens.newKey(longKid), POOL.claims().build()),
        POOL.sign(POOL.claims().claim("client_id", longClient).build()),
        "x".repeat(8000) + "TAIL-MARKER");
    for (String token : tokens) {
      HttpResponse<String> response = post(PING, "application/json", "Bearer " + token);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("www-authenticate"))
          .hasValue("Bearer realm=\"incident-mcp-gateway\", error=\"invalid_token\"");
      String message = Json.tree(response.body()).path("error").path("message").asText();
      assertThat(message).startsWith("Unauthorized: ").doesNotContain("TAIL-MARKER").doesNotContain("<script>")
          .doesNotContain("\u0000").doesNotContain("\u202E");
      assertThat(message.length()).isLessThan(120);
      assertThat(response.body().length()).isLessThan(300);
    }
    HttpResponse<String> anonymous = post(PING, "application/json", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"incident-mcp-gateway\"");
  }

  @Test
  void badRequestBodiesNeverNameJavaTypes() throws Exception {
    List<String> corpus = List.of(
        "", " ", "{", "}", "nul", "\"ping\"", "42", "[]", "[" + PING + "]", PING + PING, PING + "garbage",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
        "{'jsonrpc':'2.0'}", "{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1e999999,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":123}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":\"a\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":5}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"\\ud800\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":\"\u0000\"}",
        "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
        "{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999999,\"method\":\"ping\"}");
    for (String body : corpus) {
      HttpResponse<String> response = post(body, "application/json", POOL.bearer());

      assertThat(response.statusCode()).as(shortened(body)).isLessThan(500);
      assertThat(response.body()).as(shortened(body)).doesNotContainPattern(JAVA_NAMES);
      if (response.statusCode() >= 400) {
        assertThat(Json.tree(response.body()).path("error").path("message").asText()).as(shortened(body)).isNotBlank();
      }
    }
    assertThat(gateway.invoker.targets).isEmpty();
  }

  @Test
  void aFunctionUrlEventWithTrailingContentIsABadRequest() {
    JsonNode response = gateway.invoke("{\"requestContext\":{\"http\":{\"method\":\"POST\"}},\"body\":\"{}\"} {\"x\":1}");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(response.toString()).doesNotContainPattern(JAVA_NAMES);
  }

  private HttpResponse<String> post(String body, String contentType, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GatewayFixture.url(server, "/")))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String shortened(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
