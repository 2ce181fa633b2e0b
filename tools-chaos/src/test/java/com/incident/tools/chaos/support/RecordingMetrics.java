package com.incident.tools.chaos.support;

import com.incident.common.obs.MetricsSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every metric recorded, for assertions. */
public final class RecordingMetrics implements MetricsSink {
  public record Metric(String name, double value, Unit unit, Map<String, String> dimensions) {}

  private final List<Metric> metrics = new CopyOnWriteArrayList<>();

  @Override
  public void emit(String name, double value, Unit unit, Map<String, String> dimensions) {
    metrics.add(new Metric(name, value, unit, Map.copyOf(dimensions)));
  }

  public List<Metric> named(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).toList();
  }
}
