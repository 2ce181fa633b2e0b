package com.incident.trigger.store;

import com.incident.common.incident.AnalysisMode;
import com.incident.trigger.core.TriggerResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Incident state (layout: {@link com.incident.common.incident.IncidentTable}). Every method that decides
 * something is one conditional write, so concurrent and repeated deliveries cannot both win.
 */
public interface IncidentStore {
  /** Claims a message for processing until {@code leaseUntil}. */
  Claim claim(String messageId, Instant now, Instant leaseUntil);

  /** Records what the claimed message is about to start. */
  void plan(String messageId, Plan plan, Instant now);

  /** Marks the message handled with its final result. */
  void complete(String messageId, TriggerResult result, Instant now);

  /**
   * Records a message rejected before it was claimed (input that can never be processed), unless a record of
   * that message exists already.
   */
  void reject(String messageId, TriggerResult result, Instant now);

  /** Marks the message failed; a redelivery resumes {@code plan}. */
  void fail(String messageId, Plan plan, String reason, Instant now);


  /**
   * Opens an incident for the alarm, owned by analysis session {@code sessionId}, unless one is open: returns
   * {@code newIncidentId} if this call opened it, otherwise the id of the incident already open.
   */
  String openIncident(String alarmName, String newIncidentId, String sessionId, Instant alarmAt, Instant now);

  /** Gives a FAILED, never-analysed incident's analysis to {@code sessionId}; false if it is not (or no longer) so. */
  boolean takeOverAnalysis(String incidentId, String sessionId, Instant now);

  /** True while {@code sessionId} still owns the incident's analysis (nobody took it over). */
  boolean ownsAnalysis(String incidentId, String sessionId, Instant now);

  Optional<String> openIncidentId(String alarmName);

  /**
   * Counts one more ALARM (or other state) notification on an open incident; true when that incident's own
   * analysis never got started (status FAILED and no issue yet), so it still needs one.
   */
  boolean recordOccurrence(String incidentId, String state, Instant now);

  /** Ends the alarm's episode if {@code incidentId} is still the open one; false if someone else did. */
  boolean endEpisode(String alarmName, String incidentId, Instant now);

  void markStarted(String incidentId, AnalysisMode mode, String sessionId, Instant now);

  void markFailed(String incidentId, AnalysisMode mode, String reason, Instant now);

  /**
   * Undoes a planned session the agent refused for good: an analysis closes its incident as REJECTED and ends
   * the alarm's episode (so the next ALARM starts afresh instead of commenting on an issue that will never
   * exist); a recurrence or recovery only records the reason on the incident.
   */
  void abandon(Plan plan, String alarmName, String reason, Instant now);
}
