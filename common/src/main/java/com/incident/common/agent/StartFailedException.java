package com.incident.common.agent;

/** Cognito or the agent endpoint did not accept the request after all retries; the message is safe to log. */
public class StartFailedException extends Exception {
  public StartFailedException(String message) {
    super(message, null, false, false);
  }
}
