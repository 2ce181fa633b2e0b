package com.incident.common.series;

/** A one-line chart of a series, scaled between its own min and max. */
public final class Sparkline {
  public static final int WIDE = 30;
  public static final int NARROW = 16;
  private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  /** At most {@code width} bars; longer series are bucketed keeping each bucket's peak, so spikes survive. */
  public static String of(double[] values, int width) {
    if (values.length == 0) {
      return "";
    }
    int n = Math.min(width, values.length);
    double[] buckets = new double[n];
    for (int b = 0; b < n; b++) {
      int from = (int) ((long) b * values.length / n);
      int to = (int) ((long) (b + 1) * values.length / n);
      double peak = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        peak = Math.max(peak, values[i]);
      }
      buckets[b] = peak;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : buckets) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    StringBuilder sb = new StringBuilder(n);
    for (double v : buckets) {
      int level = max == min ? 0 : (int) Math.round((v - min) / (max - min) * (BARS.length - 1));
      sb.append(BARS[level]);
    }
    return sb.toString();
  }

  private Sparkline() {}
}
