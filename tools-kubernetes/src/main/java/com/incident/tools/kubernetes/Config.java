package com.incident.tools.kubernetes;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolLimits;
import com.incident.kube.eks.EksConfig;
import java.util.List;

/**
 * What the read-only Kubernetes target needs, read once at init.
 *
 * @param cluster the cluster's name as results report it (EKS_CLUSTER_NAME)
 * @param chaosAllowedNamespaces chaos-cleanup's allowlist (CHAOS_ALLOWED_NAMESPACES): k8s-find-chaos scans what
 *     chaos-cleanup would scan, so its answer is what chaos-cleanup would do
 * @param chaosMaxActions chaos-cleanup's action limit (CHAOS_MAX_ACTIONS), reported with the scan
 * @param eks the cluster production reaches; null without {@code EKS_CLUSTER_NAME}, which only a caller that hands in
 *     its own client may leave unset (the sandbox, tests)
 * @param limits the dispatcher's caps and timeouts (TOOL_OUTPUT_MAX_BYTES)
 */
public record Config(String cluster, List<String> chaosAllowedNamespaces, int chaosMaxActions, EksConfig eks,
    ToolLimits limits) {

  public Config {
    chaosAllowedNamespaces = List.copyOf(chaosAllowedNamespaces);
    if (chaosMaxActions < 1) {
      throw new IllegalStateException("CHAOS_MAX_ACTIONS must be at least 1, got " + chaosMaxActions);
    }
  }

  public static Config from(Env env) {
    EksConfig eks = env.optional("EKS_CLUSTER_NAME", null) == null ? null : EksConfig.from(env);
    return new Config(
        eks == null ? "kubernetes" : eks.clusterName(),
        env.list("CHAOS_ALLOWED_NAMESPACES", List.of()),
        env.intValue("CHAOS_MAX_ACTIONS", 5),
        eks,
        ToolLimits.from(env));
  }
}
