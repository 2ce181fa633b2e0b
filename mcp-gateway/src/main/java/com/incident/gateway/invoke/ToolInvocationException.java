package com.incident.gateway.invoke;

/** A tool target produced no usable answer; {@link #kind()} decides how the gateway words it. */
public final class ToolInvocationException extends Exception {

  public enum Kind {
    /** The function ran and failed (unhandled exception, out of memory, bad payload). */
    FUNCTION_ERROR,
    /** The function or the call to it ran out of time. */
    TIMEOUT,
    /** Lambda refused the invoke for concurrency or rate limits. */
    THROTTLED,
    /** The configured function does not exist or may not be invoked. */
    NOT_FOUND,
    /** Lambda itself could not be reached or answered with a service error. */
    UNAVAILABLE
  }

  private final Kind kind;

  public ToolInvocationException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ToolInvocationException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
