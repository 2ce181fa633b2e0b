package com.incident.tools.insight.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tools over a fake MetricSource: what they ask for, how they validate, how large their answers get. */
class ContainerInsightTargetTest {
  static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");
  static final Instant ALARM = Instant.parse("2026-11-21T03:15:00Z");

  final FakeMetricSource source = new FakeMetricSource();
  final ToolDispatcher dispatcher = new ToolDispatcher(
      new ContainerInsightTarget(source, Config.from(Env.of(Map.of())), Clock.fixed(NOW, ZoneOffset.UTC)),
      ToolLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC), MetricsSink.NOOP);

  @Test
  void endTimeAnchorsTheWindowAroundTheAlarm() {
    pod("default", "api", 50);

    call(ToolNames.POD_METRICS, Map.of("cluster_name", "c1", "pod_name", "api", "end_time", ALARM.toString(), "period", 300));

    assertThat(source.ranges).singleElement().satisfies(r -> {
      assertThat(r.start()).isEqualTo(ALARM.minus(Duration.ofMinutes(30)));
      assertThat(r.end()).isEqualTo(ALARM.plus(Duration.ofMinutes(30)));
      assertThat(r.periodSeconds()).isEqualTo(300);
    });
  }

  @Test
  void withoutEndTimeTheWindowIsTheLastMinutes() {
    pod("default", "api", 50);

    call(ToolNames.POD_METRICS, Map.of("cluster_name", "c1", "minutes", 90));

    assertThat(source.ranges.getFirst().start()).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    assertThat(source.ranges.getFirst().end()).isEqualTo(NOW);
  }

  @Test
  void manyPodsAreRankedInOneBatchAndOnlyTheTopNGetTheFullMetricSet() {
    IntStream.range(0, 40).forEach(i -> pod("default", "worker-" + i, i));

    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", "c1", "top_n", 3));

    assertThat(source.fetches).hasSize(2);
    assertThat(source.fetches.get(0)).hasSize(40).allSatisfy(q -> {
      assertThat(q.metricName()).isEqualTo("pod_cpu_utilization");
      assertThat(q.stat()).isEqualTo("Maximum");
    });
    assertThat(source.fetches.get(1)).hasSize(3 * MetricSpec.POD.size())
        .extracting(q -> q.dimensions().get("PodName")).containsOnly("worker-39", "worker-38", "worker-37");
    assertThat(source.fetches.get(1)).extracting(MetricQuery::metricName).contains(
        "pod_cpu_utilization", "pod_memory_utilization", "pod_cpu_utilization_over_pod_limit",
        "pod_memory_utilization_over_pod_limit", "pod_network_rx_bytes", "pod_network_tx_bytes", "pod_number_of_container_restarts");
    assertThat(text(result)).contains("ranked 40 pods by peak pod_cpu_utilization; showing the top 3");
  }

  @Test
  void missingLimitMetricsAreExplainedAsPodsWithoutLimits() {
    pod("default", "api", 50);

    String text = text(call(ToolNames.POD_METRICS, Map.of("cluster_name", "c1", "pod_name", "api")));

    assertThat(text).contains("pod default/api\n  cpu%").contains("  no data pod_cpu_utilization_over_pod_limit - ")
        .contains("the pod sets no CPU limit");
  }

  @Test
  void theLargestAnswerStaysWithinTheTextBound() {
    String longName = "a-very-long-workload-name-that-goes-on-and-on-for-a-while";
    IntStream.range(0, 60).forEach(i -> {
      Map<String, String> dims = Map.of("ClusterName", "c1", "Namespace", "payments-namespace-" + i, "PodName", longName + "-" + i);
      MetricSpec.POD.forEach(spec -> source.put(spec.metric(), dims, spec.stat(), ramp(i)));
      source.put("pod_cpu_utilization", dims, "Maximum", ramp(i));
    });

    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", "c1", "top_n", Config.MAX_TOP_N, "minutes", 1440, "period", 60));

    String text = text(result);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
    assertThat(text).doesNotContain("[truncated").contains("pod payments-namespace-")
        .containsPattern("note: \\d+ more pods left out to stay within the output bound");
    assertThat(result.at("/structuredContent/pods")).hasSize(Config.MAX_TOP_N);
  }

  @Test
  void invalidArgumentsAreRejectedWithTheFieldName() {
    assertThat(errorOf(Map.of("cluster_name", "c1", "minutes", 0))).contains("minutes");
    assertThat(errorOf(Map.of("cluster_name", "c1", "minutes", 1441))).contains("minutes");
    assertThat(errorOf(Map.of("cluster_name", "c1", "period", 90))).contains("period");
    assertThat(errorOf(Map.of("cluster_name", "bad name!"))).contains("cluster_name");
    assertThat(errorOf(Map.of("cluster_name", "c1", "end_time", "yesterday"))).contains("end_time");
    assertThat(errorOf(Map.of("cluster_name", "c1", "end_time", NOW.plus(Duration.ofHours(2)).toString()))).contains("future");
    assertThat(errorOf(Map.of("cluster_name", "c1", "minutes", 1, "end_time", NOW.plus(Duration.ofMinutes(4)).toString())))
        .contains("no data window");
    assertThat(errorOf(Map.of("namespace", "default"))).contains("cluster_name");
    assertThat(source.fetches).isEmpty();
  }

  @Test
  void everyToolHasAStrictSchemaRequiringTheClusterName() {
    List<JsonNode> tools = List.copyOf(Json.MAPPER.valueToTree(dispatcher.tools()).findParents("inputSchema"));

    assertThat(tools).hasSize(3).allSatisfy(t -> {
      assertThat(t.at("/inputSchema/required/0").asText()).isEqualTo("cluster_name");
      assertThat(t.at("/inputSchema/additionalProperties").asBoolean()).isFalse();
      assertThat(t.at("/inputSchema/properties/period/multipleOf").asInt()).isEqualTo(60);
      assertThat(t.at("/annotations/readOnlyHint").asBoolean()).isTrue();
    });
  }

  private String errorOf(Map<String, Object> arguments) {
    JsonNode result = call(ToolNames.POD_METRICS, arguments);
    assertThat(result.path("isError").asBoolean()).as("isError for %s", arguments).isTrue();
    return text(result);
  }

  private void pod(String namespace, String name, double cpu) {
    Map<String, String> dims = Map.of("ClusterName", "c1", "Namespace", namespace, "PodName", name);
    List<MetricSeries.Point> points = List.of(new MetricSeries.Point(NOW.minusSeconds(120), cpu),
        new MetricSeries.Point(ALARM, cpu));
    source.put("pod_cpu_utilization", dims, "Average", points);
    source.put("pod_cpu_utilization", dims, "Maximum", points);
    source.put("pod_memory_utilization", dims, "Average", points);
  }

  private static List<MetricSeries.Point> ramp(int seed) {
    return IntStream.range(0, 1440).mapToObj(i -> new MetricSeries.Point(NOW.minusSeconds(60L * (1440 - i)), (i * 7 + seed) % 100 + 0.123)).toList();
  }

  @Test
  void anchorsOutsideASaneRangeAndOversizedIntegersAreArgumentErrors() {
    for (Map<String, Object> arguments : List.<Map<String, Object>>of(
        Map.of("cluster_name", "c1", "end_time", "1970-01-01T00:00:00Z"),
        Map.of("cluster_name", "c1", "end_time", "2100-01-01T00:00:00Z"),
        Map.of("cluster_name", "c1", "end_time", "-1000000000-01-01T00:00:00Z"),
        Map.of("cluster_name", "c1", "minutes", 4294967297L),
        Map.of("cluster_name", "c1", "top_n", 2.5))) {
      JsonNode result = call(ToolNames.POD_METRICS, arguments);
      assertThat(result.path("isError").asBoolean()).as(arguments.toString()).isTrue();
      assertThat(text(result)).as(arguments.toString()).containsAnyOf("end_time", "minutes", "top_n")
          .doesNotContain("internal error");
    }
  }

  private JsonNode call(String tool, Map<String, Object> arguments) {
    return dispatcher.handle(Json.MAPPER.valueToTree(Map.of("method", "tools/call", "name", tool, "arguments", arguments)), null);
  }

  private static String text(JsonNode result) {
    return result.at("/content/0/text").asText();
  }
}
