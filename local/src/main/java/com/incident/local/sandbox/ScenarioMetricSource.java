package com.incident.local.sandbox;

import com.incident.local.scenario.Scenario;
import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import com.incident.tools.insight.source.MetricSource;
import com.incident.tools.insight.source.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The scenario's series behind the Container Insights tools, answering like GetMetricData: exact dimension
 * match, datapoints bucketed by period (aligned to the epoch) and reduced with the requested statistic. What is
 * visible follows the {@link Timeline}.
 */
public final class ScenarioMetricSource implements MetricSource {
  private final List<Scenario.Metric> metrics;
  private final Timeline timeline;
  private final Predicate<Scenario.RecoversWhen> cluster;

  /**
   * @param cluster whether a series' {@code recoversWhen} condition holds now (the sandbox cluster answers)
   */
  public ScenarioMetricSource(List<Scenario.Metric> metrics, String namespace, Timeline timeline,
      Predicate<Scenario.RecoversWhen> cluster) {
    this.metrics = metrics.stream().filter(m -> m.namespace().equals(namespace)).toList();
    this.timeline = timeline;
    this.cluster = cluster;
  }

  @Override
  public Map<String, MetricSeries> fetch(List<MetricQuery> queries, TimeRange range) {
    Map<String, MetricSeries> out = new LinkedHashMap<>();
    for (MetricQuery q : queries) {
      List<MetricSeries.Point> points = metrics.stream()
          .filter(m -> m.metricName().equals(q.metricName()) && new TreeMap<>(m.dimensions()).equals(q.dimensions()))
          .findFirst().map(m -> bucket(visible(m), range, q.stat())).orElse(List.of());
      out.put(q.id(), new MetricSeries(q.id(), points));
    }
    return out;
  }

  @Override
  public List<Map<String, String>> dimensionSets(String metricName, Map<String, String> filter, int limit) {
    return metrics.stream()
        .filter(m -> m.metricName().equals(metricName) && m.dimensions().entrySet().containsAll(filter.entrySet()))
        .map(m -> (Map<String, String>) new TreeMap<>(m.dimensions())).distinct().limit(limit).toList();
  }

  /** One datapoint the timeline reveals now, at its wall-clock time: what a CloudWatch backend is given. */
  record Datapoint(Scenario.Metric metric, Instant time, double value) {}

  /** Every datapoint of every served series the timeline reveals now, in series order, oldest first. */
  List<Datapoint> datapoints() {
    List<Datapoint> out = new ArrayList<>();
    for (Scenario.Metric m : metrics) {
      visible(m).forEach(p -> out.add(new Datapoint(m, timeline.at(p[0]), p[1])));
    }
    return out;
  }

  /**
   * (minute, value) pairs the timeline currently reveals, after the fix switched or stopped the series. A series
   * whose recovery condition does not hold (the fix touched something else) carries on at its last value.
   */
  List<double[]> visible(Scenario.Metric m) {
    Double fixedAt = timeline.fixedAt();
    double horizon = timeline.horizon();
    List<double[]> out = new ArrayList<>();
    double until = fixedAt == null ? horizon : fixedAt;
    for (double[] p : m.points()) {
      if (p[0] <= until) {
        out.add(p);
      }
    }
    boolean switched = fixedAt != null && m.afterRemediation() != null
        && (m.recoversWhen() == null || cluster.test(m.recoversWhen()));
    if (fixedAt == null || switched && m.afterRemediation().isEmpty()) {
      return out;
    }
    if (switched) {
      for (double[] p : m.afterRemediation()) {
        if (fixedAt + p[0] <= horizon && (out.isEmpty() || fixedAt + p[0] > out.getLast()[0])) {
          out.add(new double[] {fixedAt + p[0], p[1]});
        }
      }
      return out;
    }
    if (!out.isEmpty()) {
      double last = out.getLast()[1];
      for (double minute = Math.floor(out.getLast()[0]) + 1; minute <= horizon; minute++) {
        out.add(new double[] {minute, last});
      }
    }
    return out;
  }

  private List<MetricSeries.Point> bucket(List<double[]> points, TimeRange range, String stat) {
    TreeMap<Instant, List<Double>> buckets = new TreeMap<>();
    long period = range.periodSeconds();
    for (double[] p : points) {
      Instant t = timeline.at(p[0]);
      if (t.isBefore(range.start()) || !t.isBefore(range.end())) {
        continue;
      }
      Instant start = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), period) * period);
      buckets.computeIfAbsent(start, k -> new ArrayList<>()).add(p[1]);
    }
    List<MetricSeries.Point> out = new ArrayList<>();
    buckets.forEach((t, values) -> out.add(new MetricSeries.Point(t, reduce(values, stat))));
    return out;
  }

  static double reduce(List<Double> values, String stat) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return switch (stat) {
      case "Maximum" -> v[v.length - 1];
      case "Minimum" -> v[0];
      case "Sum" -> Arrays.stream(v).sum();
      case "SampleCount" -> v.length;
      default -> {
        if (stat.matches("p\\d+(\\.\\d+)?")) {
          double q = Double.parseDouble(stat.substring(1)) / 100;
          yield v[(int) Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
        }
        yield Arrays.stream(v).average().orElse(0);
      }
    };
  }
}
