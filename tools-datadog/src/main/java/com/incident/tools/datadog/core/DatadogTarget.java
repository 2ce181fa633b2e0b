package com.incident.tools.datadog.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.DatadogEventsResult;
import com.incident.common.tool.result.DatadogMetricsResult;
import com.incident.common.tool.result.DatadogMonitorsResult;
import com.incident.common.tool.result.DatadogTracesResult;
import com.incident.tools.datadog.client.DatadogApi;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.List;

/**
 * The four Datadog tools. Without an API (Datadog not configured) the tools are still listed, so the contract
 * stays stable, but every call answers that Datadog is disabled; the gateway hides them from the model anyway.
 */
public final class DatadogTarget implements ToolTarget {
  static final String DISABLED = "Datadog is not configured for this deployment (DATADOG_ENABLED=false); "
      + "use the container-insight and opensearch tools instead";

  private final QueryMetrics metrics;
  private final Events events;
  private final Traces traces;
  private final Monitors monitors;
  private final Clock clock;

  /** {@code api} null means Datadog is disabled. */
  public DatadogTarget(DatadogApi api, Clock clock) {
    this.metrics = api == null ? null : new QueryMetrics(api);
    this.events = api == null ? null : new Events(api);
    this.traces = api == null ? null : new Traces(api);
    this.monitors = api == null ? null : new Monitors(api);
    this.clock = clock;
  }

  @Override
  public List<McpSchema.Tool> tools() {
    return List.of(
        ToolSchemas.tool(ToolNames.DATADOG_QUERY_METRICS,
            "Datadog metric query (v1 query syntax, e.g. avg:kubernetes.cpu.usage.total{kube_deployment:checkout} by {pod_name}); "
                + "each series summarised as avg/p95/max/last with a sparkline, highest peaks first.",
            ToolSchemas.object()
                .string("query", "Datadog metric query", true, null, 1000)
                .string("from", "Start: ISO-8601 instant or epoch seconds; default one hour before 'to'", false)
                .string("to", "End: ISO-8601 instant or epoch seconds, e.g. the alarm time; default now", false)
                .property("threshold", java.util.Map.of("type", "number",
                    "description", "Report when each series first went above this value"), false)
                .build(), true, DatadogMetricsResult.class),
        ToolSchemas.tool(ToolNames.DATADOG_GET_EVENTS,
            "Datadog events (deploys, config changes, alerts) in the hours before end_time; errors and warnings first.",
            window(ToolSchemas.object()
                .stringArray("tags", "Event tags that must all match, e.g. service:checkout, env:prod", false, 20)
                .enumeration("priority", "Event priority", false, List.of("normal", "low"))).build(), true,
            DatadogEventsResult.class),
        ToolSchemas.tool(ToolNames.DATADOG_GET_TRACES,
            "Datadog APM spans of a service: duration p50/p95/max, the slowest spans and erroring spans grouped by resource.",
            window(ToolSchemas.object()
                .string("service", "APM service name", true, Traces.NAME, 200)
                .string("operation", "Operation name, e.g. http.request", false, Traces.NAME, 200)
                .integer("min_duration_ms", "Only spans at least this long", false, 0, 3_600_000, null)
                .enumeration("status", "Only spans with this status", false, List.of("ok", "error"))).build(), true,
            DatadogTracesResult.class),
        ToolSchemas.tool(ToolNames.DATADOG_GET_MONITORS,
            "Datadog monitors and their states; alerting monitors first, most recently changed first.",
            ToolSchemas.object()
                .stringArray("tags", "Monitor tags, e.g. service:checkout, team:sre", false, 20)
                .string("name", "Text the monitor name contains", false, null, 200)
                .build(), true, DatadogMonitorsResult.class));
  }

  private static ToolSchemas window(ToolSchemas schema) {
    return schema
        .integer("hours", "Hours before end_time to look at", false, 1, TimeArgs.MAX_HOURS, 1)
        .string("end_time", "ISO-8601 end of the window, e.g. the alarm time; default now", false);
  }

  @Override
  public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
    if (metrics == null) {
      throw new ToolException(DISABLED);
    }
    return switch (name) {
      case ToolNames.DATADOG_QUERY_METRICS -> metrics.run(arguments, context, clock.instant());
      case ToolNames.DATADOG_GET_EVENTS -> events.run(arguments, context, clock.instant());
      case ToolNames.DATADOG_GET_TRACES -> traces.run(arguments, context, clock.instant());
      case ToolNames.DATADOG_GET_MONITORS -> monitors.run(arguments, context);
      default -> throw new ToolException("Unknown tool '" + name + "'");
    };
  }
}
