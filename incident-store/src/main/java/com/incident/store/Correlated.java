package com.incident.store;

/** What {@link IncidentStore#correlate} decided for an ALARM, once, under concurrency. */
public sealed interface Correlated {
  String incidentId();

  /** No related open incident: this alarm opened {@code incidentId}; {@code reason} is recorded on it. */
  record Opened(String incidentId, String reason) implements Correlated {}

  /** Joined the related open incident {@code incidentId}. */
  record Joined(String incidentId, RelatedAlarm related) implements Correlated {}

  /** The alarm itself already has an open incident (a recurrence, decided by the existing episode rules). */
  record AlreadyOpen(String incidentId) implements Correlated {}
}
