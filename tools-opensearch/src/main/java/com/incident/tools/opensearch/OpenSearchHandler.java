package com.incident.tools.opensearch;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolTargetHandler;
import java.time.Clock;

/** Lambda entry point of the OpenSearch tool target. */
public class OpenSearchHandler extends ToolTargetHandler {

  public OpenSearchHandler() {
    this(Env.system());
  }

  public OpenSearchHandler(Env env) {
    this(Config.from(env), ToolLimits.from(env));
  }

  private OpenSearchHandler(Config config, ToolLimits limits) {
    this(new OpenSearchLogSource(OpenSearchClients.generic(config), config.schema(), config.endpoint()), config.defaultIndex(), limits);
  }

  OpenSearchHandler(LogSource source, String defaultIndex, ToolLimits limits) {
    super(new ToolDispatcher(new OpenSearchTools(source, defaultIndex, Clock.systemUTC()), limits, Clock.systemUTC(), new EmfMetricsSink()));
  }
}
