package com.incident.agent.testing;

import com.incident.common.obs.MetricsSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every metric recorded, for assertions. */
public final class RecordingMetrics implements MetricsSink {
  public record Metric(String name, double value, Unit unit, Map<String, String> dimensions) {}

  public final List<Metric> metrics = new CopyOnWriteArrayList<>();
  /** Set to make every metric fail the way a broken backend does. */
  public volatile RuntimeException failure;

  @Override
  public void emit(String name, double value, Unit unit, Map<String, String> dimensions) {
    if (failure != null) {
      throw failure;
    }
    metrics.add(new Metric(name, value, unit, dimensions));
  }

  public double value(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).mapToDouble(Metric::value).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
