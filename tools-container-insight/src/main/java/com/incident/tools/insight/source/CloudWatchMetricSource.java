package com.incident.tools.insight.source;

import com.incident.common.tool.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** {@link MetricSource} over CloudWatch {@code GetMetricData} (batched, paginated) and {@code ListMetrics}. */
public final class CloudWatchMetricSource implements MetricSource {
  /** GetMetricData accepts at most 500 queries per call. */
  public static final int MAX_QUERIES_PER_CALL = 500;

  private final CloudWatchClient cloudWatch;
  private final String namespace;

  public CloudWatchMetricSource(CloudWatchClient cloudWatch, String namespace) {
    this.cloudWatch = cloudWatch;
    this.namespace = namespace;
  }

  @Override
  public Map<String, MetricSeries> fetch(List<MetricQuery> queries, TimeRange range) {
    Map<String, List<MetricSeries.Point>> points = new LinkedHashMap<>();
    queries.forEach(q -> points.put(q.id(), new ArrayList<>()));
    for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
      List<MetricQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES_PER_CALL));
      GetMetricDataRequest request = GetMetricDataRequest.builder()
          .startTime(range.start())
          .endTime(range.end())
          .scanBy(ScanBy.TIMESTAMP_ASCENDING)
          .metricDataQueries(batch.stream().map(q -> toQuery(q, range.periodSeconds())).toList())
          .build();
      try {
        for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator(request)) {
          for (MetricDataResult r : page.metricDataResults()) {
            List<MetricSeries.Point> target = points.computeIfAbsent(r.id(), k -> new ArrayList<>());
            for (int i = 0; i < r.timestamps().size() && i < r.values().size(); i++) {
              target.add(new MetricSeries.Point(r.timestamps().get(i), r.values().get(i)));
            }
          }
        }
      } catch (CloudWatchException e) {
        throw failure("GetMetricData", e);
      } catch (SdkClientException e) {
        throw new ToolException("CloudWatch GetMetricData could not be reached: " + reason(e));
      }
    }
    Map<String, MetricSeries> out = new LinkedHashMap<>();
    points.forEach((id, list) -> {
      // Pages may split one series; order by time so callers can rely on oldest-first.
      list.sort((a, b) -> a.time().compareTo(b.time()));
      out.put(id, new MetricSeries(id, list));
    });
    return out;
  }

  @Override
  public List<Map<String, String>> dimensionSets(String metricName, Map<String, String> filter, int limit) {
    ListMetricsRequest request = ListMetricsRequest.builder()
        .namespace(namespace)
        .metricName(metricName)
        .dimensions(filter.entrySet().stream()
            .map(e -> DimensionFilter.builder().name(e.getKey()).value(e.getValue()).build())
            .toList())
        .build();
    List<Map<String, String>> out = new ArrayList<>();
    try {
      for (ListMetricsResponse page : cloudWatch.listMetricsPaginator(request)) {
        for (Metric m : page.metrics()) {
          Map<String, String> dims = new TreeMap<>();
          m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
          if (!out.contains(dims)) {
            out.add(dims);
          }
          if (out.size() >= limit) {
            return out;
          }
        }
      }
    } catch (CloudWatchException e) {
      throw failure("ListMetrics", e);
    } catch (SdkClientException e) {
      throw new ToolException("CloudWatch ListMetrics could not be reached: " + reason(e));
    }
    return out;
  }

  /** What was missing, in one sentence: never the SDK's credential-chain dump. */
  private static String reason(SdkClientException e) {
    return com.incident.common.config.AccessFailure.describe(e).orElse(e.getClass().getSimpleName());
  }

  private MetricDataQuery toQuery(MetricQuery q, int period) {
    return MetricDataQuery.builder()
        .id(q.id())
        .returnData(true)
        .metricStat(MetricStat.builder()
            .metric(Metric.builder()
                .namespace(namespace)
                .metricName(q.metricName())
                .dimensions(q.dimensions().entrySet().stream()
                    .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build())
                    .toList())
                .build())
            .period(period)
            .stat(q.stat())
            .build())
        .build();
  }

  private static ToolException failure(String operation, CloudWatchException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    if (e.statusCode() == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
      return new ToolException("CloudWatch denied " + operation + " (" + code + "): the tool's role needs "
          + "cloudwatch:GetMetricData and cloudwatch:ListMetrics");
    }
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return new ToolException("CloudWatch " + operation + " failed (" + e.statusCode() + " " + code + "): " + message);
  }
}
