package com.incident.agent.records;

import com.incident.common.incident.AnalysisMode;
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

  /**
   * Claims the incident's analysis (ANALYZE) or recovery check (RECOVERY) for {@code sessionId}, with one
   * conditional write on the incident item: granted when nobody holds it, or when alarm-trigger has handed the
   * incident to this session ({@code sessionId} attribute) after the holder's analysis never produced an issue.
   * A session never claims the same incident twice. RECURRENCE claims nothing (the rate limit bounds it).
   * False when another session holds the claim.
   */
  boolean claimIncident(String incidentId, AnalysisMode mode, String sessionId, Instant now);

  /** Gives back {@code sessionId}'s claim on the incident (a launch that failed or was refused). */
  void releaseIncident(String incidentId, AnalysisMode mode, String sessionId);

  /** The incident attribute that holds the claim of {@code mode}, or null when the mode claims nothing. */
  static String claimAttribute(AnalysisMode mode) {
    return switch (mode) {
      case ANALYZE -> IncidentTable.ANALYSIS_SESSION_ID;
      case RECOVERY -> IncidentTable.RECOVERY_SESSION_ID;
      case RECURRENCE -> null;
    };
  }

  Optional<IncidentRecord> incident(String incidentId);

  /** Sets attributes (String, Number or Instant values; Instants stored as ISO-8601) and {@code updatedAt}. */
  void update(String incidentId, Map<String, Object> attributes, Instant now);
}
