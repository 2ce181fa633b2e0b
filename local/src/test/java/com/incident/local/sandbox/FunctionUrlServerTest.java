package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FunctionUrlServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void deliversAPayloadV2EventAndAnswersWithTheHandlersResponse() throws Exception {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    try (FunctionUrlServer server = FunctionUrlServer.start("Echo", (in, out, ctx) -> {
      seen.set(Json.MAPPER.readTree(in));
      out.write("{\"statusCode\":201,\"headers\":{\"x-answer\":\"42\"},\"body\":\"{\\\"ok\\\":true}\"}"
          .getBytes(StandardCharsets.UTF_8));
    }, 0, 30, log)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "mcp?x=1"))
          .header("Authorization", "Bearer abc").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\"}")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(r.headers().firstValue("x-answer")).hasValue("42");
      assertThat(r.body()).isEqualTo("{\"ok\":true}");
      JsonNode e = seen.get();
      assertThat(e.path("version").asText()).isEqualTo("2.0");
      assertThat(e.path("rawPath").asText()).isEqualTo("/mcp");
      assertThat(e.path("rawQueryString").asText()).isEqualTo("x=1");
      assertThat(e.path("headers").path("authorization").asText()).isEqualTo("Bearer abc");
      assertThat(e.path("requestContext").path("http").path("method").asText()).isEqualTo("POST");
      assertThat(e.path("body").asText()).isEqualTo("{\"jsonrpc\":\"2.0\"}");
      assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
    }
  }

  @Test
  void aBareJsonAnswerIs200AndAThrowingHandlerIs502() throws Exception {
    try (FunctionUrlServer bare = FunctionUrlServer.start("Bare", (in, out, ctx) -> out.write("{\"a\":1}".getBytes()), 0, 30, log);
        FunctionUrlServer broken = FunctionUrlServer.start("Broken", (in, out, ctx) -> {
          throw new IllegalStateException("boom");
        }, 0, 30, log)) {
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(bare.url())).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(broken.url())).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("{\"a\":1}");
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(failed.body()).doesNotContain("boom").contains("Internal Server Error");
    }
  }
}
