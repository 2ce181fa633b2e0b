package com.incident.tools.insight.core;

import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import com.incident.tools.insight.source.MetricSource;
import com.incident.tools.insight.source.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-memory series keyed by metric, exact dimension set and stat; records what the tools asked for. */
final class FakeMetricSource implements MetricSource {
  record Key(String metric, Map<String, String> dimensions, String stat) {}

  private final Map<Key, List<MetricSeries.Point>> series = new LinkedHashMap<>();
  final List<List<MetricQuery>> fetches = new ArrayList<>();
  final List<TimeRange> ranges = new ArrayList<>();

  FakeMetricSource put(String metric, Map<String, String> dimensions, String stat, List<MetricSeries.Point> points) {
    series.put(new Key(metric, new TreeMap<>(dimensions), stat), points);
    return this;
  }

  @Override
  public Map<String, MetricSeries> fetch(List<MetricQuery> queries, TimeRange range) {
    fetches.add(queries);
    ranges.add(range);
    Map<String, MetricSeries> out = new LinkedHashMap<>();
    for (MetricQuery q : queries) {
      List<MetricSeries.Point> points = series.getOrDefault(new Key(q.metricName(), new TreeMap<>(q.dimensions()), q.stat()), List.of())
          .stream().filter(p -> !p.time().isBefore(range.start()) && p.time().isBefore(range.end())).toList();
      out.put(q.id(), new MetricSeries(q.id(), points));
    }
    return out;
  }

  @Override
  public List<Map<String, String>> dimensionSets(String metricName, Map<String, String> filter, int limit) {
    return series.keySet().stream()
        .filter(k -> k.metric().equals(metricName) && k.dimensions().entrySet().containsAll(filter.entrySet()))
        .map(Key::dimensions).distinct().limit(limit).toList();
  }
}
