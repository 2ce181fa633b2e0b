package com.incident.tools.insight;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolLimits;

/**
 * Settings of the Container Insights target, parsed once at init.
 *
 * @param namespace CloudWatch namespace Container Insights publishes to
 * @param topN default number of pods/nodes summarised when none is named
 * @param maxDiscovered bound on pods/nodes ranked per call (one GetMetricData batch is 500 queries)
 * @param cpuThreshold percent above which CPU utilization counts as a crossing
 * @param memoryThreshold percent above which memory utilization counts as a crossing
 * @param filesystemThreshold percent above which node filesystem utilization counts as a crossing
 * @param limits the dispatcher's caps and timeouts (TOOL_OUTPUT_MAX_BYTES)
 * @param deploymentCluster the cluster this deployment watches (empty if unknown), named when another finds nothing
 */
public record Config(String namespace, int topN, int maxDiscovered, double cpuThreshold, double memoryThreshold,
    double filesystemThreshold, String deploymentCluster, ToolLimits limits) {

  /** More would not fit the structuredContent cap (about 1.7 KB of numbers per pod). */
  public static final int MAX_TOP_N = 10;

  public Config {
    if (topN < 1 || topN > MAX_TOP_N) {
      throw new IllegalStateException("INSIGHT_TOP_N must be between 1 and " + MAX_TOP_N + ", got " + topN);
    }
    if (maxDiscovered < topN || maxDiscovered > 500) {
      throw new IllegalStateException("INSIGHT_MAX_DISCOVERED must be between INSIGHT_TOP_N and 500, got " + maxDiscovered);
    }
  }

  public static Config from(Env env) {
    return new Config(
        env.optional("CONTAINER_INSIGHTS_NAMESPACE", "ContainerInsights"),
        env.intValue("INSIGHT_TOP_N", 5),
        env.intValue("INSIGHT_MAX_DISCOVERED", 250),
        env.intValue("INSIGHT_CPU_THRESHOLD_PERCENT", 80),
        env.intValue("INSIGHT_MEMORY_THRESHOLD_PERCENT", 80),
        env.intValue("INSIGHT_FILESYSTEM_THRESHOLD_PERCENT", 80),
        env.optional("EKS_CLUSTER_NAME", ""),
        ToolLimits.from(env));
  }

  /** The dispatcher's text cap: answers are laid out to fit it instead of being cut. */
  public int textBudgetBytes() {
    return limits.maxTextBytes();
  }
}
