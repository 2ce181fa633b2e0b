package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code container-insight-node-metrics}: one row per node shown (the named node, or the top nodes by peak CPU),
 * with {@code node_cpu_utilization}, {@code node_memory_utilization}, {@code node_filesystem_utilization} and
 * {@code node_number_of_running_pods}. {@code noDataReason} says why {@code nodes} is empty when no series was found.
 */
public record NodeMetricsResult(String cluster, InsightWindow window, List<InsightRow> nodes, List<String> notes,
    @Nullable String noDataReason) {
  public static final String CPU = "node_cpu_utilization";
  public static final String MEMORY = "node_memory_utilization";
  public static final String FILESYSTEM = "node_filesystem_utilization";
  public static final String RUNNING_PODS = "node_number_of_running_pods";
}
