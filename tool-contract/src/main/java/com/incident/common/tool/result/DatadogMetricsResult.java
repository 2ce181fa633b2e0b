package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * {@code datadog-query-metrics}: each series of the query reduced to its stats, highest peak first; at most the
 * top series are listed, {@code seriesTotal} counts all including those without datapoints. The threshold fields
 * are present when the caller passed a threshold. {@code noDataReason} says what to check when no series had data.
 */
public record DatadogMetricsResult(String query, Instant from, Instant to, List<Series> series, int seriesTotal,
    @Nullable String noDataReason) {

  public record Series(String scope, String metric, String unit, int points, double min, double avg, double p95,
      double max, Instant maxAt, double last, @Nullable Double threshold, @Nullable Instant crossedAt,
      @Nullable Integer pointsAbove) {}
}
