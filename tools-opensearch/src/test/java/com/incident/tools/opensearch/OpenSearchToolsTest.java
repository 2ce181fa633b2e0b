package com.incident.tools.opensearch;

import static com.incident.tools.opensearch.ToolCalls.call;
import static com.incident.tools.opensearch.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.tool.ToolNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Lambda handler, configured from env, against a real OpenSearch node holding the generated corpus. */
class OpenSearchToolsTest {
  static OpenSearchHandler handler;
  static final String END = LogCorpus.END.toString();
  static final String INDEX = "eks-app-logs*";

  @BeforeAll
  static void start() {
    EmbeddedOpenSearch node = EmbeddedOpenSearch.get();
    handler = new OpenSearchHandler(Wiring.production(Config.from(Env.of(Map.of(
        "OPENSEARCH_ENDPOINT", node.endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_INDEX", EmbeddedOpenSearch.INDEX,
        "OPENSEARCH_TIMEOUT_MS", "60000")))));
  }

  @Test
  void listsTheThreeToolsWithTheirSchemas() {
    JsonNode list = ToolCalls.invoke(handler, "{\"method\":\"tools/list\"}");
    List<String> names = new ArrayList<>();
    list.path("tools").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).containsExactly(ToolNames.SEARCH_LOGS, ToolNames.ERROR_SUMMARY, ToolNames.ANOMALY_DETECTION);
    assertThat(list.path("tools").path(0).path("inputSchema").path("required")).hasSize(1);
  }

  @Test
  void searchCollapsesIdenticalLinesAndReportsFirstAndLastSeen() {
    JsonNode r = call(handler, ToolNames.SEARCH_LOGS, Map.of("index", INDEX, "query", "\"Java heap space\"", "size", 100, "end_time", END));

    assertThat(r.path("isError").asBoolean()).isFalse();
    JsonNode s = r.path("structuredContent");
    assertThat(s.path("total").asLong()).isEqualTo(120);
    assertThat(s.path("lines")).hasSize(1);
    JsonNode line = s.path("lines").path(0);
    assertThat(line.path("count").asInt()).isEqualTo(100);
    assertThat(line.path("pods").asInt()).isEqualTo(2);
    assertThat(line.path("message").asText()).isEqualTo(LogCorpus.OOM);
    assertThat(line.path("service").asText()).isEqualTo("payment-api");
    assertThat(line.path("namespace").asText()).isEqualTo("shop");
    assertThat(line.path("lastSeen").asText()).startsWith("2026-11-21T14:12:");
    assertThat(line.path("firstSeen").asText()).startsWith("2026-11-21T14:04:");
    assertThat(text(r)).contains("hits: 120").contains("x100 (first 2026-11-21T14:04:").contains(", 2 pods)").contains(LogCorpus.OOM);
  }

  @Test
  void searchFiltersByFieldsAndTimeWindowNewestFirst() {
    JsonNode r = call(handler, ToolNames.SEARCH_LOGS, Map.of(
        "query", "kubernetes.labels.app.keyword:catalog AND level:ERROR", "hours", 2, "end_time", END));

    JsonNode lines = r.path("structuredContent").path("lines");
    assertThat(r.path("structuredContent").path("total").asLong()).isEqualTo(3);
    assertThat(lines).hasSize(1);
    assertThat(lines.path(0).path("count").asInt()).isEqualTo(3);
    assertThat(lines.path(0).path("firstSeen").asText()).startsWith("2026-11-21T13:07:");
    assertThat(lines.path(0).path("lastSeen").asText()).startsWith("2026-11-21T13:41:");

    JsonNode recent = call(handler, ToolNames.SEARCH_LOGS, Map.of("query", "status:[500 TO 599] OR level:ERROR", "size", 5, "end_time", END));
    assertThat(recent.path("structuredContent").path("total").asLong()).isEqualTo(LogCorpus.INCIDENT_ERRORS + 2);
    assertThat(recent.path("structuredContent").path("lines").path(0).path("lastSeen").asText()).startsWith("2026-11-21T14:12:");
  }

  @Test
  void searchRedactsCredentialsInLogLines() {
    JsonNode r = call(handler, ToolNames.SEARCH_LOGS, Map.of("query", "\"DB login failed\"", "end_time", END));

    assertThat(r.path("structuredContent").path("total").asLong()).isEqualTo(1);
    assertThat(r.path("structuredContent").path("lines").path(0).path("message").asText())
        .contains("DB login failed").contains("[REDACTED");
  }

  @Test
  void errorSummaryCountsErrorsPerServiceWithTopMessagesAndTheRisingMinute() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "service", "end_time", END));

    JsonNode s = r.path("structuredContent");
    assertThat(s.path("total").asLong()).isEqualTo(LogCorpus.INCIDENT_ERRORS + 2);
    assertThat(s.path("risingSince").asText()).isEqualTo("2026-11-21T14:03:00Z");
    JsonNode payment = s.path("groups").path(0);
    assertThat(payment.path("key").asText()).isEqualTo("payment-api");
    assertThat(payment.path("count").asLong()).isEqualTo(LogCorpus.INCIDENT_ERRORS);
    assertThat(payment.path("topMessages").path(0).path("message").asText()).isEqualTo(LogCorpus.OOM);
    assertThat(payment.path("topMessages").path(0).path("count").asLong()).isEqualTo(120);
    assertThat(payment.path("topMessages").path(0).path("examplePod").asText()).startsWith("payment-api-");
    assertThat(s.path("groups").path(1).path("key").asText()).isEqualTo("catalog");
    assertThat(s.path("groups").path(1).path("count").asLong()).isEqualTo(2);
    assertThat(text(r)).contains("errors started rising at 2026-11-21T14:03:00Z");
  }

  @Test
  void errorSummaryGroupsByStatusCodeAndPod() {
    JsonNode byCode = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "error_code", "end_time", END)).path("structuredContent");
    assertThat(byCode.path("groups").path(0).path("key").asText()).isEqualTo(LogSource.NONE);
    assertThat(byCode.path("groups").path(0).path("count").asLong()).isEqualTo(LogCorpus.INCIDENT_ERRORS + 2 - 80);
    assertThat(byCode.path("groups").path(1).path("key").asText()).isEqualTo("503");
    assertThat(byCode.path("groups").path(1).path("count").asLong()).isEqualTo(80);

    JsonNode byPod = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "pod", "end_time", END)).path("structuredContent");
    long sum = 0;
    for (JsonNode g : byPod.path("groups")) {
      sum += g.path("count").asLong();
    }
    assertThat(sum).isEqualTo(LogCorpus.INCIDENT_ERRORS + 2);
    assertThat(byPod.path("groups").path(0).path("key").asText()).isEqualTo("payment-api-7c9d8f-x2k4p");
  }

  @Test
  void anomalyDetectionNamesTheBurstAndNotesTheMissingPlugin() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("hours", 3, "interval", "1m", "end_time", END));

    JsonNode s = r.path("structuredContent");
    assertThat(s.path("anomalies")).hasSize(1);
    JsonNode run = s.path("anomalies").path(0);
    assertThat(run.path("start").asText()).isEqualTo("2026-11-21T14:03:00Z");
    assertThat(run.path("end").asText()).isEqualTo("2026-11-21T14:13:00Z");
    assertThat(run.path("peakScore").asDouble()).isGreaterThan(RobustDetector.THRESHOLD);
    assertThat(s.path("pluginAvailable").asBoolean()).isFalse();
    assertThat(text(r)).contains("Anomaly Detection plugin: the Anomaly Detection plugin is not installed");
  }

  @Test
  void anomalyDetectionFindsNothingInTheQuietHour() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("hours", 1, "end_time", "2026-11-21T14:00:00Z"));

    assertThat(r.path("isError").asBoolean()).isFalse();
    assertThat(r.path("structuredContent").path("anomalies")).isEmpty();
    assertThat(text(r)).contains("anomalous intervals: 0 (none)");
  }

  @Test
  void anomalyDetectionOnANumericFieldAveragesPerInterval() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("field", "status", "hours", 1, "end_time", END));

    JsonNode runs = r.path("structuredContent").path("anomalies");
    assertThat(runs).isNotEmpty();
    assertThat(runs.path(0).path("start").asText()).isEqualTo("2026-11-21T14:03:00Z");
    assertThat(r.path("structuredContent").path("median").asDouble()).isEqualTo(200.0);
  }

  @Test
  void anomalyDetectionOnLatencyNamesTheSlowMinutes() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("field", LogCorpus.LATENCY, "hours", 2, "end_time", END));

    JsonNode runs = r.path("structuredContent").path("anomalies");
    assertThat(runs).hasSize(1);
    assertThat(runs.path(0).path("start").asText()).isEqualTo("2026-11-21T14:03:00Z");
    assertThat(runs.path(0).path("end").asText()).isEqualTo("2026-11-21T14:13:00Z");
    assertThat(text(r)).contains("series=avg(" + LogCorpus.LATENCY + ") per 1m");
  }

  @Test
  void missingIndexIsAClearError() {
    JsonNode r = call(handler, ToolNames.SEARCH_LOGS, Map.of("index", "no-such-logs", "query", "*", "end_time", END));

    assertThat(r.path("isError").asBoolean()).isTrue();
    assertThat(text(r)).startsWith("Index 'no-such-logs' does not exist");
  }

  @Test
  void badQuerySyntaxIsAClearError() {
    JsonNode r = call(handler, ToolNames.SEARCH_LOGS, Map.of("query", "level:(ERROR AND", "end_time", END));

    assertThat(r.path("isError").asBoolean()).isTrue();
    assertThat(text(r)).startsWith("Query syntax error").doesNotContain("at org.");
  }

  @Test
  void argumentsOutsideTheSchemaAreRejectedBeforeAnyQuery() {
    assertThat(text(call(handler, ToolNames.ANOMALY_DETECTION, Map.of("interval", "1 minute")))).contains("Invalid arguments");
    assertThat(text(call(handler, ToolNames.SEARCH_LOGS, Map.of("query", "*", "size", 500)))).contains("Invalid arguments");
    assertThat(text(call(handler, ToolNames.SEARCH_LOGS, Map.of("query", "*", "index", "_all")))).contains("must be an index name");
    assertThat(text(call(handler, ToolNames.ANOMALY_DETECTION, Map.of("hours", 48, "interval", "10s")))).contains("more than 2000 intervals");
  }
}
