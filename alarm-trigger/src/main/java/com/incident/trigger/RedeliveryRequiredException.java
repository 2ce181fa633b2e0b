package com.incident.trigger;

/** Fails the invocation on purpose so that SNS/Lambda deliver the event again; the message names the records. */
public class RedeliveryRequiredException extends RuntimeException {
  public RedeliveryRequiredException(String records) {
    super("Redelivery required for: " + records, null, false, false);
  }
}
