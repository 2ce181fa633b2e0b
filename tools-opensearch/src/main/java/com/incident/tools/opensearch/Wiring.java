package com.incident.tools.opensearch;

import com.incident.common.config.Env;
import com.incident.common.tool.ToolTarget;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production object graph of the OpenSearch tool target, built once per container. */
final class Wiring {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  static ToolTarget target(Env env, Clock clock) {
    if (!Config.logSourceConfigured(env)) {
      log.info("OPENSEARCH_ENDPOINT is empty: the log tools are off and tools/list answers no tools");
      return new LogToolsOff();
    }
    Config config = Config.from(env);
    LogSource source = new OpenSearchLogSource(OpenSearchClients.generic(config), config.schema(), config.endpoint(), clock);
    return new OpenSearchTools(source, config.defaultIndex(), clock);
  }
}
