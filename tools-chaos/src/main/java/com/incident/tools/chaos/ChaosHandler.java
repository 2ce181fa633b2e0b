package com.incident.tools.chaos;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolTargetHandler;
import com.incident.tools.chaos.eks.EksConfig;
import com.incident.tools.chaos.eks.EksKubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Lambda entry point of the Chaos tool target. */
public class ChaosHandler extends ToolTargetHandler {

  public ChaosHandler() {
    this(Env.system());
  }

  /** Production wiring: the EKS cluster named in the environment, reached lazily on the first call. */
  public ChaosHandler(Env env) {
    this(env, new EmfMetricsSink());
  }

  /** Any cluster the caller already has a client for (the local sandbox hands in a mock server's client). */
  public ChaosHandler(Env env, KubernetesClient client) {
    this(env, client, new EmfMetricsSink());
  }

  private ChaosHandler(Env env, MetricsSink metrics) {
    this(env, new ChaosCleanup(EksKubernetesClients.lazy(EksConfig.from(env)), Config.from(env), metrics, Clock.systemUTC()), metrics);
  }

  ChaosHandler(Env env, KubernetesClient client, MetricsSink metrics) {
    this(env, new ChaosCleanup(client, Config.from(env), metrics), metrics);
  }

  private ChaosHandler(Env env, ChaosCleanup target, MetricsSink metrics) {
    super(new ToolDispatcher(target, ToolLimits.from(env), Clock.systemUTC(), metrics));
  }
}
