package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.ClusterOverviewResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.ResultFit;
import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code container-insight-cluster-overview}: cluster, namespace and pod series fetched in one batched request
 * (GetMetricData splits into 500-query calls when the cluster is large), then ranked in code.
 */
final class ClusterOverview {
  static final int MAX_NAMESPACES = 50;
  static final int NAMESPACES_SHOWN = 10;
  private static final Set<String> NAMESPACE_DIMENSIONS = Set.of("ClusterName", "Namespace");
  private static final List<MetricSpec> CLUSTER = List.of(MetricSpec.CLUSTER_NODE_COUNT, MetricSpec.CLUSTER_FAILED);
  private static final List<MetricSpec> NAMESPACE = List.of(MetricSpec.NAMESPACE_RUNNING, MetricSpec.NAMESPACE_CPU, MetricSpec.NAMESPACE_MEMORY);
  private static final List<MetricSpec> POD = List.of(PodMetrics.PEAK_CPU, MetricSpec.POD_RESTARTS_MAX);

  private final MetricSource source;
  private final Config config;

  ClusterOverview(MetricSource source, Config config) {
    this.source = source;
    this.config = config;
  }

  ToolResult run(ToolArguments args, Instant now) {
    String cluster = Names.cluster(args);
    List<String> excluded = args.stringList("exclude_namespaces");
    Window window = Window.from(args, now);
    Map<String, String> filter = Map.of("ClusterName", cluster);

    List<Subject> namespaces = Discovery.exactly(source.dimensionSets(MetricSpec.NAMESPACE_PODS, filter, MAX_NAMESPACES + excluded.size()), NAMESPACE_DIMENSIONS)
        .stream().filter(d -> !excluded.contains(d.get("Namespace"))).limit(MAX_NAMESPACES)
        .map(d -> new Subject(InsightRow.Kind.NAMESPACE, d.get("Namespace"), d)).toList();
    List<Subject> pods = Discovery.exactly(source.dimensionSets(MetricSpec.POD_CPU, filter, config.maxDiscovered()), PodMetrics.POD_DIMENSIONS)
        .stream().filter(d -> !excluded.contains(d.get("Namespace")))
        .map(d -> new Subject(InsightRow.Kind.POD, d.get("Namespace") + "/" + d.get("PodName"), d)).toList();

    List<Evidence.Row> clusterRows = Evidence.collect(source, config, window, List.of(new Subject(InsightRow.Kind.CLUSTER, cluster, filter)), CLUSTER);
    Evidence.Row clusterRow = clusterRows.getFirst();
    if (namespaces.isEmpty() && pods.isEmpty() && clusterRow.stats().values().stream().allMatch(Optional::isEmpty)) {
      String reason = Discovery.noMetrics("the cluster", cluster, config);
      return ToolResult.ok(reason, new ClusterOverviewResult(cluster, window.view(), excluded, Report.row(clusterRow),
          List.of(), List.of(), List.of(), new ClusterOverviewResult.Discovered(0, 0), List.of(), reason));
    }
    List<Evidence.Row> namespaceRows = Discovery.rankBy(
        Evidence.collect(source, config, window, namespaces, NAMESPACE), MetricSpec.NAMESPACE_CPU, SeriesStats::avg);
    List<Evidence.Row> podRows = Evidence.collect(source, config, window, pods, POD);
    List<Evidence.Row> topCpu = Discovery.rankBy(podRows, PodMetrics.PEAK_CPU, SeriesStats::max).stream()
        .filter(r -> r.get(PodMetrics.PEAK_CPU).isPresent()).limit(config.topN()).toList();
    List<Evidence.Row> topRestarts = Discovery.rankBy(podRows, MetricSpec.POD_RESTARTS_MAX, s -> s.max() - s.first() + s.max() / 1e6)
        .stream().filter(r -> r.get(MetricSpec.POD_RESTARTS_MAX).map(s -> s.max() > 0).orElse(false)).limit(config.topN()).toList();

    Report report = new Report(ToolNames.CLUSTER_OVERVIEW, cluster, window, config.textBudgetBytes());
    if (!excluded.isEmpty()) {
      report.line("excluded namespaces: " + String.join(",", excluded));
    }
    CLUSTER.forEach(spec -> report.series(spec, clusterRow.get(spec)));
    report.line("namespaces by avg pod cpu (" + Math.min(NAMESPACES_SHOWN, namespaceRows.size()) + " of " + namespaceRows.size() + "):");
    namespaceRows.stream().limit(NAMESPACES_SHOWN).forEach(r -> report.line("  " + namespaceLine(r)));
    report.line("top pods by peak cpu (" + topCpu.size() + " of " + pods.size() + " pods):");
    topCpu.forEach(r -> report.series(r.subject().name(), PodMetrics.PEAK_CPU, r.get(PodMetrics.PEAK_CPU)));
    report.line(topRestarts.isEmpty() ? "no container restarts in this window" : "top pods by container restarts:");
    topRestarts.forEach(r -> report.line("  " + restartLine(report, r)));
    List<String> notes = new ArrayList<>();
    if (pods.size() >= config.maxDiscovered()) {
      notes.add("pod discovery stopped at " + config.maxDiscovered() + " pods; pass exclude_namespaces to narrow it");
    }
    String retention = window.retentionHint(now);
    if (retention != null) {
      notes.add(retention);
    }
    notes.forEach(n -> report.line("note: " + n));

    List<InsightRow> namespaceView = namespaceRows.stream().limit(NAMESPACES_SHOWN).map(Report::row).toList();
    List<InsightRow> cpuView = topCpu.stream().map(Report::row).toList();
    List<InsightRow> restartView = topRestarts.stream().map(Report::row).toList();
    ClusterOverviewResult.Discovered discovered = new ClusterOverviewResult.Discovered(namespaces.size(), pods.size());
    // Long names can make ten rows per list too many for the structured bound: each list keeps its top n.
    int longest = Math.max(namespaceView.size(), Math.max(cpuView.size(), restartView.size()));
    ClusterOverviewResult result = ResultFit.largest(longest, n -> new ClusterOverviewResult(cluster, window.view(),
        excluded, Report.row(clusterRow), top(namespaceView, n), top(cpuView, n), top(restartView, n), discovered, notes,
        null));
    return ToolResult.ok(report.text(), result);
  }

  private static List<InsightRow> top(List<InsightRow> rows, int n) {
    return rows.subList(0, Math.min(n, rows.size()));
  }

  private static String namespaceLine(Evidence.Row r) {
    List<String> parts = new ArrayList<>();
    parts.add(r.subject().name());
    for (MetricSpec spec : NAMESPACE) {
      parts.add(r.get(spec).map(s -> spec.label() + " avg " + Report.value(spec, s.avg()) + " max " + Report.value(spec, s.max()))
          .orElse(spec.label() + " no data"));
    }
    return String.join("  ", parts);
  }

  private static String restartLine(Report report, Evidence.Row r) {
    SeriesStats s = r.get(MetricSpec.POD_RESTARTS_MAX).orElseThrow();
    MetricSpec spec = MetricSpec.POD_RESTARTS_MAX;
    return Stream.of(r.subject().name(), "restarts " + Report.value(spec, s.first()) + "→" + Report.value(spec, s.max()),
            s.aboveAtStart() ? "already >0 at window start" : ">0 from " + report.time(s.crossedAt()), s.sparkline())
        .reduce((a, b) -> a + "  " + b).orElseThrow();
  }
}
