package com.incident.gateway.invoke;

import java.time.Duration;

/** Invokes one tool target (a tool Lambda, or an in-process handler locally) with a contract payload. */
public interface ToolInvoker {

  /**
   * @param target the function name or ARN configured for the target
   * @param payloadJson the {@link com.incident.common.tool.ToolRequest} JSON
   * @param timeout how long the caller can wait for the answer
   * @return the target's response JSON (a tools/list answer or a CallToolResult)
   * @throws ToolInvocationException when the target could not produce an answer
   */
  String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException;
}
