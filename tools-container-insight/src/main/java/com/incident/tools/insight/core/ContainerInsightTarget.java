package com.incident.tools.insight.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.ClusterOverviewResult;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricSource;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three Container Insights tools over any {@link MetricSource} (CloudWatch, or the sandbox's synthesized series). */
public final class ContainerInsightTarget implements ToolTarget {
  private final PodMetrics pods;
  private final NodeMetrics nodes;
  private final ClusterOverview overview;
  private final Clock clock;

  public ContainerInsightTarget(MetricSource source, Config config, Clock clock) {
    this.pods = new PodMetrics(source, config);
    this.nodes = new NodeMetrics(source, config);
    this.overview = new ClusterOverview(source, config);
    this.clock = clock;
  }

  @Override
  public List<McpSchema.Tool> tools() {
    return List.of(
        ToolSchemas.tool(ToolNames.POD_METRICS,
            "Container Insights pod metrics (CPU and memory utilization, CPU/memory over pod limit, network rx/tx, "
                + "container restarts) summarised per series as avg/p95/max/last, threshold crossing time and a sparkline. "
                + "Without pod_name, the top pods by peak CPU are shown. Pass the alarm time as end_time to examine T±minutes.",
            window(base().string("namespace", "Kubernetes namespace; narrows the search", false, Names.NAMESPACE, 63)
                .string("pod_name", "Pod or workload name (Container Insights reports a workload's pods under its name)",
                    false, Names.OBJECT, 253)
                .integer("top_n", "How many pods to show when no pod is named", false, 1, Config.MAX_TOP_N, null)).build(),
            true, PodMetricsResult.class),
        ToolSchemas.tool(ToolNames.NODE_METRICS,
            "Container Insights node metrics (CPU, memory and filesystem utilization, running pods) summarised per series. "
                + "Without node_name, the top nodes by peak CPU are shown.",
            window(base().string("node_name", "Kubernetes node name, e.g. ip-10-0-1-23.ec2.internal", false, Names.OBJECT, 253)
                .integer("top_n", "How many nodes to show when no node is named", false, 1, Config.MAX_TOP_N, null)).build(),
            true, NodeMetricsResult.class),
        ToolSchemas.tool(ToolNames.CLUSTER_OVERVIEW,
            "Cluster overview from Container Insights: node count and failed nodes, per-namespace pod CPU/memory and "
                + "running pods, and the top pods by peak CPU and by container restarts.",
            window(base().stringArray("exclude_namespaces", "Namespaces to leave out, e.g. kube-system", false, 50)).build(),
            true, ClusterOverviewResult.class));
  }

  private static ToolSchemas base() {
    return ToolSchemas.object().string("cluster_name", "EKS cluster name (the ClusterName dimension)", true, Names.CLUSTER, 100);
  }

  private static ToolSchemas window(ToolSchemas schema) {
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("type", "integer");
    period.put("description", "Datapoint period in seconds, a multiple of 60");
    period.put("minimum", 60);
    period.put("maximum", Window.MAX_PERIOD);
    period.put("multipleOf", 60);
    period.put("default", 60);
    return schema
        .integer("minutes", "Minutes before (and, with end_time, after) the anchor", false, 1, Window.MAX_MINUTES, 30)
        .property("period", period, false)
        .string("end_time", "ISO-8601 anchor such as the alarm's state change time, e.g. 2026-11-21T03:15:00Z; "
            + "the window becomes end_time±minutes", false);
  }

  @Override
  public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
    return switch (name) {
      case ToolNames.POD_METRICS -> pods.run(arguments, clock.instant());
      case ToolNames.NODE_METRICS -> nodes.run(arguments, clock.instant());
      case ToolNames.CLUSTER_OVERVIEW -> overview.run(arguments, clock.instant());
      default -> throw new ToolException("Unknown tool '" + name + "'");
    };
  }
}
