package com.incident.common.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a person reads off a chart: min/avg/p95/max/last, when the series first went above its threshold,
 * and a sparkline. {@code crossedAt} is null when it never did; {@code aboveAtStart} means it was already
 * above when the window opened, so the crossing happened earlier. Shared by every metric tool so the model reads
 * CloudWatch and Datadog series the same way.
 */
public record SeriesStats(int points, double min, double avg, double p95, double max, double first, double last,
    Instant maxAt, Double threshold, Instant crossedAt, boolean aboveAtStart, int pointsAbove, String sparkline) {

  public static Optional<SeriesStats> of(List<SeriesPoint> pts, Double threshold, int sparklineWidth) {
    if (pts.isEmpty()) {
      return Optional.empty();
    }
    double[] values = pts.stream().mapToDouble(SeriesPoint::value).toArray();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    Instant maxAt = null;
    Instant crossedAt = null;
    int above = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      min = Math.min(min, v);
      if (v > max) {
        max = v;
        maxAt = pts.get(i).time();
      }
      sum += v;
      if (threshold != null && v > threshold) {
        above++;
        if (crossedAt == null) {
          crossedAt = pts.get(i).time();
        }
      }
    }
    boolean aboveAtStart = threshold != null && values[0] > threshold;
    return Optional.of(new SeriesStats(values.length, min, sum / values.length, percentile(values, 95), max,
        values[0], values[values.length - 1], maxAt, threshold, crossedAt, aboveAtStart, above,
        Sparkline.of(values, sparklineWidth)));
  }

  /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
  public static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
