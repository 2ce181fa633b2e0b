package com.incident.tools.datadog.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a person reads off a chart: min/avg/p95/max/last, when the series first went above the threshold, and a
 * sparkline. Same reduction as the Container Insights tools, so the model reads both the same way.
 */
record SeriesStats(int points, double min, double avg, double p95, double max, Instant maxAt, double last,
    Double threshold, Instant crossedAt, int pointsAbove, String sparkline) {
  static final int SPARKLINE_WIDTH = 24;
  private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  record Point(Instant time, double value) {}

  static Optional<SeriesStats> of(List<Point> points, Double threshold) {
    if (points.isEmpty()) {
      return Optional.empty();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    Instant maxAt = null;
    Instant crossedAt = null;
    int above = 0;
    double[] values = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      double v = points.get(i).value();
      values[i] = v;
      min = Math.min(min, v);
      if (v > max) {
        max = v;
        maxAt = points.get(i).time();
      }
      sum += v;
      if (threshold != null && v > threshold) {
        above++;
        crossedAt = crossedAt == null ? points.get(i).time() : crossedAt;
      }
    }
    return Optional.of(new SeriesStats(values.length, min, sum / values.length, percentile(values, 95), max, maxAt,
        values[values.length - 1], threshold, crossedAt, above, sparkline(values)));
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  /** Bucketed by peak so a short spike survives downsampling. */
  static String sparkline(double[] values) {
    int n = Math.min(SPARKLINE_WIDTH, values.length);
    double[] buckets = new double[n];
    for (int b = 0; b < n; b++) {
      double peak = Double.NEGATIVE_INFINITY;
      for (int i = (int) ((long) b * values.length / n); i < (int) ((long) (b + 1) * values.length / n); i++) {
        peak = Math.max(peak, values[i]);
      }
      buckets[b] = peak;
    }
    double lo = Arrays.stream(buckets).min().orElse(0);
    double hi = Arrays.stream(buckets).max().orElse(0);
    StringBuilder sb = new StringBuilder(n);
    for (double v : buckets) {
      sb.append(BARS[hi == lo ? 0 : (int) Math.round((v - lo) / (hi - lo) * (BARS.length - 1))]);
    }
    return sb.toString();
  }
}
