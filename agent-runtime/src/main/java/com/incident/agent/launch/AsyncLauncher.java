package com.incident.agent.launch;

/** Starts the analysis of an accepted request without making the HTTP caller wait for it. */
public interface AsyncLauncher {

  /** @throws LaunchException when the run could not be started (the caller answers 503) */
  void launch(WorkerPayload payload) throws LaunchException;

  class LaunchException extends Exception {
    public LaunchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
