package com.incident.common.incident;

import java.time.Instant;

/**
 * The body alarm-trigger POSTs to agent-runtime. {@code incidentId} keys the incident record in the incident
 * table (see {@link IncidentTable}); {@code prompt} is the Korean analysis request built from the alarm.
 */
public record AgentRequest(
    String sessionId,
    String actor,
    AnalysisMode mode,
    String incidentId,
    AlarmDetails alarm,
    String prompt,
    Instant receivedAt) {

  /** Session ids the agent endpoint accepts: what alarm-trigger produces after sanitising. */
  public static final String SESSION_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$";
}
