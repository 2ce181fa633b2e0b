package com.incident.webhook.core;

/** A delivery that can never be acted on (answered 400 with the message, which names the field at fault). */
public class MalformedPayloadException extends Exception {
  public MalformedPayloadException(String message) {
    super(message, null, false, false);
  }
}
