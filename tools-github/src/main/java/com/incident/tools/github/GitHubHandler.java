package com.incident.tools.github;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolTargetHandler;

/** Lambda entry point of the GitHub tool target; {@link Wiring} builds what it runs. */
public class GitHubHandler extends ToolTargetHandler {

  public GitHubHandler() {
    this(Wiring.production(Config.from(Env.system())));
    primeBeforeSnapshot();
  }

  public GitHubHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
  }
}
