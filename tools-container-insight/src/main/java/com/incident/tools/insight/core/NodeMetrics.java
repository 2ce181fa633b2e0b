package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code container-insight-node-metrics}. Node series are published under ClusterName+InstanceId+NodeName, so the
 * exact dimension set (InstanceId included) is learned with ListMetrics before querying.
 */
final class NodeMetrics {
  private static final Set<String> WITH_INSTANCE = Set.of("ClusterName", "InstanceId", "NodeName");
  private static final Set<String> WITHOUT_INSTANCE = Set.of("ClusterName", "NodeName");
  static final MetricSpec PEAK_CPU = new MetricSpec(MetricSpec.NODE_CPU, "cpu%", "Maximum", InsightRow.Unit.PERCENT, c -> null);

  private final MetricSource source;
  private final Config config;

  NodeMetrics(MetricSource source, Config config) {
    this.source = source;
    this.config = config;
  }

  ToolResult run(ToolArguments args, Instant now) {
    String cluster = Names.cluster(args);
    Optional<String> node = Names.object(args, "node_name");
    int topN = Names.topN(args, config);
    Window window = Window.from(args, now);
    Map<String, String> filter = new TreeMap<>(Map.of("ClusterName", cluster));
    node.ifPresent(n -> filter.put("NodeName", n));

    Map<String, Map<String, String>> byNode = new LinkedHashMap<>();
    for (Map<String, String> dims : source.dimensionSets(MetricSpec.NODE_CPU, filter, config.maxDiscovered())) {
      if (dims.keySet().equals(WITH_INSTANCE) || (dims.keySet().equals(WITHOUT_INSTANCE) && !byNode.containsKey(dims.get("NodeName")))) {
        byNode.put(dims.get("NodeName"), dims);
      }
    }
    if (byNode.isEmpty()) {
      String reason = Discovery.noMetrics(node.map(n -> "node '" + n + "'").orElse("nodes"), cluster, config);
      return ToolResult.ok(reason, new NodeMetricsResult(cluster, window.view(), List.of(), List.of(), reason));
    }
    List<Subject> subjects = byNode.values().stream()
        .map(d -> new Subject(InsightRow.Kind.NODE, d.get("NodeName") + (d.containsKey("InstanceId") ? " (" + d.get("InstanceId") + ")" : ""), d))
        .toList();
    List<String> notes = new ArrayList<>();
    if (subjects.size() > topN) {
      List<Evidence.Row> ranked = Discovery.rankBy(
          Evidence.collect(source, config, window, subjects, List.of(PEAK_CPU)), PEAK_CPU, SeriesStats::max);
      notes.add("ranked " + subjects.size() + " nodes by peak " + MetricSpec.NODE_CPU + "; showing the top " + topN);
      subjects = ranked.stream().limit(topN).map(Evidence.Row::subject).toList();
    }
    List<Evidence.Row> rows = Evidence.collect(source, config, window, subjects, MetricSpec.NODE);

    Report report = new Report(ToolNames.NODE_METRICS, cluster, window, config.textBudgetBytes());
    notes.forEach(n -> report.line("note: " + n));
    report.rows("node", rows, MetricSpec.NODE, window.retentionHint(now));

    return ToolResult.ok(report.text(),
        new NodeMetricsResult(cluster, window.view(), rows.stream().map(Report::row).toList(), notes, null));
  }
}
