package com.incident.agent.notify;

import com.incident.notify.ChatNotifier;
import java.util.List;

/**
 * Tells each configured chat destination (Slack, Discord) of every event, one after the other so each platform
 * sees the incident's messages in order. Every destination bounds its own time (a few seconds, one retry) and
 * never throws, so a dead or slow chat endpoint costs the run at most that bound per event and fails nothing.
 */
public final class ChatListener implements IncidentListener {
  private final List<ChatNotifier> destinations;

  public ChatListener(List<ChatNotifier> destinations) {
    this.destinations = List.copyOf(destinations);
  }

  /** The destinations, or {@link IncidentListener#NONE} when none is configured. */
  public static IncidentListener of(List<ChatNotifier> destinations) {
    return destinations.isEmpty() ? IncidentListener.NONE : new ChatListener(destinations);
  }

  @Override
  public void on(IncidentEvent event) {
    var notice = ChatNotices.of(event);
    destinations.forEach(d -> d.send(notice));
  }
}
