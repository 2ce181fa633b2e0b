package com.incident.notify;

/** A message the platform did not take. The message never holds a token, a webhook URL or a response body. */
public final class ChatException extends Exception {
  public ChatException(String message) {
    super(message);
  }
}
