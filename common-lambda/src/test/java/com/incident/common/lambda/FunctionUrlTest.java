package com.incident.common.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payload format 2.0 samples AWS documents for Function URLs (urls-invocation.html, copied verbatim into
 * test resources) and the repository's own captured event, read and written by the one codec.
 */
class FunctionUrlTest {

  @Test
  void readsTheRequestAwsDocuments() throws IOException {
    FunctionUrl.Request r = FunctionUrl.Request.from(resource("aws-request.json"));

    assertThat(r.isFunctionUrlEvent()).isTrue();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/my/path");
    assertThat(r.rawQueryString()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
    assertThat(r.headers()).containsExactly(Map.entry("header1", "value1"), Map.entry("header2", "value1,value2"));
    assertThat(r.bodyText()).isEqualTo("Hello from client!");
    assertThat(r.requestId()).isEqualTo("id");
    assertThat(r.sourceIp()).isEqualTo("123.123.123.123");
    assertThat(r.time()).isEqualTo(Instant.ofEpochMilli(1583348638390L));
  }

  @Test
  void readsTheCapturedGatewayEventOfThisRepository() throws IOException {
    JsonNode event = Json.tree(Files.readString(Path.of("..", "events", "mcp-tools-list.json")));

    FunctionUrl.Request r = FunctionUrl.Request.from(event);

    assertThat(r.header("Authorization")).startsWith("Bearer ");
    assertThat(r.header("mcp-protocol-version")).isEqualTo("2025-06-18");
    assertThat(Json.tree(r.bodyText()).path("method").asText()).isEqualTo("tools/list");
  }

  @Test
  void headerNamesOfAHandWrittenEventAreLowerCasedAndRepeatsJoinedAsLambdaJoinsThem() {
    ObjectNode event = event("POST");
    event.putObject("headers").put("Content-Type", "application/json").put("X-Trace", "a").put("x-trace", "b");

    FunctionUrl.Request r = FunctionUrl.Request.from(event);

    assertThat(r.headers()).containsOnlyKeys("content-type", "x-trace");
    assertThat(r.header("CONTENT-TYPE")).isEqualTo("application/json");
    assertThat(r.header("x-trace")).isEqualTo("a,b");
  }

  @Test
  void aBase64BodyIsDecodedAndOneThatIsNotBase64IsRefused() {
    ObjectNode event = event("POST").put("isBase64Encoded", true)
        .put("body", Base64.getEncoder().encodeToString("{\"가\":1}".getBytes(StandardCharsets.UTF_8)));
    ObjectNode broken = event("POST").put("isBase64Encoded", true).put("body", "not base64!");

    assertThat(FunctionUrl.Request.from(event).bodyText()).isEqualTo("{\"가\":1}");
    assertThatThrownBy(() -> FunctionUrl.Request.from(broken).bodyText()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRawBodyBytesAreTheSentBytesWhetherTheEventCarriesThemAsBase64OrAsText() {
    byte[] sent = "{\"comment\":\"승인 /approve\"}\r\n".getBytes(StandardCharsets.UTF_8);
    ObjectNode encoded = event("POST").put("isBase64Encoded", true).put("body", Base64.getEncoder().encodeToString(sent));
    ObjectNode text = event("POST").put("body", new String(sent, StandardCharsets.UTF_8));

    assertThat(FunctionUrl.Request.from(encoded).bodyBytes()).isEqualTo(sent);
    assertThat(FunctionUrl.Request.from(text).bodyBytes()).isEqualTo(sent);
    assertThat(FunctionUrl.Request.from(event("POST")).bodyBytes()).isNull();
  }

  @Test
  void anEventWithoutAnHttpMethodIsNoFunctionUrlEvent() throws IOException {
    FunctionUrl.Request sns = FunctionUrl.Request.from(Json.tree("{\"Records\":[]}"));

    assertThat(sns.isFunctionUrlEvent()).isFalse();
    assertThat(sns.headers()).isEmpty();
    assertThat(sns.bodyText()).isNull();
  }

  @Test
  void theEventWrittenForARequestReadsBackAsTheSameRequest() {
    FunctionUrl.Request sent = new FunctionUrl.Request("POST", "/mcp", "x=1",
        Map.of("host", "127.0.0.1:8080", "content-type", "application/octet-stream"),
        Base64.getEncoder().encodeToString(new byte[] {0, 1, 2}), true, "req-1", "127.0.0.1",
        Instant.ofEpochMilli(1795230913871L));

    ObjectNode event = sent.toEvent();

    assertThat(FunctionUrl.Request.from(event)).isEqualTo(sent);
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.at("/requestContext/domainName").asText()).isEqualTo("127.0.0.1:8080");
    assertThat(event.at("/requestContext/time").asText()).isEqualTo("21/Nov/2026:03:15:13 +0000");
  }

  @Test
  void readsAndWritesTheResponseAwsDocuments() throws IOException {
    JsonNode sample = resource("aws-response.json");

    FunctionUrl.Response r = FunctionUrl.Response.fromOutput(sample);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers()).containsEntry("My-Custom-Header", "Custom Value");
    assertThat(r.cookies()).hasSize(2);
    assertThat(new String(r.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("{ \"message\": \"Hello, world!\" }");
    assertThat(r.toJson()).isEqualTo(sample);
  }

  @Test
  void aBareJsonOutputIsA200JsonBodyAsFunctionUrlsAnswerIt() throws IOException {
    FunctionUrl.Response r = FunctionUrl.Response.fromOutput(Json.tree("{\"results\":[]}"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers()).containsExactly(Map.entry("content-type", "application/json"));
    assertThat(r.body()).isEqualTo("{\"results\":[]}");
  }

  @Test
  void aBodylessResponseHasNoBodyAndABase64OneIsDecoded() {
    FunctionUrl.Response accepted = FunctionUrl.Response.of(202, Map.of(), null);
    FunctionUrl.Response binary = new FunctionUrl.Response(200, Map.of("content-type", "image/png"),
        Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P'}), true, List.of());

    assertThat(accepted.toJson().has("body")).isFalse();
    assertThat(accepted.bodyBytes()).isEmpty();
    assertThat(binary.bodyBytes()).containsExactly((byte) 0x89, 'P');
    assertThat(binary.toJson().path("isBase64Encoded").asBoolean()).isTrue();
  }

  @Test
  void anAddedHeaderKeepsTheOthers() {
    FunctionUrl.Response r = FunctionUrl.Response.json(401, "{}").withHeader("www-authenticate", "Bearer");

    assertThat(r.headers()).containsEntry("content-type", "application/json").containsEntry("www-authenticate", "Bearer");
  }

  private static ObjectNode event(String method) {
    ObjectNode event = Json.object().put("version", "2.0");
    event.putObject("requestContext").putObject("http").put("method", method);
    return event;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = FunctionUrlTest.class.getResourceAsStream("/function-url/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }
}
