package com.incident.common.auth;

/** A rejected token; the message is the reason to log, and is safe to return (it never holds the token). */
public class UnauthorizedException extends Exception {
  public UnauthorizedException(String reason) {
    super(reason);
  }
}
