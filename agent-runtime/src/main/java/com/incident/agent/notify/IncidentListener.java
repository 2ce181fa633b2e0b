package com.incident.agent.notify;

/**
 * Told of every {@link IncidentEvent} after the issue shows it. Implementations bound their own time and never
 * throw: a failing or slow chat endpoint must not block or fail the incident workflow (the workflow still guards
 * each call).
 */
@FunctionalInterface
public interface IncidentListener {
  IncidentListener NONE = event -> {};

  void on(IncidentEvent event);
}
