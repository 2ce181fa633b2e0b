package com.incident.tools.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.tools.datadog.client.DatadogHttpClient;
import com.incident.tools.datadog.core.DatadogTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Datadog tools against MockWebServer answering with bodies shaped like the Datadog API reference examples
 * (see src/test/resources/datadog and docs/tools-datadog.md for the source of each shape).
 */
class DatadogToolsTest {
  static final Instant START = Instant.parse("2026-11-21T02:45:00Z");
  static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
  static final String API_KEY = "dd-api-key-0123456789abcdef";
  static final String APP_KEY = "dd-app-key-fedcba9876543210";

  final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new ArrayList<>();
  ToolDispatcher dispatcher;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    DatadogHttpClient api = new DatadogHttpClient(new OkHttpClient(), server.url("/"),
        new StaticSecretProvider(Map.of("/dd/api", API_KEY, "/dd/app", APP_KEY)), "/dd/api", "/dd/app",
        Duration.ofSeconds(5), sleeps::add);
    dispatcher = new ToolDispatcher(new DatadogTarget(api, Clock.fixed(NOW, ZoneOffset.UTC)), ToolLimits.DEFAULT,
        Clock.fixed(NOW, ZoneOffset.UTC), MetricsSink.NOOP);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void queryMetricsSummarisesEachSeriesWithItsCrossingHighestPeakFirst() throws Exception {
    server.enqueue(json(200, fixture("query-metrics-spike.json")));

    JsonNode result = call(ToolNames.DATADOG_QUERY_METRICS, Map.of(
        "query", "avg:kubernetes.cpu.usage.pct{kube_cluster_name:netaiops-eks} by {pod_name}",
        "from", START.toString(), "to", "1795230900", "threshold", 80));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
    assertThat(request.getUrl().queryParameter("from")).isEqualTo(String.valueOf(START.getEpochSecond()));
    assertThat(request.getUrl().queryParameter("to")).isEqualTo("1795230900");
    assertThat(request.getUrl().queryParameter("query")).isEqualTo("avg:kubernetes.cpu.usage.pct{kube_cluster_name:netaiops-eks} by {pod_name}");
    assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
    assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);

