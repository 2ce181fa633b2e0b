package com.incident.common.obs;

import java.util.Map;

/** Where the suite's operational metrics go: EMF in Lambda, a recorder in tests. */
public interface MetricsSink {
  enum Unit { COUNT, MILLISECONDS, BYTES, NONE }

  void record(String name, double value, Unit unit, Map<String, String> dimensions);

  MetricsSink NOOP = (name, value, unit, dimensions) -> {};
}
