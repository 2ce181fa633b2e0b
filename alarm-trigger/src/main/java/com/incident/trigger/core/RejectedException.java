package com.incident.trigger.core;

/** Input that can never be processed; the message says why, in terms an operator can act on. */
public class RejectedException extends Exception {
  public RejectedException(String reason) {
    super(reason, null, false, false);
  }
}
