package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory source (used by the sandbox) must answer exactly like OpenSearch on the same corpus. */
class LogSourceParityTest {
  static final String END = LogCorpus.END.toString();
  static OpenSearchTools real;
  static OpenSearchTools memory;

  @BeforeAll
  static void sources() {
    EmbeddedOpenSearch node = EmbeddedOpenSearch.get();
    Clock clock = Clock.fixed(LogCorpus.END, ZoneOffset.UTC);
    real = new OpenSearchTools(new OpenSearchLogSource(node.client, LogSchema.DEFAULT, node.endpoint), EmbeddedOpenSearch.INDEX, clock);
    memory = new OpenSearchTools(new InMemoryLogSource(LogSchema.DEFAULT).add(EmbeddedOpenSearch.INDEX, node.corpus.events),
        EmbeddedOpenSearch.INDEX, clock);
  }

  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "\"Java heap space\"", "size", 100)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "level:ERROR AND NOT kubernetes.labels.app.keyword:payment-api", "hours", 2)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "status:>=500", "size", 10)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "(timeout OR heap) AND -pool", "hours", 3, "size", 100)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "kubernetes.pod_name.keyword:payment-api-7c9d8f-q9w3z AND upstr*", "size", 30)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "\"DB login failed\"")),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", "*", "hours", 1, "end_time", "2026-11-21T13:30:00Z", "size", 100)),
        Arguments.of(ToolNames.ERROR_SUMMARY, Map.of("group_by", "service")),
        Arguments.of(ToolNames.ERROR_SUMMARY, Map.of("group_by", "pod", "top", 3)),
        Arguments.of(ToolNames.ERROR_SUMMARY, Map.of("group_by", "error_code")),
        Arguments.of(ToolNames.ERROR_SUMMARY, Map.of("group_by", "message", "hours", 2)),
        Arguments.of(ToolNames.ERROR_SUMMARY, Map.of("hours", 1, "end_time", "2026-11-21T14:00:00Z")),
        Arguments.of(ToolNames.ANOMALY_DETECTION, Map.of("hours", 3)),
        Arguments.of(ToolNames.ANOMALY_DETECTION, Map.of("hours", 2, "interval", "5m")),
        Arguments.of(ToolNames.ANOMALY_DETECTION, Map.of("hours", 1, "interval", "30s", "field", "status")),
        Arguments.of(ToolNames.ANOMALY_DETECTION, Map.of("hours", 2, "field", LogCorpus.LATENCY)),
        Arguments.of(ToolNames.SEARCH_LOGS, Map.of("query", LogCorpus.LATENCY + ":[1000 TO *] AND kubernetes.labels.app.keyword:payment-api", "size", 5)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("calls")
  void inMemoryAnswersLikeOpenSearch(String tool, Map<String, Object> arguments) {
    Map<String, Object> args = new java.util.HashMap<>(arguments);
    args.putIfAbsent("end_time", END);
    ToolResult fromOpenSearch = run(real, tool, args);
    ToolResult fromMemory = run(memory, tool, args);

    JsonNode answer = structured(fromOpenSearch);
    // Guards against a vacuous match, such as both backends finding nothing.
    assertThat(answer.has("total") ? answer.path("total").asDouble() : answer.path("sigma").asDouble(-1)).isPositive();
    assertThat(withoutPluginNote(fromMemory.text())).isEqualTo(withoutPluginNote(fromOpenSearch.text()));
    assertThat(structured(fromMemory)).isEqualTo(structured(fromOpenSearch));
    assertThat(fromOpenSearch.text() + Json.write(fromOpenSearch.structured()))
        .doesNotContain(LogCorpus.SECRET_PASSWORD).doesNotContain(LogCorpus.SECRET_KEY);
  }

  @Test
  void bothRejectAMissingIndexAndBadSyntaxTheSameWay() {
    for (OpenSearchTools tools : List.of(real, memory)) {
      Throwable missing = catchThrowable(() -> run(tools, ToolNames.SEARCH_LOGS, Map.of("index", "nope", "query", "*")));
      assertThat(missing).isInstanceOf(ToolException.class).hasMessageStartingWith("Index 'nope' does not exist");
      Throwable syntax = catchThrowable(() -> run(tools, ToolNames.SEARCH_LOGS, Map.of("query", "\"unclosed phrase")));
      assertThat(syntax).isInstanceOf(ToolException.class).hasMessageStartingWith("Query syntax error");
    }
  }

  private static ToolResult run(OpenSearchTools tools, String name, Map<String, Object> args) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T14:15:00Z"), ZoneOffset.UTC);
    return tools.call(name, ToolArguments.of(args), new ToolContext("parity", Instant.MAX, clock));
  }

  private static JsonNode structured(ToolResult r) {
    ObjectNode node = (ObjectNode) Json.MAPPER.valueToTree(r.structured());
    node.remove("pluginNote");
    return node;
  }

  private static String withoutPluginNote(String text) {
    return text.replaceAll("Anomaly Detection plugin: .*", "");
  }
}
