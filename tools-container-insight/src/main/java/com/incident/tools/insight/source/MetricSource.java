package com.incident.tools.insight.source;

import java.util.List;
import java.util.Map;

/**
 * Where Container Insights series come from: CloudWatch in production, synthesized series in the local
 * sandbox. Implementations may throw {@link com.incident.common.tool.ToolException} with an actionable message.
 */
public interface MetricSource {

  /** Fetches every query over the range; the result holds one series per query id (empty when no data). */
  Map<String, MetricSeries> fetch(List<MetricQuery> queries, TimeRange range);

  /**
   * The dimension sets under which {@code metricName} is published, restricted to those containing every
   * name/value of {@code filter}; at most {@code limit} sets.
   */
  List<Map<String, String>> dimensionSets(String metricName, Map<String, String> filter, int limit);
}
