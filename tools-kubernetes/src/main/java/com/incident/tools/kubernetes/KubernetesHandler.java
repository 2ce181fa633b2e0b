package com.incident.tools.kubernetes;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolTargetHandler;

/** Lambda entry point of the read-only Kubernetes tool target; {@link Wiring} builds what it runs. */
public class KubernetesHandler extends ToolTargetHandler {

  public KubernetesHandler() {
    this(Wiring.production(Config.from(Env.system())));
    primeBeforeSnapshot();
  }

  public KubernetesHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
  }
}
