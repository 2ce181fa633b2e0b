package com.incident.common.tool;

/**
 * What a tool returns before the dispatcher turns it into an MCP {@code CallToolResult}: a compact,
 * human-readable text summary for the model, and optionally the numbers behind it as structured content.
 */
public record ToolResult(String text, Object structured, boolean isError) {

  public static ToolResult ok(String text) {
    return new ToolResult(text, null, false);
  }

  public static ToolResult ok(String text, Object structured) {
    return new ToolResult(text, structured, false);
  }

  public static ToolResult error(String message) {
    return new ToolResult(message, null, true);
  }
}
