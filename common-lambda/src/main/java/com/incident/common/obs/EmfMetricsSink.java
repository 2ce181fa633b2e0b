package com.incident.common.obs;

import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch Embedded Metric Format through Powertools' functional API (no AspectJ): each record is
 * flushed as its own EMF document, so metrics are never lost when a handler ends on an error path.
 * Namespace and service come from POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME; without a namespace
 * (local runs) Powertools would throw on every flush, so the suite's default namespace applies. Anything a
 * flush still throws is logged and swallowed by {@link MetricsSink#record}.
 */
public final class EmfMetricsSink implements MetricsSink {
  public static final String DEFAULT_NAMESPACE = "IncidentSuite";
  private final Metrics metrics = MetricsFactory.getMetricsInstance();

  public EmfMetricsSink() {
    String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
    if (namespace == null || namespace.isBlank()) {
      metrics.setNamespace(DEFAULT_NAMESPACE);
    }
  }

  @Override
  public void emit(String name, double value, Unit unit, Map<String, String> dimensions) {
    metrics.flushMetrics(m -> {
      if (!dimensions.isEmpty()) {
        DimensionSet set = new DimensionSet();
        dimensions.forEach(set::addDimension);
        m.addDimension(set);
      }
      m.addMetric(name, value, switch (unit) {
        case COUNT -> MetricUnit.COUNT;
        case MILLISECONDS -> MetricUnit.MILLISECONDS;
        case BYTES -> MetricUnit.BYTES;
        case NONE -> MetricUnit.NONE;
      });
    });
  }
}
