package com.incident.tools.datadog;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolTargetHandler;

/** Lambda entry point of the Datadog tool target; {@link Wiring} builds what it runs. */
public class DatadogHandler extends ToolTargetHandler {

  public DatadogHandler() {
    this(Wiring.production(Config.from(Env.system())));
    primeBeforeSnapshot();
  }

  public DatadogHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
  }
}
