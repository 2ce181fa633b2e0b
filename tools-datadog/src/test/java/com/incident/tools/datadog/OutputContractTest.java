package com.incident.tools.datadog;

import static com.incident.tools.datadog.DatadogToolsTest.fixture;
import static com.incident.tools.datadog.DatadogToolsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.tools.datadog.client.DatadogHttpClient;
import com.incident.tools.datadog.core.DatadogTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Datadog tool, through the real dispatcher and HTTP client against MockWebServer answering with the API
 * reference shapes, answers with structured content that validates against the outputSchema it publishes: with data,
 * with more data than the structured bound holds, and with none, where the result says why.
 */
class OutputContractTest {
  final MockWebServer server = new MockWebServer();
  ToolDispatcher dispatcher;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    DatadogHttpClient api = new DatadogHttpClient(new OkHttpClient(), server.url("/"),
        new StaticSecretProvider(Map.of("/dd/api", "k", "/dd/app", "a")), "/dd/api", "/dd/app", Duration.ofSeconds(5), d -> {});
    Clock clock = Clock.fixed(DatadogToolsTest.NOW, ZoneOffset.UTC);
    dispatcher = new ToolDispatcher(new DatadogTarget(api, clock), ToolLimits.DEFAULT, clock, MetricsSink.NOOP);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> calls() throws IOException {
    String range = "2026-11-21T03:30:00Z";
    return Stream.of(
        Arguments.of(ToolNames.DATADOG_QUERY_METRICS, fixture("query-metrics-spike.json"), true,
            Map.of("query", "avg:kubernetes.cpu.usage.pct{*} by {pod_name}", "to", range, "threshold", 80)),
        Arguments.of(ToolNames.DATADOG_QUERY_METRICS, fixture("query-metrics-spike.json"), true,
            Map.of("query", "avg:kubernetes.cpu.usage.pct{*} by {pod_name}", "to", range)),
        Arguments.of(ToolNames.DATADOG_QUERY_METRICS, "{\"status\":\"ok\",\"series\":[]}", false,
            Map.of("query", "avg:no.such.metric{*}", "to", range)),
        Arguments.of(ToolNames.DATADOG_GET_EVENTS, fixture("events.json"), true, Map.of("hours", 2, "end_time", range)),
        Arguments.of(ToolNames.DATADOG_GET_EVENTS, manyEventsWithLongTags(), true, Map.of("hours", 24, "end_time", range)),
        Arguments.of(ToolNames.DATADOG_GET_EVENTS, "{\"events\":[]}", false, Map.of("tags", List.of("service:nope"))),
        Arguments.of(ToolNames.DATADOG_GET_TRACES, fixture("spans-search.json"), true, Map.of("service", "checkout", "end_time", range)),
        Arguments.of(ToolNames.DATADOG_GET_TRACES, "{\"data\":[],\"meta\":{\"page\":{}}}", false, Map.of("service", "nope")),
        Arguments.of(ToolNames.DATADOG_GET_MONITORS, fixture("monitors.json"), true, Map.of("tags", List.of("service:checkout"))),
        Arguments.of(ToolNames.DATADOG_GET_MONITORS, "[]", false, Map.of("name", "nope")));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("calls")
  void everyResultValidatesAgainstThePublishedOutputSchema(String tool, String body, boolean data, Map<String, Object> arguments) {
    server.enqueue(json(200, body));

    JsonNode result = dispatcher.handle(Json.MAPPER.valueToTree(Map.of("method", "tools/call", "name", tool, "arguments", arguments)), null);

    assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(outputSchema(tool), structured)).isNull();
    assertThat(structured.has("noDataReason")).isEqualTo(!data);
    assertThat(Json.write(structured).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ToolLimits.DEFAULT.maxStructuredBytes());
  }

  private Map<String, Object> outputSchema(String tool) {
    return dispatcher.tools().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow().outputSchema();
  }

  /** A noisy day: many events whose tags are long (Datadog keeps up to 200 characters per tag). */
  private static String manyEventsWithLongTags() {
    String tags = IntStream.range(0, 8).mapToObj(i -> "\"kube_deployment:" + "checkout-".repeat(20) + i + "\"")
        .reduce((a, b) -> a + "," + b).orElseThrow();
    return IntStream.range(0, 60).mapToObj(i -> """
        {"id":%d,"date_happened":%d,"alert_type":"%s","priority":"normal","source_type_name":"kubernetes",
         "title":"Deployment checkout rolled out revision %d with a long and descriptive event title for the audit trail",
         "text":"rolled out","tags":[%s]}""".formatted(7000 + i, 1795226400L + i * 60, i % 3 == 0 ? "error" : "info", i, tags))
        .reduce((a, b) -> a + "," + b).map(events -> "{\"events\":[" + events + "]}").orElseThrow();
  }
}