    String text = text(result);
    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text.indexOf("pod_name:cpu-stress")).isLessThan(text.indexOf("pod_name:web"));
    assertThat(text).contains("unit=% interval=60s")
        .contains("avg 52.5 p95 95 max 95@11-21T03:00Z last 95 ▁▁▁▁▁▁▁▁▁▁▁▁████████████ >80 from 11-21T03:00Z (15/30)")
        .contains("avg 20 p95 20 max 20@11-21T02:45Z last 20");
    JsonNode spike = result.at("/structuredContent/series/0");
    assertThat(spike.path("points").asInt()).isEqualTo(30);
    assertThat(spike.path("avg").asDouble()).isEqualTo(52.5);
    assertThat(Instant.parse(spike.path("crossedAt").asText())).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
    assertThat(result.at("/structuredContent/series/1/points").asInt()).as("null points are skipped").isEqualTo(29);
    assertThat(bytes(text)).isLessThanOrEqualTo(8 * 1024);
    assertThat(text).doesNotContain(API_KEY, APP_KEY);
  }

  @Test
  void eventsPutErrorsFirstAndRedactCredentialsInTheirText() throws Exception {
    server.enqueue(json(200, fixture("events.json")));

    JsonNode result = call(ToolNames.DATADOG_GET_EVENTS, Map.of("tags", List.of("service:checkout", "env:prod"),
        "priority", "normal", "hours", 2, "end_time", "2026-11-21T03:30:00Z"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/events");
    assertThat(request.getUrl().queryParameter("start")).isEqualTo(String.valueOf(Instant.parse("2026-11-21T01:30:00Z").getEpochSecond()));
    assertThat(request.getUrl().queryParameter("end")).isEqualTo(String.valueOf(Instant.parse("2026-11-21T03:30:00Z").getEpochSecond()));
    assertThat(request.getUrl().queryParameter("tags")).isEqualTo("service:checkout,env:prod");
    assertThat(request.getUrl().queryParameter("priority")).isEqualTo("normal");

    String text = text(result);
    assertThat(text).contains("events=3").contains("by type {error=1, info=1, warning=1}");
    assertThat(text.indexOf("[Triggered] CPU high")).isLessThan(text.indexOf("OOMKilled"));
    assertThat(text.indexOf("OOMKilled")).isLessThan(text.indexOf("rolled out image checkout:v2.3.1"));
    assertThat(text).contains("11-21T03:00Z error normal [monitor alert] [Triggered] CPU high on checkout host=ip-10-0-1-23")
        .doesNotContain("s3cr3tpass");
    assertThat(result.at("/structuredContent/total").asInt()).isEqualTo(3);
  }

  @Test
  void tracesSearchTheServiceAndReportSlowestAndErroringSpans() throws Exception {
    server.enqueue(json(200, fixture("spans-search.json")));

    JsonNode result = call(ToolNames.DATADOG_GET_TRACES, Map.of("service", "checkout", "operation", "http.request",
        "min_duration_ms", 90, "hours", 1, "end_time", "2026-11-21T03:30:00Z"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/spans/events/search");
    JsonNode body = Json.tree(request.getBody().utf8());
    assertThat(body.at("/data/type").asText()).isEqualTo("search_request");
    assertThat(body.at("/data/attributes/filter/query").asText())
        .isEqualTo("service:checkout operation_name:http.request @duration:>=90ms");
    assertThat(body.at("/data/attributes/filter/from").asText()).isEqualTo("2026-11-21T02:30:00Z");
    assertThat(body.at("/data/attributes/filter/to").asText()).isEqualTo("2026-11-21T03:30:00Z");
    assertThat(body.at("/data/attributes/sort").asText()).isEqualTo("-timestamp");
    assertThat(body.at("/data/attributes/page/limit").asInt()).isEqualTo(200);

    String text = text(result);
    assertThat(text).contains("spans=10 (newest 200; more exist)")
        .contains("duration ms p50 120 p95 3100 max 3100; errors 3/10 (30.0%)")
        .contains("  11-21T03:00Z 3100ms POST /api/checkout ERROR trace=900004")
        .contains("3x POST /api/checkout last 11-21T03:00Z: upstream timeout calling payments after 2400ms trace=900002");
    assertThat(text.indexOf("3100ms")).isLessThan(text.indexOf("2400ms"));
    assertThat(result.at("/structuredContent/errors").asInt()).isEqualTo(3);
  }

  @Test
  void monitorsListAlertingOnesFirst() throws Exception {
    server.enqueue(json(200, fixture("monitors.json")));

    JsonNode result = call(ToolNames.DATADOG_GET_MONITORS, Map.of("tags", List.of("service:checkout"), "name", "checkout"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/monitor");
    assertThat(request.getUrl().queryParameter("monitor_tags")).isEqualTo("service:checkout");
    assertThat(request.getUrl().queryParameter("name")).isEqualTo("checkout");
    String text = text(result);
    assertThat(text).contains("by state {Alert=1, No Data=1, OK=1, Warn=1}")
        .contains("Alert since 11-21T03:00Z #101 checkout CPU high (metric alert)");
    assertThat(text.indexOf("#101")).isLessThan(text.indexOf("#103"));
    assertThat(text.indexOf("#103")).isLessThan(text.indexOf("#104"));
    assertThat(text.indexOf("#104")).isLessThan(text.indexOf("#102"));
  }

  @Test
  void unauthorizedNamesTheApiKeyParameterButNeverTheKey() {
    server.enqueue(json(401, "{\"errors\":[\"Unauthorized\"]}"));

    JsonNode result = call(ToolNames.DATADOG_GET_MONITORS, Map.of());

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("401").contains("SSM parameter /dd/api").doesNotContain(API_KEY);
  }

  @Test
  void forbiddenExplainsTheApplicationKeyPermission() {
    server.enqueue(json(403, "{\"errors\":[\"Forbidden\"]}"));

    JsonNode result = call(ToolNames.DATADOG_GET_EVENTS, Map.of());

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("403 Forbidden").contains("application key in SSM parameter /dd/app").contains("Forbidden");
  }

  @Test
  void rateLimitedOnceWaitsForTheResetAndRetries() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).body("{\"errors\":[\"Rate limit exceeded\"]}")
        .addHeader("X-RateLimit-Limit", "100").addHeader("X-RateLimit-Period", "60")
        .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Reset", "2").build());
    server.enqueue(json(200, fixture("monitors.json")));

    JsonNode result = call(ToolNames.DATADOG_GET_MONITORS, Map.of());

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rateLimitResettingTooLateFailsAtOnceWithTheResetTime() {
    server.enqueue(new MockResponse.Builder().code(429).body("{\"errors\":[\"Rate limit exceeded\"]}")
        .addHeader("X-RateLimit-Limit", "100").addHeader("X-RateLimit-Period", "3600").addHeader("X-RateLimit-Reset", "1800").build());

    JsonNode result = call(ToolNames.DATADOG_GET_TRACES, Map.of("service", "checkout"));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("rate limit").contains("limit 100 per 3600 s, resets in 1800 s");
    assertThat(sleeps).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSecondRateLimitAfterTheRetryIsReported() {
    MockResponse limited = new MockResponse.Builder().code(429).addHeader("X-RateLimit-Reset", "1").build();
    server.enqueue(limited);
    server.enqueue(limited);

    JsonNode result = call(ToolNames.DATADOG_GET_MONITORS, Map.of());

    assertThat(text(result)).contains("rate limit");
    assertThat(sleeps).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void serverErrorsSayDatadogIsUnavailable() {
    server.enqueue(json(503, "<html>Service Unavailable</html>"));

    JsonNode result = call(ToolNames.DATADOG_QUERY_METRICS, Map.of("query", "avg:system.cpu.user{*}"));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("Datadog is unavailable (503)");
  }

  @Test
  void aBadQueryReturnsDatadogsOwnReason() {
    server.enqueue(json(400, "{\"errors\":[\"Error parsing query: unable to parse avg:system.cpu.user{: Rule 'scope_expr' didn't match\"]}"));

    JsonNode result = call(ToolNames.DATADOG_QUERY_METRICS, Map.of("query", "avg:system.cpu.user{"));

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(text(result)).contains("(400)").contains("Error parsing query");
  }

  @Test
  void invalidArgumentsAreRejectedBeforeAnyRequest() {
    assertThat(text(call(ToolNames.DATADOG_QUERY_METRICS, Map.of("query", "x", "from", "yesterday")))).contains("'from'");
    assertThat(text(call(ToolNames.DATADOG_QUERY_METRICS, Map.of("query", "x", "from", NOW.toString(), "to", START.toString())))).contains("before");
    assertThat(text(call(ToolNames.DATADOG_GET_EVENTS, Map.of("hours", 500)))).contains("hours");
    assertThat(text(call(ToolNames.DATADOG_GET_TRACES, Map.of("service", "checkout OR service:*")))).contains("service");
    assertThat(text(call(ToolNames.DATADOG_GET_TRACES, Map.of()))).contains("service");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void manySpansStayWithinTheTextBound() {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      data.append(i == 0 ? "" : ",").append("""
          {"type":"spans","id":"s%d","attributes":{"service":"checkout","resource_name":"POST /api/very/long/resource/name/number/%d/with/many/segments",
           "trace_id":"%d","span_id":"%d","start_timestamp":"2026-11-21T03:00:00.000Z","end_timestamp":"2026-11-21T03:00:0%d.%03dZ",
           "custom":{"error":{"message":"%s"}}}}""".formatted(i, i, i, i, i % 10, i, "x".repeat(400)));
    }
    server.enqueue(json(200, "{\"data\":[" + data + "],\"meta\":{\"page\":{\"after\":\"c\"}}}"));

    String text = text(call(ToolNames.DATADOG_GET_TRACES, Map.of("service", "checkout")));

    assertThat(bytes(text)).isLessThanOrEqualTo(8 * 1024);
    assertThat(text).doesNotContain("[truncated").contains("errors by resource:");
  }

  @Test
  void timesOutsideASaneRangeAreArgumentErrorsAndNeverReachDatadog() {
    List<Map<String, Object>> metricRanges = List.of(
        Map.of("query", "avg:cpu{*}", "from", "1999-12-31T23:00:00Z", "to", "2000-01-01T00:30:00Z"),
        Map.of("query", "avg:cpu{*}", "to", "2026-11-22T04:00:01Z"),
        Map.of("query", "avg:cpu{*}", "from", "2026-11-21T03:00:00Z", "to", "2026-11-21T02:00:00Z"),
        Map.of("query", "avg:cpu{*}", "from", "2026-11-01T00:00:00Z", "to", "2026-11-21T00:00:00Z"),
        Map.of("query", "avg:cpu{*}", "to", "99999999999999999999"),
        Map.of("query", "avg:cpu{*}", "to", "+1000000000-01-01T00:00:00Z"));
    for (Map<String, Object> arguments : metricRanges) {
      JsonNode result = call(ToolNames.DATADOG_QUERY_METRICS, arguments);
      assertThat(result.path("isError").asBoolean()).as(arguments.toString()).isTrue();
      assertThat(text(result)).as(arguments.toString()).containsAnyOf("'from'", "'to'").doesNotContain("internal error");
    }
    JsonNode farFuture = call(ToolNames.DATADOG_GET_EVENTS, Map.of("end_time", "2100-01-01T00:00:00Z"));
    assertThat(text(farFuture)).contains("Argument 'end_time' must be between 2000-01-01T00:00:00Z");
    JsonNode tooLong = call(ToolNames.DATADOG_GET_EVENTS, Map.of("hours", 4294967297L));
    assertThat(text(tooLong)).contains("hours").doesNotContain("internal error");
    assertThat(server.getRequestCount()).isZero();
  }

  private JsonNode call(String tool, Map<String, Object> arguments) {
    return dispatcher.handle(Json.MAPPER.valueToTree(Map.of("method", "tools/call", "name", tool, "arguments", arguments)), null);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = DatadogToolsTest.class.getResourceAsStream("/datadog/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String text(JsonNode result) {
    return result.at("/content/0/text").asText();
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
