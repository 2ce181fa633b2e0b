package com.incident.common.auth;

/** No token could be obtained; the message is safe to log (it never holds the secret or a token). */
public class TokenUnavailableException extends Exception {
  public TokenUnavailableException(String reason) {
    super(reason);
  }
}
