package com.incident.tools.chaos;

import com.incident.common.config.Env;
import com.incident.common.incident.RemediationMode;
import com.incident.common.tool.ToolLimits;
import com.incident.kube.eks.EksConfig;
import java.time.Duration;
import java.util.List;

/**
 * The guardrails of chaos-cleanup, read once at init.
 *
 * @param allowedNamespaces the only namespaces it may scan or change (the hard denylist still wins)
 * @param maxActions above this many actions in one call nothing is done
 * @param mode REMEDIATION_MODE: dry-run makes every call only plan, off refuses every action, whatever the caller asks
 * @param verifyTimeout how long to wait after acting for the Deployments to be available or the pods gone
 * @param eks the cluster production reaches; null without {@code EKS_CLUSTER_NAME}, which only a caller that hands
 *     in its own client may leave unset (the sandbox)
 * @param limits the dispatcher's caps and timeouts (TOOL_OUTPUT_MAX_BYTES)
 */
public record Config(List<String> allowedNamespaces, int maxActions, RemediationMode mode, Duration verifyTimeout,
    EksConfig eks, ToolLimits limits) {

  public Config {
    allowedNamespaces = List.copyOf(allowedNamespaces);
    if (maxActions < 1) {
      throw new IllegalStateException("CHAOS_MAX_ACTIONS must be at least 1, got " + maxActions);
    }
    if (verifyTimeout.isNegative()) {
      throw new IllegalStateException("CHAOS_VERIFY_TIMEOUT_SECONDS must not be negative");
    }
  }

  /** The guardrails alone, for a cleanup over a client the caller already has. */
  public Config(List<String> allowedNamespaces, int maxActions, RemediationMode mode, Duration verifyTimeout) {
    this(allowedNamespaces, maxActions, mode, verifyTimeout, null, ToolLimits.DEFAULT);
  }

  public static Config from(Env env) {
    return new Config(
        env.list("CHAOS_ALLOWED_NAMESPACES", List.of()),
        env.intValue("CHAOS_MAX_ACTIONS", 5),
        RemediationMode.parse(env.optional("REMEDIATION_MODE", null)),
        Duration.ofSeconds(env.intValue("CHAOS_VERIFY_TIMEOUT_SECONDS", 30)),
        env.optional("EKS_CLUSTER_NAME", null) == null ? null : EksConfig.from(env),
        ToolLimits.from(env));
  }
}
