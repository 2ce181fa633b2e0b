package com.incident.notify;

/**
 * A chat destination. {@link #send} bounds its own time and never throws: a failure is logged (without secrets)
 * and counted as {@code ChatNotificationFailed}, because a chat endpoint must never fail an incident run.
 */
public interface ChatNotifier {
  /** The destination's name in metrics and logs, e.g. {@code Slack}. */
  String destination();

  /** True when the platform accepted the message. */
  boolean send(Notice notice);
}
