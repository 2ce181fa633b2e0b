package com.incident.common.tool;

/**
 * A failure the caller can act on. Its message is returned to the caller as an {@code isError} result,
 * so it must be English, say what went wrong and what to change, and never carry secrets.
 */
public class ToolException extends RuntimeException {
  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
