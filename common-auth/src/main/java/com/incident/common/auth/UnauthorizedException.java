package com.incident.common.auth;

/**
 * A rejected token; the message is the reason to log, and is safe to return: it never holds the token, and any
 * value taken from the token appears only as a short escaped prefix.
 */
public class UnauthorizedException extends Exception {
  public UnauthorizedException(String reason) {
    super(reason);
  }

  /**
   * The {@code WWW-Authenticate} value of a 401 (RFC 6750 §3): without credentials the bare challenge, with
   * rejected ones {@code error="invalid_token"}.
   */
  public static String challenge(String realm, boolean credentialsSent) {
    String bare = "Bearer realm=\"" + realm + "\"";
    return credentialsSent ? bare + ", error=\"invalid_token\"" : bare;
  }
}
