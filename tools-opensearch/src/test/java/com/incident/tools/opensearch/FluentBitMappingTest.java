package com.incident.tools.opensearch;

import static com.incident.tools.opensearch.ToolCalls.call;
import static com.incident.tools.opensearch.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.tool.ToolNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools on indices as Fluent Bit and dynamic mapping really make them (see {@link FluentBitIndices}): stack
 * traces longer than the keyword limit, a text {@code status}, a pattern whose indices map {@code status}
 * differently, and an index with analysed text only. Nothing may fail with a 400; what cannot be checked is a gap.
 */
class FluentBitMappingTest {
  static final int ERRORS = FluentBitIndices.CHARGE_TRACES + FluentBitIndices.DB_TRACES + FluentBitIndices.DECLINED
      + FluentBitIndices.TEXT_503 + FluentBitIndices.NUMERIC_502;
  static OpenSearchHandler handler;

  @BeforeAll
  static void start() {
    EmbeddedOpenSearch node = FluentBitIndices.node();
    handler = new OpenSearchHandler(Wiring.production(Config.from(Env.of(Map.of(
        "OPENSEARCH_ENDPOINT", node.endpoint, "OPENSEARCH_AUTH", "none", "OPENSEARCH_INDEX", FluentBitIndices.PATTERN,
        "OPENSEARCH_TIMEOUT_MS", "60000")))));
  }

