package com.incident.common.agent;

/**
 * The agent answered the request itself with a 4xx other than 401/403 (credentials), 408 and 429 (transient):
 * the same request can never succeed, so it is recorded as rejected and not delivered again.
 */
public class AgentRejectedException extends Exception {
  private final int status;

  public AgentRejectedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 409: another session holds the incident's analysis; nothing about this incident needs undoing. */
  public boolean conflict() {
    return status == 409;
  }
}
