package com.incident.tools.github;

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

/** Lambda entry point of the GitHub tool target. */
public class GitHubHandler extends ToolTargetHandler {

  public GitHubHandler() {
    this(Env.system());
  }

  public GitHubHandler(Env env) {
    super(new ToolDispatcher(new Skeleton(), ToolLimits.from(env), Clock.systemUTC(), new EmfMetricsSink()));
  }

  /** Placeholder until issue #7 lands. */
  static final class Skeleton implements ToolTarget {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(
        ToolSchemas.tool(ToolNames.GITHUB_CREATE_ISSUE, "Not implemented yet (issue #7).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.GITHUB_ADD_COMMENT, "Not implemented yet (issue #7).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.GITHUB_LIST_ISSUES, "Not implemented yet (issue #7).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.GITHUB_CLOSE_ISSUE, "Not implemented yet (issue #7).", ToolSchemas.object().build(), true),
        ToolSchemas.tool(ToolNames.GITHUB_FIND_SIMILAR, "Not implemented yet (issue #7).", ToolSchemas.object().build(), true));
    }

    @Override
    public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
      throw new ToolException(name + " is not implemented yet (issue #7)");
    }
  }
}
