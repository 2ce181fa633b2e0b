package com.incident.agent.records;

import com.incident.common.incident.IncidentTable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's view of the incident table (owned by alarm-trigger, layout in
 * {@link com.incident.common.incident.IncidentTable}), plus the agent's own session markers
 * ({@code SESSION#<sessionId>}) that make a repeated request a no-op.
 */
public interface IncidentRecords {
  String SESSION_PREFIX = IncidentTable.SESSION_PREFIX;
  String SESSION_STATE = IncidentTable.SESSION_STATE;
  String EVIDENCE_SIGNALS = IncidentTable.EVIDENCE_SIGNALS;

  enum SessionState { ACCEPTED, RUNNING, DONE }

  /** Creates the session marker; false when the session already exists (a duplicate request). */
  boolean claimSession(String sessionId, String incidentId, Instant now);

  /** ACCEPTED -> RUNNING; false when another worker already runs or ran it (an async retry). */
  boolean startSession(String sessionId, Instant now);

  void finishSession(String sessionId, Instant now);

  /** Deletes a marker whose run could not be launched, so the caller's retry can start it. */
  void releaseSession(String sessionId);

  Optional<IncidentRecord> incident(String incidentId);

  /** Sets attributes (String, Number or Instant values; Instants stored as ISO-8601) and {@code updatedAt}. */
  void update(String incidentId, Map<String, Object> attributes, Instant now);
}
