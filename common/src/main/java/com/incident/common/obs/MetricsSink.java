package com.incident.common.obs;

import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Where the suite's operational metrics go: EMF in Lambda, a recorder in tests. Implementations provide
 * {@link #emit}; callers use {@link #record}, which never throws: a metrics backend problem (a missing
 * namespace, a full buffer) is logged and must never cost a tool call, an alarm or an incident run.
 */
@FunctionalInterface
public interface MetricsSink {
  enum Unit { COUNT, MILLISECONDS, BYTES, NONE }

  /** Writes one metric; may throw, {@link #record} contains it. */
  void emit(String name, double value, Unit unit, Map<String, String> dimensions);

  default void record(String name, double value, Unit unit, Map<String, String> dimensions) {
    try {
      emit(name, value, unit, dimensions);
    } catch (RuntimeException e) {
      // Looked up here: an interface has no private fields, and SLF4J caches the logger.
      LoggerFactory.getLogger(MetricsSink.class).warn("Metric {} not recorded: {}", name, e.toString());
    }
  }

  MetricsSink NOOP = (name, value, unit, dimensions) -> {};
}
