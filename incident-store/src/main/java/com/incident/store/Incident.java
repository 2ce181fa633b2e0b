package com.incident.store;

import java.time.Instant;
import java.util.List;

/**
 * One incident item as read back ({@code related}: alarms that joined it; {@code alarming}: its alarms, own and
 * joined, still in ALARM; empty for an incident opened before correlation). Every field but {@code incidentId} may be absent: an incident is written in
 * steps by two functions, and a caller may name an incident alarm-trigger never wrote.
 */
public record Incident(
    String incidentId,
    String alarmName,
    IncidentStatus status,
    String sessionId,
    Instant alarmAt,
    Integer occurrences,
    String lastState,
    Integer issueNumber,
    String issueUrl,
    Instant issueCreatedAt,
    Instant analyzedAt,
    Instant resolvedAt,
    String failureReason,
    List<String> evidenceSignals,
    List<RelatedAlarm> related,
    String correlation,
    Spend spend,
    List<String> alarming) {
  public Incident {
    evidenceSignals = evidenceSignals == null ? List.of() : List.copyOf(evidenceSignals);
    related = related == null ? List.of() : List.copyOf(related);
    spend = spend == null ? Spend.NONE : spend;
    alarming = alarming == null ? List.of() : List.copyOf(alarming);
  }
}
