package com.incident.tools.opensearch;

import com.incident.tools.opensearch.LogSource.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Robust z-score over a series: {@code (x - median) / (1.4826 * MAD)}. Median and MAD ignore the spike they are
 * looking for, unlike mean and standard deviation, so a burst cannot hide itself by inflating the baseline.
 * Count series get a Poisson floor ({@code sqrt(median)}, at least 1) so a near-silent baseline does not turn
 * one stray error into an anomaly.
 */
public final class RobustDetector {
  /** Iglewicz and Hoaglin's cut-off for modified z-scores. */
  public static final double THRESHOLD = 3.5;

  public record Anomaly(Instant start, double value, double score) {}

  public record Result(double median, double sigma, int points, List<Anomaly> anomalies) {}

  private RobustDetector() {}

  /** Counts: only rises are anomalies. Numeric averages: both directions are. Null values are skipped. */
  public static Result detect(List<Bucket> series, boolean counts) {
    List<Bucket> points = series.stream().filter(b -> value(b, counts) != null).toList();
    if (points.size() < 5) {
      return new Result(Double.NaN, Double.NaN, points.size(), List.of());
    }
    double[] values = points.stream().mapToDouble(b -> value(b, counts)).toArray();
    double median = median(values);
    double mad = median(Arrays.stream(values).map(v -> Math.abs(v - median)).toArray());
    double sigma = 1.4826 * mad;
    sigma = counts
        ? Math.max(sigma, Math.sqrt(Math.max(median, 1.0)))
        : Math.max(sigma, Math.max(1e-9, 0.01 * Math.abs(median)));
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double score = (values[i] - median) / sigma;
      if (score >= THRESHOLD || (!counts && score <= -THRESHOLD)) {
        anomalies.add(new Anomaly(points.get(i).start(), values[i], score));
      }
    }
    return new Result(median, sigma, values.length, anomalies);
  }

  private static Double value(Bucket b, boolean counts) {
    return counts ? Double.valueOf(b.count()) : b.value();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
