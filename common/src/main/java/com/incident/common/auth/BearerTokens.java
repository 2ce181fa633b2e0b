package com.incident.common.auth;

/** Bearer tokens this function presents to another function of the suite. Implementations are thread-safe. */
public interface BearerTokens {

  /** A token that stays valid for at least the implementation's refresh margin. */
  String token() throws TokenUnavailableException;

  /**
   * Drops {@code rejected} from the cache after the server refused it, so the next {@link #token()} fetches a new
   * one. A token other than the cached one is ignored: parallel callers that all got 401 for the same token cause
   * one refresh, not one each.
   */
  void invalidate(String rejected);
}
