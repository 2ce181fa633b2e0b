package com.incident.tools.chaos;

import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.kube.eks.EksKubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** The chaos target's object graph, built once per container. */
public final class Wiring {
  private Wiring() {}

  /**
   * What the sandbox and tests replace; a null field keeps the production part.
   *
   * @param client the cluster (production: the EKS cluster named in {@link Config#eks()}, reached on the first call)
   */
  public record Overrides(KubernetesClient client, MetricsSink metrics) {
    public static final Overrides NONE = new Overrides(null, null);
  }

  public static ToolDispatcher production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static ToolDispatcher production(Config config, Overrides overrides) {
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    ChaosCleanup target = new ChaosCleanup(EksKubernetesClients.givenOrLazy(overrides.client(), config.eks()), config,
        metrics, Clock.systemUTC());
    return new ToolDispatcher(target, config.limits(), Clock.systemUTC(), metrics);
  }
}
