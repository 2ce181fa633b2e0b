package com.incident.tools.opensearch;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolTarget;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * The target when the deployment has no log source ({@code OPENSEARCH_ENDPOINT} empty): it offers no tools, so the
 * gateway shows the model none, and a call that still arrives gets {@link #MESSAGE}. Being off is a configuration,
 * not a failure: nothing is logged per call.
 */
final class LogToolsOff implements ToolTarget {
  static final String MESSAGE = "Log source not configured: this deployment has no OpenSearch endpoint "
      + "(OPENSEARCH_ENDPOINT is empty), so log search, error summary and log anomaly detection are off. "
      + "Use metrics and Kubernetes events as evidence instead.";

  @Override
  public List<McpSchema.Tool> tools() {
    return List.of();
  }

  @Override
  public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
    return ToolResult.error(MESSAGE);
  }
}
