package com.incident.tools.insight.source;

import java.time.Instant;
import java.util.List;

/** The datapoints of one {@link MetricQuery}, oldest first; empty when the metric had no data in the range. */
public record MetricSeries(String id, List<Point> points) {
  public MetricSeries {
    points = List.copyOf(points);
  }

  public record Point(Instant time, double value) {}

  public boolean isEmpty() {
    return points.isEmpty();
  }
}
