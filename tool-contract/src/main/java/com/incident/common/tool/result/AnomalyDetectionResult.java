package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * {@code opensearch-anomaly-detection}: runs of anomalous intervals of {@code series} (the error count, or
 * {@code avg(field)}) by robust z-score against the window's {@code median} and {@code sigma} (absent when fewer
 * than five intervals had data), plus the OpenSearch Anomaly Detection plugin's findings when it is available.
 * {@code interval} is an ISO-8601 duration such as {@code PT1M}; {@code noDataReason} says why nothing could be
 * scored.
 */
public record AnomalyDetectionResult(String index, Instant from, Instant to, String series, String interval,
    int points, @Nullable Double median, @Nullable Double sigma, List<Run> anomalies, int runsOmitted,
    boolean pluginAvailable, @Nullable String pluginNote, List<Detector> pluginDetectors, List<String> gaps,
    @Nullable String noDataReason) {

  /** Consecutive anomalous intervals with the same sign; {@code scores} per interval, in order. */
  public record Run(Instant start, Instant end, int intervals, Instant peakAt, double peakValue, double peakScore,
      List<Double> scores) {}

  public record Detector(String id, String name, List<Finding> findings) {}

  public record Finding(Instant start, Instant end, double grade, double confidence) {}
}
