package com.incident.trigger.client;

/** Bearer tokens for the agent endpoint. */
public interface TokenSource {
  String token() throws StartFailedException;

  /** Drops a cached token the endpoint rejected, so the next call fetches a new one. */
  void invalidate();
}
