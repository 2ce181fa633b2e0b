package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.PodMetricsResult;
import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code container-insight-pod-metrics}. Pods are discovered with ListMetrics on pod_cpu_utilization (dimension set
 * ClusterName+Namespace+PodName); when none is named, all discovered pods are ranked by peak CPU in one batched
 * GetMetricData call and the top N get the full metric set.
 */
final class PodMetrics {
  static final Set<String> POD_DIMENSIONS = Set.of("ClusterName", "Namespace", "PodName");
  static final MetricSpec PEAK_CPU = new MetricSpec(MetricSpec.POD_CPU, "cpu%", "Maximum", InsightRow.Unit.PERCENT, c -> null);

  private final MetricSource source;
  private final Config config;

  PodMetrics(MetricSource source, Config config) {
    this.source = source;
    this.config = config;
  }

  ToolResult run(ToolArguments args, Instant now) {
    String cluster = Names.cluster(args);
    Optional<String> namespace = Names.namespace(args, "namespace");
    Optional<String> pod = Names.object(args, "pod_name");
    int topN = Names.topN(args, config);
    Window window = Window.from(args, now);
    Map<String, String> filter = new TreeMap<>(Map.of("ClusterName", cluster));
    namespace.ifPresent(ns -> filter.put("Namespace", ns));
    String scope = namespace.map(ns -> "namespace '" + ns + "'").orElse("any namespace");
    List<String> notes = new ArrayList<>();

    List<Map<String, String>> candidates;
    if (pod.isPresent()) {
      candidates = resolvePod(pod.get(), filter, notes);
      if (candidates.isEmpty()) {
        return noData(cluster, window, notes, Discovery.noMetrics("pod '" + pod.get() + "' (" + scope + ")", cluster, config));
      }
    } else {
      candidates = Discovery.exactly(source.dimensionSets(MetricSpec.POD_CPU, filter, config.maxDiscovered()), POD_DIMENSIONS);
      if (candidates.isEmpty()) {
        return noData(cluster, window, notes, Discovery.noMetrics("pods in " + scope, cluster, config));
      }
    }

    List<Subject> subjects = candidates.stream().map(PodMetrics::subject).toList();
    if (subjects.size() > topN) {
      List<Evidence.Row> ranked = Discovery.rankBy(
          Evidence.collect(source, config, window, subjects, List.of(PEAK_CPU)), PEAK_CPU, SeriesStats::max);
      notes.add("ranked " + subjects.size() + " pods by peak " + MetricSpec.POD_CPU + "; showing the top " + topN);
      subjects = ranked.stream().limit(topN).map(Evidence.Row::subject).toList();
    }
    List<Evidence.Row> rows = Evidence.collect(source, config, window, subjects, MetricSpec.POD);

    Report report = new Report(ToolNames.POD_METRICS, cluster, window, config.textBudgetBytes());
    notes.forEach(n -> report.line("note: " + n));
    report.rows("pod", rows, MetricSpec.POD, window.retentionHint(now));

    return ToolResult.ok(report.text(),
        new PodMetricsResult(cluster, window.view(), rows.stream().map(Report::row).toList(), notes, null));
  }

  private static ToolResult noData(String cluster, Window window, List<String> notes, String reason) {
    return ToolResult.ok(reason, new PodMetricsResult(cluster, window.view(), List.of(), notes, reason));
  }

  /**
   * The dimension sets of a named pod. Container Insights reports a workload's pods under the workload name
   * (e.g. PodName=checkout for pod checkout-7d9f8b6c5-x2x1z), so a full pod name falls back to its longest
   * known workload prefix.
   */
  private List<Map<String, String>> resolvePod(String pod, Map<String, String> filter, List<String> notes) {
    Map<String, String> exact = new TreeMap<>(filter);
    exact.put("PodName", pod);
    List<Map<String, String>> found = Discovery.exactly(source.dimensionSets(MetricSpec.POD_CPU, exact, config.maxDiscovered()), POD_DIMENSIONS);
    if (!found.isEmpty()) {
      return found;
    }
    List<Map<String, String>> all = Discovery.exactly(source.dimensionSets(MetricSpec.POD_CPU, filter, config.maxDiscovered()), POD_DIMENSIONS);
    Optional<String> workload = all.stream().map(d -> d.get("PodName"))
        .filter(name -> pod.startsWith(name + "-"))
        .max(Comparator.comparingInt(String::length));
    workload.ifPresent(w -> notes.add("no series for PodName '" + pod + "'; Container Insights reports it under its workload name '" + w + "'"));
    return workload.map(w -> all.stream().filter(d -> d.get("PodName").equals(w)).toList()).orElse(List.of());
  }

  private static Subject subject(Map<String, String> dims) {
    return new Subject(InsightRow.Kind.POD, dims.get("Namespace") + "/" + dims.get("PodName"), dims);
  }
}
