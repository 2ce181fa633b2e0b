package com.incident.agent.model;

/** The model could not answer; {@code retryable} says whether retries were exhausted or pointless. */
public class ModelException extends Exception {
  private final boolean retryable;

  public ModelException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
