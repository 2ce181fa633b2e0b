package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.scenario.Scenario;
import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import com.incident.tools.insight.source.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioMetricSourceTest {
  static final Instant ANCHOR = Instant.parse("2026-11-21T03:15:00Z");
  static final Map<String, String> POD = Map.of("ClusterName", "c", "Namespace", "default", "PodName", "ui");

  final Scenario.Metric cpu = new Scenario.Metric("ContainerInsights", "pod_cpu_utilization", POD, "Percent",
      List.of(new double[] {-2, 10}, new double[] {-1, 90}, new double[] {0, 95}, new double[] {3, 97}),
      List.of(new double[] {0, 20}, new double[] {1, 15}, new double[] {2, 12}));
  final Scenario.Metric stress = new Scenario.Metric("ContainerInsights", "pod_cpu_utilization",
      Map.of("ClusterName", "c", "Namespace", "default", "PodName", "stress-ng"), "Percent",
      List.of(new double[] {-1, 99}, new double[] {0, 99}), List.of());
  final Scenario.Metric node = new Scenario.Metric(null, "node_cpu_utilization", Map.of("ClusterName", "c", "NodeName", "n1"),
      "Percent", List.of(new double[] {-1, 50}, new double[] {0, 60}), null);

  final Timeline timeline = new Timeline(ANCHOR, 2);
  final ScenarioMetricSource source = new ScenarioMetricSource(List.of(cpu, stress, node), "ContainerInsights", timeline,
      when -> true);

  @Test
  void revealsDataUpToThePresentAtTheAnchoredTimes() {
    assertThat(source.visible(cpu)).extracting(p -> p[0]).containsExactly(-2.0, -1.0, 0.0);

    timeline.advanceTo(3);
    assertThat(source.visible(cpu)).extracting(p -> p[0]).containsExactly(-2.0, -1.0, 0.0, 3.0);
    assertThat(timeline.at(-1)).isEqualTo(Instant.parse("2026-11-21T03:14:00Z"));
  }

  @Test
  void aFixSwitchesToTheAfterSeriesAndMovesTheClockForward() {
    timeline.remediated();

    assertThat(source.visible(cpu)).extracting(p -> p[1]).containsExactly(10.0, 90.0, 95.0, 15.0, 12.0);
    assertThat(source.visible(stress)).extracting(p -> p[0]).containsExactly(-1.0, 0.0);
    assertThat(source.visible(node)).extracting(p -> p[1]).containsExactly(50.0, 60.0, 60.0, 60.0);
    assertThat(timeline.at(2)).isEqualTo(ANCHOR);
  }

  @Test
  void aSeriesWithARecoveryConditionSwitchesOnlyOnceItHoldsInTheCluster() {
    Scenario.RecoversWhen stressGone = Scenario.RecoversWhen.deleted("Pod/default/stress-x9f2k");
    Scenario.Metric guarded = new Scenario.Metric("ContainerInsights", "pod_cpu_utilization", POD, "Percent",
        cpu.points(), cpu.afterRemediation(), stressGone);
    java.util.Set<Scenario.RecoversWhen> holding = new java.util.HashSet<>();
    ScenarioMetricSource cluster = new ScenarioMetricSource(List.of(guarded), "ContainerInsights", timeline, holding::contains);
    timeline.remediated();

    assertThat(cluster.visible(guarded)).as("the fix touched something else: the alarm's metric carries on")
        .extracting(p -> p[1]).containsExactly(10.0, 90.0, 95.0, 95.0, 95.0);

    holding.add(stressGone);
    assertThat(cluster.visible(guarded)).extracting(p -> p[1]).containsExactly(10.0, 90.0, 95.0, 15.0, 12.0);
  }

  @Test
  void answersLikeGetMetricDataWithExactDimensionsBucketsAndStatistics() {
    TimeRange range = new TimeRange(ANCHOR.minusSeconds(600), ANCHOR.plusSeconds(60), 120);
    Map<String, MetricSeries> out = source.fetch(List.of(
        new MetricQuery("max", "pod_cpu_utilization", POD, "Maximum"),
        new MetricQuery("avg", "pod_cpu_utilization", POD, "Average"),
        new MetricQuery("none", "pod_cpu_utilization", Map.of("ClusterName", "c"), "Average")), range);

    assertThat(out.get("max").points()).extracting(MetricSeries.Point::value).containsExactly(10.0, 95.0);
    assertThat(out.get("avg").points()).extracting(MetricSeries.Point::value).containsExactly(10.0, 92.5);
    assertThat(out.get("none").isEmpty()).isTrue();
    assertThat(source.dimensionSets("pod_cpu_utilization", Map.of("Namespace", "default"), 10)).hasSize(2);
    assertThat(ScenarioMetricSource.reduce(List.of(1.0, 2.0, 3.0, 4.0), "p50")).isEqualTo(2.0);
  }
}
