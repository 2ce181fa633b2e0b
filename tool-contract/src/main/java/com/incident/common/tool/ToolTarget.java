package com.incident.common.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * What a tool Lambda implements: its tool definitions and the calls. Argument validation against the
 * input schema, the deadline, the output cap and error mapping are done by {@link ToolDispatcher}.
 */
public interface ToolTarget {

  List<McpSchema.Tool> tools();

  /**
   * Runs one tool. Throw {@link ToolException} for failures the caller can act on; anything else
   * is reported as an internal error without details.
   */
  ToolResult call(String name, ToolArguments arguments, ToolContext context) throws Exception;
}
