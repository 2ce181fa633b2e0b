package com.incident.tools.chaos;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolTargetHandler;

/** Lambda entry point of the Chaos tool target; {@link Wiring} builds what it runs. */
public class ChaosHandler extends ToolTargetHandler {

  public ChaosHandler() {
    this(Wiring.production(Config.from(Env.system())));
    primeBeforeSnapshot();
  }

  public ChaosHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
  }
}
