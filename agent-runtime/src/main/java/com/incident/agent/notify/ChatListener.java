package com.incident.agent.notify;

import com.incident.notify.ChatNotifier;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tells each configured chat destination (Slack, Discord) of every event, all destinations at once and every send
 * awaited before the next event, so each platform sees the incident's messages in order. Every destination bounds its
 * own time (a few seconds, one retry) and never throws, so a dead or slow chat endpoint costs the run at most that
 * bound per event (not the sum over destinations) and fails nothing.
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
    // close() waits for every send.
    try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
      destinations.forEach(d -> sends.submit(() -> d.send(notice)));
    }
  }
}
