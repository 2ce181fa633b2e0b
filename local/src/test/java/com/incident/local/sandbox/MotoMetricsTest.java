package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.MotoServer;
import com.incident.local.scenario.Scenario;
import com.incident.tools.insight.source.CloudWatchMetricSource;
import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import com.incident.tools.insight.source.TimeRange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The scenario's series put into moto's CloudWatch answer GetMetricData as the in-memory source does, fix included. */
class MotoMetricsTest {
  static final Map<String, String> UI = Map.of("ClusterName", "c", "Namespace", "default", "PodName", "ui");

  final Scenario.RecoversWhen stressGone = Scenario.RecoversWhen.deleted("Pod/default/stress-x9f2k");
  final Scenario.Metric cpu = new Scenario.Metric("ContainerInsights", "pod_cpu_utilization", UI, "Percent",
      List.of(new double[] {-3, 20}, new double[] {-2, 85}, new double[] {-1, 96}, new double[] {0, 97}),
      List.of(new double[] {0, 30}, new double[] {1, 18}, new double[] {2, 16}), stressGone);
  final Set<Scenario.RecoversWhen> holding = new HashSet<>();
  final Timeline timeline = new Timeline(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES), 2);
  final ScenarioMetricSource memory = new ScenarioMetricSource(List.of(cpu), "ContainerInsights", timeline, holding::contains);

  @Test
  void cloudWatchFollowsTheTimelineAndTheRecoveryCondition() {
    MotoServer moto = MotoServer.get();
    MotoMetrics published = MotoMetrics.start(memory, "ContainerInsights");
    CloudWatchMetricSource production = new CloudWatchMetricSource(CloudWatchClient.builder().endpointOverride(moto.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(), "ContainerInsights");
    TimeRange range = new TimeRange(timeline.at(-10), timeline.at(10), 60);
    List<MetricQuery> query = List.of(new MetricQuery("cpu", "pod_cpu_utilization", new java.util.TreeMap<>(UI), "Average"));

    assertThat(values(production, query, range)).containsExactly(20.0, 85.0, 96.0, 97.0).isEqualTo(values(memory, query, range));
    assertThat(production.dimensionSets("pod_cpu_utilization", Map.of("Namespace", "default"), 10)).containsExactly(new java.util.TreeMap<>(UI));

    timeline.remediated();
    published.sync();
    assertThat(values(production, query, range)).as("a fix of something else: the alarm's metric stays high")
        .isEqualTo(values(memory, query, range)).endsWith(97.0, 97.0);

    holding.add(stressGone);
    published.sync();
    assertThat(values(production, query, range)).containsExactly(20.0, 85.0, 96.0, 97.0, 18.0, 16.0)
        .isEqualTo(values(memory, query, range));
  }

  private static List<Double> values(com.incident.tools.insight.source.MetricSource source, List<MetricQuery> query, TimeRange range) {
    return source.fetch(query, range).get("cpu").points().stream().map(MetricSeries.Point::value).toList();
  }
}
