package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.ToolNames;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OpenSearch tool answers with structured content that validates against the outputSchema it publishes, from
 * the real handler over embedded OpenSearch holding the generated corpus (the sandbox's in-memory source is checked
 * the same way in the fixtures module): with data, and with none (a window without logs, a query matching nothing), where the result says why.
 */
class OutputContractTest {
  static final String END = LogCorpus.END.toString();
  static final String QUIET = "2026-11-21T10:00:00Z";

  static OpenSearchHandler handler;
  static Map<String, Map<String, Object>> schemas;

  @BeforeAll
  static void start() {
    EmbeddedOpenSearch node = EmbeddedOpenSearch.get();
    handler = new OpenSearchHandler(Wiring.production(Config.from(Env.of(Map.of(
        "OPENSEARCH_ENDPOINT", node.endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_INDEX", EmbeddedOpenSearch.INDEX,
        "OPENSEARCH_TIMEOUT_MS", "60000")))));
    schemas = new HashMap<>();
    ToolCalls.invoke(handler, "{\"method\":\"tools/list\"}").path("tools").forEach(t -> schemas.put(t.path("name").asText(),
        Json.MAPPER.convertValue(t.path("outputSchema"), Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class))));
  }

  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of(ToolNames.SEARCH_LOGS, true, Map.of("query", "\"Java heap space\"", "size", 100, "end_time", END)),
        Arguments.of(ToolNames.SEARCH_LOGS, true, Map.of("query", "status:[500 TO 599] OR level:ERROR", "size", 100, "hours", 3, "end_time", END)),
        Arguments.of(ToolNames.SEARCH_LOGS, true, Map.of("query", "*", "size", 100, "hours", 2, "end_time", END)),
        Arguments.of(ToolNames.SEARCH_LOGS, false, Map.of("query", "\"no such message anywhere\"", "end_time", END)),
        Arguments.of(ToolNames.SEARCH_LOGS, false, Map.of("query", "*", "end_time", QUIET)),
        Arguments.of(ToolNames.ERROR_SUMMARY, true, Map.of("group_by", "service", "end_time", END)),
        Arguments.of(ToolNames.ERROR_SUMMARY, true, Map.of("group_by", "pod", "top", 20, "hours", 2, "end_time", END)),
        Arguments.of(ToolNames.ERROR_SUMMARY, true, Map.of("group_by", "error_code", "end_time", END)),
        Arguments.of(ToolNames.ERROR_SUMMARY, true, Map.of("group_by", "message", "top", 20, "hours", 2, "end_time", END)),
        Arguments.of(ToolNames.ERROR_SUMMARY, false, Map.of("end_time", QUIET)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, true, Map.of("hours", 3, "end_time", END)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, true, Map.of("field", "status", "hours", 1, "interval", "30s", "end_time", END)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, true, Map.of("field", LogCorpus.LATENCY, "hours", 2, "end_time", END)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, false, Map.of("field", "kubernetes.pod_name", "end_time", END)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, true, Map.of("hours", 1, "end_time", QUIET)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("calls")
  void realOpenSearchResultsValidateAgainstThePublishedOutputSchema(String tool, boolean data, Map<String, Object> arguments) {
    assertConforms(tool, data, ToolCalls.call(handler, tool, arguments));
  }

  private static void assertConforms(String tool, boolean data, JsonNode result) {
    assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(schemas.get(tool), structured)).isNull();
    assertThat(structured.has("noDataReason")).as("noDataReason in %s", structured).isEqualTo(!data);
  }
}
