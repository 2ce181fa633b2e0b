package com.incident.common.incident;

import java.util.Map;

/** One metric (or expression) of a metric-math or anomaly-detection alarm's {@code Trigger.Metrics[]}. */
public record MetricRef(
    String id,
    String expression,
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    String stat,
    Integer periodSeconds,
    Boolean returnData,
    String label) {}
