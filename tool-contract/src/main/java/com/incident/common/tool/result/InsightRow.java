package com.incident.common.tool.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One subject of a Container Insights tool (a pod, a node, a namespace or the cluster) with its exact CloudWatch
 * dimension set, the summary of every metric that had datapoints (keyed by the real metric name, such as
 * {@code node_cpu_utilization}) and the metrics that had none.
 */
public record InsightRow(Kind kind, String name, Map<String, String> dimensions, Map<String, Summary> metrics,
    List<String> noData) {

  public enum Kind {
    @JsonProperty("pod") POD,
    @JsonProperty("node") NODE,
    @JsonProperty("namespace") NAMESPACE,
    @JsonProperty("cluster") CLUSTER
  }

  public enum Unit {
    @JsonProperty("percent") PERCENT,
    @JsonProperty("bytes_per_second") BYTES_PER_SECOND,
    @JsonProperty("count") COUNT
  }

  /**
   * A series as a person reads it off a chart, values rounded to two decimals. The threshold fields are present
   * only for metrics with a threshold: {@code crossedAt} is when the series first went above it (absent when it
   * never did), {@code aboveAtStart} that it already was when the window opened.
   */
  public record Summary(String stat, Unit unit, int points, double min, double avg, double p95, double max,
      Instant maxAt, double first, double last, @Nullable Double threshold, @Nullable Instant crossedAt,
      @Nullable Boolean aboveAtStart, @Nullable Integer pointsAbove) {}

  /** The summary of {@code metric}, if it had datapoints. */
  public Optional<Summary> metric(String metric) {
    return Optional.ofNullable(metrics.get(metric));
  }
}