  @Test
  void stackTracesLongerThanTheKeywordLimitAreGroupedByTheirNormalisedFirstLine() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "message", "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    JsonNode s = r.path("structuredContent");
    assertThat(s.path("total").asLong()).isEqualTo(ERRORS);
    assertThat(groupCounts(s)).containsEntry(FluentBitIndices.CHARGE_KEY, (long) FluentBitIndices.CHARGE_TRACES)
        .containsEntry(FluentBitIndices.DB_KEY, (long) FluentBitIndices.DB_TRACES)
        .containsEntry(FluentBitIndices.DECLINED_LINE, (long) FluentBitIndices.DECLINED)
        .containsEntry("POST /api/v1/payments 503", (long) FluentBitIndices.TEXT_503)
        .containsEntry("POST /api/v1/orders 502", (long) FluentBitIndices.NUMERIC_502);
    JsonNode grouping = s.path("grouping");
    assertThat(grouping.path("method").asText()).isEqualTo("long_lines_sampled");
    assertThat(grouping.path("of").asLong()).isEqualTo(FluentBitIndices.CHARGE_TRACES + FluentBitIndices.DB_TRACES);
    assertThat(grouping.path("sampled").asLong()).isEqualTo(FluentBitIndices.CHARGE_TRACES + FluentBitIndices.DB_TRACES);
    assertThat(grouping.path("detail").asText()).contains("log.keyword ignore_above 256");
    assertThat(s.path("gaps")).isEmpty();
    assertThat(text(r)).contains("grouping: 40 error lines are not in the keyword field");
  }

  @Test
  void aTextStatusIsMatchedOnItsKeywordValuesAndANumericOneByRangeUnderOnePattern() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "service", "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    JsonNode s = r.path("structuredContent");
    assertThat(s.path("total").asLong()).isEqualTo(ERRORS);
    assertThat(groupCounts(s)).containsEntry("payment-api", (long) FluentBitIndices.CHARGE_TRACES + FluentBitIndices.DB_TRACES)
        .containsEntry("checkout", (long) FluentBitIndices.DECLINED + FluentBitIndices.TEXT_503 + FluentBitIndices.NUMERIC_502);
    JsonNode payment = s.path("groups").path(0);
    assertThat(payment.path("key").asText()).isEqualTo("payment-api");
    assertThat(payment.path("topMessages").path(0).path("message").asText()).isEqualTo(FluentBitIndices.CHARGE_KEY);
    assertThat(payment.path("topMessages").path(0).path("count").asLong()).isEqualTo(FluentBitIndices.CHARGE_TRACES);
    assertThat(payment.path("topMessages").path(0).path("examplePod").asText()).isEqualTo("payment-api-7c9d8f-x2k4p");
    assertThat(payment.path("topMessages").path(1).path("message").asText()).isEqualTo(FluentBitIndices.DB_KEY);
  }

  @Test
  void groupingByAStatusMappedDifferentlyPerIndexFallsBackToASampleAndSaysWhy() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("group_by", "error_code", "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    JsonNode s = r.path("structuredContent");
    assertThat(groupCounts(s)).containsEntry("503", (long) FluentBitIndices.TEXT_503)
        .containsEntry("502", (long) FluentBitIndices.NUMERIC_502)
        .containsEntry(LogSource.NONE, (long) FluentBitIndices.CHARGE_TRACES + FluentBitIndices.DB_TRACES + FluentBitIndices.DECLINED);
    assertThat(s.path("grouping").path("method").asText()).isEqualTo("sampled");
    assertThat(s.path("grouping").path("of").asLong()).isEqualTo(ERRORS);
    assertThat(s.path("gaps").path(0).asText()).startsWith("group_by=error_code cannot be aggregated on 'status'")
        .contains(FluentBitIndices.DYNAMIC + ": text").contains(FluentBitIndices.NUMERIC_STATUS + ": long");
  }

  @Test
  void averagingAFieldThatIsNotNumericEverywhereIsAGapNotAnError() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("field", "status", "hours", 1, "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    assertThat(r.path("structuredContent").path("gaps").path(0).asText())
        .startsWith("avg(status) not checked: 'status' is not numeric in every index");
    assertThat(text(r)).contains("not enough data").contains("not checked: avg(status)");
  }

  @Test
  void errorVolumeOverThePatternCountsTextAndNumericStatus() {
    JsonNode r = call(handler, ToolNames.ANOMALY_DETECTION, Map.of("hours", 1, "interval", "5m", "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    assertThat(r.path("structuredContent").path("gaps")).isEmpty();
  }

  @Test
  void anAliasIsResolvedToTheIndicesBehindIt() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("index", FluentBitIndices.ALIAS, "group_by", "message",
        "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    assertThat(r.path("structuredContent").path("total").asLong()).isEqualTo(ERRORS - FluentBitIndices.NUMERIC_502);
    assertThat(groupCounts(r.path("structuredContent"))).containsEntry(FluentBitIndices.CHARGE_KEY, (long) FluentBitIndices.CHARGE_TRACES);
  }

  @Test
  void onAnalysedTextOnlyLevelsAreMatchedStatusIsAGapAndGroupsComeFromASample() {
    JsonNode r = call(handler, ToolNames.ERROR_SUMMARY, Map.of("index", FluentBitIndices.TEXT_ONLY, "group_by", "message",
        "end_time", FluentBitIndices.END));

    assertThat(r.path("isError").asBoolean()).as(text(r)).isFalse();
    JsonNode s = r.path("structuredContent");
    assertThat(s.path("total").asLong()).isEqualTo(4);
    assertThat(groupCounts(s)).containsExactly(Map.entry(FluentBitIndices.CHARGE_KEY, 4L));
    assertThat(s.path("grouping").path("method").asText()).isEqualTo("sampled");
    assertThat(s.path("gaps").path(0).asText())
        .isEqualTo("HTTP 5xx in 'status' not checked in " + FluentBitIndices.TEXT_ONLY
            + " (text without a keyword sub-field): no exact or numeric form to query");
    assertThat(text(r)).contains("not checked: HTTP 5xx in 'status'");
  }

  @Test
  void fieldCapsGiveTheSameFieldViewAsTheMappingOnARealNode() throws Exception {
    EmbeddedOpenSearch node = FluentBitIndices.node();
    IndexMapping fromMapping = IndexMapping.parse(get(node, "/" + FluentBitIndices.PATTERN + "/_mapping"));
    IndexMapping fromCaps = IndexMapping.fromFieldCaps(get(node, "/" + FluentBitIndices.PATTERN + "/_field_caps?fields=*"));

    assertThat(fromCaps.indices()).containsExactly(FluentBitIndices.DYNAMIC, FluentBitIndices.NUMERIC_STATUS);
    for (String field : new String[] {"status", "level", "log", "kubernetes.pod_name", "@timestamp"}) {
      Map<String, String> expected = new LinkedHashMap<>();
      fromMapping.field(field).forEach((index, f) -> expected.put(index, f.kind() + " " + f.exact()));
      Map<String, String> actual = new LinkedHashMap<>();
      fromCaps.field(field).forEach((index, f) -> actual.put(index, f.kind() + " " + f.exact()));
      assertThat(actual).as(field).isEqualTo(expected).isNotEmpty();
    }
    assertThat(fromMapping.field("log").get(FluentBitIndices.DYNAMIC).ignoreAbove()).isEqualTo(256);
    assertThat(fromMapping.field("status").get(FluentBitIndices.NUMERIC_STATUS).kind()).isEqualTo(IndexMapping.Kind.NUMERIC);
  }

  private static JsonNode get(EmbeddedOpenSearch node, String path) throws Exception {
    try (var r = node.client.execute(org.opensearch.client.opensearch.generic.Requests.builder().method("GET").endpoint(path).build())) {
      return com.incident.common.json.Json.MAPPER.readTree(r.getBody().orElseThrow().bodyAsString());
    }
  }

  private static Map<String, Long> groupCounts(JsonNode structured) {
    Map<String, Long> out = new LinkedHashMap<>();
    structured.path("groups").forEach(g -> out.put(g.path("key").asText(), g.path("count").asLong()));
    return out;
  }
}
