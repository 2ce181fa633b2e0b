package com.incident.tools.insight;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolTargetHandler;

/** Lambda entry point of the Container Insights tool target; {@link Wiring} builds what it runs. */
public class ContainerInsightHandler extends ToolTargetHandler {

  public ContainerInsightHandler() {
    this(Wiring.production(Config.from(Env.system())));
    primeBeforeSnapshot();
  }

  public ContainerInsightHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
  }
}
