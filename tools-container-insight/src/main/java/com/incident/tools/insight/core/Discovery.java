package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;

import com.incident.tools.insight.Config;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared steps of the tools: keeping the right dimension sets, and ranking many subjects by one series. */
final class Discovery {

  /** Container Insights publishes each metric under several dimension sets; keep those with exactly these names. */
  static List<Map<String, String>> exactly(List<Map<String, String>> sets, Set<String> names) {
    return sets.stream().filter(d -> d.keySet().equals(names)).toList();
  }

  static String noMetrics(String what, String cluster, Config config) {
    String known = config.deploymentCluster().isEmpty() || config.deploymentCluster().equals(cluster) ? ""
        : " This deployment watches cluster '" + config.deploymentCluster() + "'.";
    return "No Container Insights metrics found for " + what + " in cluster '" + cluster + "'. Likely reasons: "
        + "Container Insights is not enabled on this cluster (install the amazon-cloudwatch-observability EKS add-on "
        + "or the CloudWatch agent), the cluster name is wrong (the ClusterName dimension is case-sensitive), or the "
        + "object did not exist during the last 2 weeks (ListMetrics only knows metrics with recent data)." + known;
  }

  /** The rows ordered by the given stat of their first metric, highest first; rows without data last. */
  static List<Evidence.Row> rankBy(List<Evidence.Row> rows, MetricSpec spec, java.util.function.ToDoubleFunction<SeriesStats> key) {
    List<Evidence.Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingDouble((Evidence.Row r) -> r.get(spec).map(key::applyAsDouble).orElse(Double.NEGATIVE_INFINITY)).reversed());
    return out;
  }

  /** Why a metric had no datapoints for a subject whose other metrics may have some. */
  static String noDataReason(String metric, boolean subjectHasOtherData, String retentionHint) {
    if (retentionHint != null) {
      return retentionHint;
    }
    if (!subjectHasOtherData) {
      return "no datapoints at all in this window: it was not running then, or metrics arrive late (try a later end_time)";
    }
    return switch (metric) {
      case MetricSpec.POD_CPU_OVER_LIMIT -> "the pod sets no CPU limit (this metric exists only for pods with limits)";
      case MetricSpec.POD_MEMORY_OVER_LIMIT -> "the pod sets no memory limit (this metric exists only for pods with limits)";
      case MetricSpec.POD_RESTARTS -> "restart counts are not reported for this pod in this window";
      default -> "not published for this object in this window";
    };
  }

  /** Which metrics of one subject had no data and why, grouped by reason; empty when all had data. */
  static List<String> gaps(Evidence.Row row, String retentionHint) {
    boolean any = row.stats().values().stream().anyMatch(Optional::isPresent);
    if (!any) {
      return List.of("  no data for any metric - " + noDataReason("", false, retentionHint));
    }
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    row.stats().forEach((spec, stats) -> {
      if (stats.isEmpty()) {
        byReason.computeIfAbsent(noDataReason(spec.metric(), true, retentionHint), k -> new ArrayList<>()).add(spec.metric());
      }
    });
    List<String> out = new ArrayList<>();
    byReason.forEach((reason, metrics) -> out.add("  no data " + String.join(",", metrics) + " - " + reason));
    return out;
  }

  private Discovery() {}
}
