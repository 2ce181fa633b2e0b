package com.incident.tools.insight.source;

import com.incident.common.series.SeriesPoint;
import java.time.Instant;
import java.util.List;

/** The datapoints of one {@link MetricQuery}, oldest first; empty when the metric had no data in the range. */
public record MetricSeries(String id, List<Point> points) {
  public MetricSeries {
    points = List.copyOf(points);
  }

  public record Point(Instant time, double value) {}

  /** The points in the shared form that series summaries are computed on. */
  public List<SeriesPoint> seriesPoints() {
    return points.stream().map(p -> new SeriesPoint(p.time(), p.value())).toList();
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }
}
