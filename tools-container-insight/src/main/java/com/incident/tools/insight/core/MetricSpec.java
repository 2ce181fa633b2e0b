package com.incident.tools.insight.core;

import com.incident.common.tool.result.InsightRow.Unit;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.tools.insight.Config;
import java.util.List;
import java.util.function.Function;

/** A Container Insights metric as the tools read it: its real name, statistic, unit and crossing threshold. */
public record MetricSpec(String metric, String label, String stat, Unit unit, Function<Config, Double> threshold) {

  public static final String POD_CPU = "pod_cpu_utilization";
  public static final String POD_MEMORY = "pod_memory_utilization";
  public static final String POD_CPU_OVER_LIMIT = "pod_cpu_utilization_over_pod_limit";
  public static final String POD_MEMORY_OVER_LIMIT = "pod_memory_utilization_over_pod_limit";
  public static final String POD_NET_RX = "pod_network_rx_bytes";
  public static final String POD_NET_TX = "pod_network_tx_bytes";
  public static final String POD_RESTARTS = "pod_number_of_container_restarts";
  public static final String NODE_CPU = NodeMetricsResult.CPU;
  public static final String NODE_MEMORY = NodeMetricsResult.MEMORY;
  public static final String NODE_FILESYSTEM = NodeMetricsResult.FILESYSTEM;
  public static final String NODE_PODS = NodeMetricsResult.RUNNING_PODS;
  public static final String CLUSTER_NODES = "cluster_node_count";
  public static final String CLUSTER_FAILED_NODES = "cluster_failed_node_count";
  public static final String NAMESPACE_PODS = "namespace_number_of_running_pods";

  private static final Function<Config, Double> NONE = c -> null;
  // Over-limit metrics are relative to the pod's limit: above 100 means throttling (CPU) or OOM risk (memory).
  private static final Function<Config, Double> LIMIT = c -> 100.0;
  private static final Function<Config, Double> ANY = c -> 0.0;

  public static final MetricSpec POD_CPU_AVG = new MetricSpec(POD_CPU, "cpu%", "Average", Unit.PERCENT, Config::cpuThreshold);
  public static final MetricSpec POD_MEMORY_AVG =
      new MetricSpec(POD_MEMORY, "mem%", "Average", Unit.PERCENT, Config::memoryThreshold);
  public static final MetricSpec POD_CPU_LIMIT =
      new MetricSpec(POD_CPU_OVER_LIMIT, "cpu/limit%", "Average", Unit.PERCENT, LIMIT);
  public static final MetricSpec POD_MEMORY_LIMIT =
      new MetricSpec(POD_MEMORY_OVER_LIMIT, "mem/limit%", "Average", Unit.PERCENT, LIMIT);
  public static final MetricSpec POD_RX = new MetricSpec(POD_NET_RX, "net rx", "Average", Unit.BYTES_PER_SECOND, NONE);
  public static final MetricSpec POD_TX = new MetricSpec(POD_NET_TX, "net tx", "Average", Unit.BYTES_PER_SECOND, NONE);
  public static final MetricSpec POD_RESTARTS_MAX = new MetricSpec(POD_RESTARTS, "restarts", "Maximum", Unit.COUNT, ANY);

  public static final List<MetricSpec> POD = List.of(
      POD_CPU_AVG, POD_MEMORY_AVG, POD_CPU_LIMIT, POD_MEMORY_LIMIT, POD_RX, POD_TX, POD_RESTARTS_MAX);

  public static final List<MetricSpec> NODE = List.of(
      new MetricSpec(NODE_CPU, "cpu%", "Average", Unit.PERCENT, Config::cpuThreshold),
      new MetricSpec(NODE_MEMORY, "mem%", "Average", Unit.PERCENT, Config::memoryThreshold),
      new MetricSpec(NODE_FILESYSTEM, "fs%", "Average", Unit.PERCENT, Config::filesystemThreshold),
      new MetricSpec(NODE_PODS, "pods", "Average", Unit.COUNT, NONE));

  public static final MetricSpec CLUSTER_NODE_COUNT = new MetricSpec(CLUSTER_NODES, "nodes", "Minimum", Unit.COUNT, NONE);
  public static final MetricSpec CLUSTER_FAILED = new MetricSpec(CLUSTER_FAILED_NODES, "failed nodes", "Maximum", Unit.COUNT, ANY);
  public static final MetricSpec NAMESPACE_RUNNING =
      new MetricSpec(NAMESPACE_PODS, "pods", "Average", Unit.COUNT, NONE);
  public static final MetricSpec NAMESPACE_CPU = new MetricSpec(POD_CPU, "cpu%", "Average", Unit.PERCENT, Config::cpuThreshold);
  public static final MetricSpec NAMESPACE_MEMORY =
      new MetricSpec(POD_MEMORY, "mem%", "Average", Unit.PERCENT, Config::memoryThreshold);
}
