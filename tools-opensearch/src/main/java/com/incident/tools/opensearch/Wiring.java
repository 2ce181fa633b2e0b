package com.incident.tools.opensearch;

import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The object graph of the OpenSearch tool target, built once per container. */
public final class Wiring {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /**
   * What the sandbox and tests replace; a null field keeps the production part.
   *
   * @param source where the logs come from (production: the OpenSearch cluster at {@link Config#endpoint()})
   */
  public record Overrides(LogSource source, MetricsSink metrics) {
    public static final Overrides NONE = new Overrides(null, null);
  }

  public static ToolDispatcher production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static ToolDispatcher production(Config config, Overrides overrides) {
    Clock clock = Clock.systemUTC();
    LogSource source = overrides.source() != null ? overrides.source()
        : new OpenSearchLogSource(OpenSearchClients.generic(config), config.schema(), config.endpoint(), clock);
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    return new ToolDispatcher(new OpenSearchTools(source, config.defaultIndex(), clock), config.limits(), clock, metrics);
  }

  /** The deployment has no log source: a target listing no tools (its limits never apply to a call). */
  public static ToolDispatcher off() {
    log.info("OPENSEARCH_ENDPOINT is empty: the log tools are off and tools/list answers no tools");
    return new ToolDispatcher(new LogToolsOff(), ToolLimits.DEFAULT, Clock.systemUTC(), new EmfMetricsSink());
  }
}
