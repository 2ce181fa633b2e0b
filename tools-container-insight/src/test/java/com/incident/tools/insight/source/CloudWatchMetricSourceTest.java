package com.incident.tools.insight.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.tool.ToolException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** Request shapes sent to CloudWatch, independent of any server: batching, pagination, error mapping. */
class CloudWatchMetricSourceTest {
  static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
  static final TimeRange RANGE = new TimeRange(T0, T0.plusSeconds(1800), 60);

  final ScriptedCloudWatch cloudWatch = new ScriptedCloudWatch();
  final CloudWatchMetricSource source = new CloudWatchMetricSource(cloudWatch, "ContainerInsights");

  @Test
  void twelveHundredQueriesGoOutAsThreeCallsOfAtMost500() {
    List<MetricQuery> queries = IntStream.range(0, 1200)
        .mapToObj(i -> new MetricQuery("q" + i, "pod_cpu_utilization",
            Map.of("ClusterName", "c1", "Namespace", "default", "PodName", "p" + i), "Average"))
        .toList();

    Map<String, MetricSeries> result = source.fetch(queries, RANGE);

    assertThat(cloudWatch.dataRequests).extracting(r -> r.metricDataQueries().size()).containsExactly(500, 500, 200);
    GetMetricDataRequest first = cloudWatch.dataRequests.getFirst();
    assertThat(first.startTime()).isEqualTo(T0);
    assertThat(first.endTime()).isEqualTo(T0.plusSeconds(1800));
    assertThat(first.scanBy()).isEqualTo(ScanBy.TIMESTAMP_ASCENDING);
    var q = first.metricDataQueries().getFirst();
    assertThat(q.id()).isEqualTo("q0");
    assertThat(q.metricStat().period()).isEqualTo(60);
    assertThat(q.metricStat().stat()).isEqualTo("Average");
    assertThat(q.metricStat().metric().namespace()).isEqualTo("ContainerInsights");
    assertThat(q.metricStat().metric().metricName()).isEqualTo("pod_cpu_utilization");
    assertThat(q.metricStat().metric().dimensions()).extracting(Dimension::name, Dimension::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ClusterName", "c1"),
            org.assertj.core.groups.Tuple.tuple("Namespace", "default"),
            org.assertj.core.groups.Tuple.tuple("PodName", "p0"));
    assertThat(result).hasSize(1200).allSatisfy((id, s) -> assertThat(s.isEmpty()).isTrue());
  }

  @Test
  void aSeriesSplitAcrossPagesIsMergedOldestFirst() {
    cloudWatch.dataPages.add(GetMetricDataResponse.builder().nextToken("page-2")
        .metricDataResults(result("q0", T0.plusSeconds(120), 3.0), result("q1", T0, 7.0)).build());
    cloudWatch.dataPages.add(GetMetricDataResponse.builder()
        .metricDataResults(result("q0", T0, 1.0), result("q0", T0.plusSeconds(60), 2.0)).build());

    Map<String, MetricSeries> result = source.fetch(List.of(
        new MetricQuery("q0", "pod_cpu_utilization", Map.of("ClusterName", "c1"), "Average"),
        new MetricQuery("q1", "pod_memory_utilization", Map.of("ClusterName", "c1"), "Average")), RANGE);

    assertThat(cloudWatch.dataRequests).extracting(GetMetricDataRequest::nextToken).containsExactly(null, "page-2");
    assertThat(result.get("q0").points()).extracting(MetricSeries.Point::value).containsExactly(1.0, 2.0, 3.0);
    assertThat(result.get("q1").points()).extracting(MetricSeries.Point::value).containsExactly(7.0);
  }

  @Test
  void dimensionSetsFollowListMetricsPagesAndStopAtTheLimit() {
    cloudWatch.listPages.add(ListMetricsResponse.builder().nextToken("n2").metrics(metric("a"), metric("b")).build());
    cloudWatch.listPages.add(ListMetricsResponse.builder().metrics(metric("b"), metric("c"), metric("d")).build());

    List<Map<String, String>> sets = source.dimensionSets("pod_cpu_utilization", Map.of("ClusterName", "c1"), 3);

    assertThat(sets).extracting(d -> d.get("PodName")).containsExactly("a", "b", "c");
    ListMetricsRequest request = cloudWatch.listRequests.getFirst();
    assertThat(request.namespace()).isEqualTo("ContainerInsights");
    assertThat(request.metricName()).isEqualTo("pod_cpu_utilization");
    assertThat(request.dimensions()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("ClusterName");
      assertThat(f.value()).isEqualTo("c1");
    });
  }

  @Test
  void accessDeniedNamesTheMissingPermission() {
    cloudWatch.failure = (CloudWatchException) CloudWatchException.builder().statusCode(403)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build();

    assertThatThrownBy(() -> source.fetch(List.of(new MetricQuery("q0", "pod_cpu_utilization", Map.of(), "Average")), RANGE))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("cloudwatch:GetMetricData");
  }

  private static MetricDataResult result(String id, Instant t, double v) {
    return MetricDataResult.builder().id(id).timestamps(t).values(v).build();
  }

  private static Metric metric(String pod) {
    return Metric.builder().namespace("ContainerInsights").metricName("pod_cpu_utilization").dimensions(
        Dimension.builder().name("ClusterName").value("c1").build(),
        Dimension.builder().name("Namespace").value("default").build(),
        Dimension.builder().name("PodName").value(pod).build()).build();
  }

  /** Records requests and answers with scripted pages; the SDK's own paginators drive it. */
  static final class ScriptedCloudWatch implements CloudWatchClient {
    final List<GetMetricDataRequest> dataRequests = new ArrayList<>();
    final List<ListMetricsRequest> listRequests = new ArrayList<>();
    final Deque<GetMetricDataResponse> dataPages = new ArrayDeque<>();
    final Deque<ListMetricsResponse> listPages = new ArrayDeque<>();
    CloudWatchException failure;

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
      dataRequests.add(request);
      if (failure != null) {
        throw failure;
      }
      return dataPages.isEmpty() ? GetMetricDataResponse.builder().build() : dataPages.poll();
    }

    @Override
    public ListMetricsResponse listMetrics(ListMetricsRequest request) {
      listRequests.add(request);
      return listPages.isEmpty() ? ListMetricsResponse.builder().build() : listPages.poll();
    }

    @Override
    public String serviceName() {
      return "monitoring";
    }

    @Override
    public void close() {}
  }
}
