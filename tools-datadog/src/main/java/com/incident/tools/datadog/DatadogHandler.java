package com.incident.tools.datadog;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.ToolTargetHandler;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.List;

/** Lambda entry point of the Datadog tool target. */
public class DatadogHandler extends ToolTargetHandler {

  public DatadogHandler() {
    this(Env.system());
  }

  public DatadogHandler(Env env) {
    super(new ToolDispatcher(new Skeleton(), ToolLimits.from(env), Clock.systemUTC(), new EmfMetricsSink()));
  }

  /** Placeholder until issue #5 lands. */
  static final class Skeleton implements ToolTarget {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(
        ToolSchemas.tool(ToolNames.DATADOG_QUERY_METRICS, "Not implemented yet (issue #5).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.DATADOG_GET_EVENTS, "Not implemented yet (issue #5).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.DATADOG_GET_TRACES, "Not implemented yet (issue #5).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.DATADOG_GET_MONITORS, "Not implemented yet (issue #5).", ToolSchemas.object().build(), true));
    }

    @Override
    public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
      throw new ToolException(name + " is not implemented yet (issue #5)");
    }
  }
}
