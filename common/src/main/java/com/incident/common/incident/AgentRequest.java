package com.incident.common.incident;

import java.time.Instant;

/**
 * The body alarm-trigger POSTs to agent-runtime. {@code incidentId} keys the incident record in the incident
 * table (see {@link IncidentTable}); {@code prompt} is the Korean analysis request built from the alarm.
 * {@code command} is set only in {@link AnalysisMode#COMMAND}, where {@code alarm} may be absent.
 */
public record AgentRequest(
    String sessionId,
    String actor,
    AnalysisMode mode,
    String incidentId,
    AlarmDetails alarm,
    String prompt,
    Instant receivedAt,
    IssueCommand command) {

  /** A request for an alarm (every mode but {@link AnalysisMode#COMMAND}). */
  public AgentRequest(String sessionId, String actor, AnalysisMode mode, String incidentId, AlarmDetails alarm,
      String prompt, Instant receivedAt) {
    this(sessionId, actor, mode, incidentId, alarm, prompt, receivedAt, null);
  }

  /** Session ids the agent endpoint accepts: what alarm-trigger produces after sanitising. */
  public static final String SESSION_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$";
}
