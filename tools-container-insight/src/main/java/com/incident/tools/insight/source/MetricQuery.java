package com.incident.tools.insight.source;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One series to fetch: a metric with its exact dimension set and a statistic (Average, Maximum, ...).
 * Container Insights publishes each metric under several dimension sets; only an exact match returns data.
 * Dimensions are kept sorted by name so requests are deterministic.
 */
public record MetricQuery(String id, String metricName, Map<String, String> dimensions, String stat) {
  public MetricQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(stat, "stat");
    dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
  }
}
