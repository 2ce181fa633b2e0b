package com.incident.agent;

import com.incident.common.config.Env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.testing.Harness;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Function URL codec of agent-runtime: one JSON value per body and per event, JSON content types only,
 * RFC 6750 challenges on 401, and 400 answers that never name Java types. Nothing is launched for any of them.
 */
class AgentWireFormatTest {
  private static final Pattern JAVA_NAMES = Pattern.compile(
      "java\\.|com\\.fasterxml|com\\.incident|jackson|Exception|\\.java:|`[A-Za-z.]+`|AgentRequest`|\\$[A-Z]");
  private static TestTokens tokens;

  private final Harness h = new Harness();
  private final List<WorkerPayload> launched = new CopyOnWriteArrayList<>();
  private AgentRuntimeHandler handler;

  @BeforeAll
  static void pool() {
    tokens = TestTokens.start();
  }

  @AfterAll
  static void stopPool() {
    tokens.close();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void concatenatedObjectsAndTrailingGarbageAre400AndStartNothing() throws IOException {
    for (String body : List.of(body() + body(), body() + " xyz", body() + "{\"b\":2}", body() + "]")) {
      JsonNode response = invoke(event(tokens.bearer(), body, "application/json"));

      assertThat(response.path("statusCode").asInt()).isEqualTo(400);
      assertThat(message(response)).containsAnyOf("unexpected content after the JSON value", "malformed JSON at line 1");
    }
    assertThat(launched).isEmpty();
    assertThat(invoke(event(tokens.bearer(), body() + " \n", "application/json")).path("statusCode").asInt())
        .isEqualTo(202);
  }

  @Test
  void anEventWithTrailingContentIsRejected() throws IOException {
    String raw = Json.write(event(tokens.bearer(), body(), "application/json")) + "{\"kind\":\"worker\"}";

    JsonNode response = invokeRaw(raw);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(launched).isEmpty();
  }

  @Test
  void contentTypesThatAreNotJsonAre415() throws IOException {
    for (String type : List.of("text/plain", "text/plain; x=application/json", "application/x-www-form-urlencoded")) {
      JsonNode response = invoke(event(tokens.bearer(), body(), type));

      assertThat(response.path("statusCode").asInt()).as(type).isEqualTo(415);
      assertThat(Json.tree(response.path("body").asText()).path("error").asText()).isEqualTo("unsupported_media_type");
    }
    assertThat(launched).isEmpty();
    assertThat(invoke(event(tokens.bearer(), body(), "application/json; charset=utf-8")).path("statusCode").asInt())
        .isEqualTo(202);
  }

  @Test
  void a401CarriesABearerChallengeAndOnlyAShortPrefixOfTheAttackersKeyId() throws IOException {
    String longKid = "<img src=x>" + "k".repeat(3000) + "TAIL-MARKER";
    String forged = "Bearer " + TestTokens.sign(TestTokens.newKey(longKid), tokens.claims().build());

    JsonNode rejected = invoke(event(forged, body(), "application/json"));
    JsonNode anonymous = invoke(event(null, body(), "application/json"));

    assertThat(rejected.path("statusCode").asInt()).isEqualTo(401);
    assertThat(rejected.at("/headers/www-authenticate").asText())
        .isEqualTo("Bearer realm=\"incident-agent-runtime\", error=\"invalid_token\"");
    assertThat(message(rejected)).doesNotContain("TAIL-MARKER").doesNotContain("<img").hasSizeLessThan(120);
    assertThat(anonymous.at("/headers/www-authenticate").asText()).isEqualTo("Bearer realm=\"incident-agent-runtime\"");
    assertThat(launched).isEmpty();
  }

  @Test
  void badRequestBodiesNeverNameJavaTypes() throws IOException {
    ObjectNode wrongEnum = (ObjectNode) Json.tree(body());
    wrongEnum.put("mode", "destroy");
    ObjectNode wrongShape = (ObjectNode) Json.tree(body());
    wrongShape.putArray("alarm").add(1);
    ObjectNode wrongTime = (ObjectNode) Json.tree(body());
    wrongTime.put("receivedAt", "yesterday");
    List<String> corpus = List.of("{", "[]", "42", "\"x\"", "{'a':1}", "nul", Json.write(wrongEnum),
        Json.write(wrongShape), Json.write(wrongTime), body() + body(), "[".repeat(5000) + "]".repeat(5000),
        "{\"sessionId\":{\"$ref\":\"x\"}}", "{\"sessionId\":1e999999}");
    for (String body : corpus) {
      JsonNode response = invoke(event(tokens.bearer(), body, "application/json"));

      assertThat(response.path("statusCode").asInt()).as(shortened(body)).isEqualTo(400);
      assertThat(response.path("body").asText()).as(shortened(body)).doesNotContainPattern(JAVA_NAMES);
      assertThat(message(response)).as(shortened(body)).isNotBlank();
    }
    assertThat(message(invoke(event(tokens.bearer(), Json.write(wrongEnum), "application/json"))))
        .contains("mode must be one of analyze, recurrence, recovery");
    assertThat(launched).isEmpty();
  }

  private AgentRuntimeHandler handler() {
    if (handler == null) {
      CognitoJwtVerifier verifier = new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(tokens.env())));
      handler = Handlers.of(h, verifier, launched::add);
    }
    return handler;
  }

  private JsonNode invoke(JsonNode event) throws IOException {
    return invokeRaw(Json.write(event));
  }

  private JsonNode invokeRaw(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }

  private static String message(JsonNode response) throws IOException {
    return Json.tree(response.path("body").asText()).path("message").asText();
  }

  private static String body() {
    return Json.write(Harness.request(AnalysisMode.ANALYZE));
  }

  private static ObjectNode event(String authorization, String body, String contentType) {
    ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "$default").put("rawPath", "/");
    ObjectNode headers = event.putObject("headers").put("content-type", contentType);
    if (authorization != null) {
      headers.put("authorization", authorization);
    }
    event.putObject("requestContext").putObject("http").put("method", "POST").put("path", "/");
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event;
  }

  private static String shortened(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
