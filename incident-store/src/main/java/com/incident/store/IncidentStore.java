package com.incident.store;

import com.incident.common.incident.AnalysisMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The incident table (layout: {@link com.incident.common.incident.IncidentTable}) as named transitions, shared
 * by alarm-trigger (deliveries and episodes) and agent-runtime (sessions, claims and the incident's progress).
 * Every transition that decides something is one conditional write, so concurrent and repeated deliveries or
 * requests cannot both win; the condition each enforces is on its javadoc. Transitions without a condition are
 * progress reports of the one session that holds the incident and overwrite what they name.
 */
public interface IncidentStore {

  // --- Deliveries (alarm-trigger's SNS dedup, MSG#<messageId>) ---

  /**
   * Claims a message for processing until {@code leaseUntil}. Condition: no item yet, or the last delivery
   * failed, or its lease ran out; otherwise {@link DeliveryClaim.Handled} (done) or {@link DeliveryClaim.Busy}.
   * A takeover of a delivery that had planned a session answers {@link DeliveryClaim.Resume} with that plan.
   */
  DeliveryClaim claimDelivery(String messageId, Instant now, Instant leaseUntil);

  /** Records on the claimed delivery what it is about to start (no condition: the claim holder writes it). */
  void planDelivery(String messageId, Plan plan, Instant now);

  /** Marks the delivery handled with its outcome (unconditional: the claim holder's final word). */
  void completeDelivery(String messageId, DeliveryOutcome outcome, Instant now);

  /**
   * Records a delivery rejected before it was claimed (input that can never be processed). Condition: no item
   * for the message exists, so neither an earlier rejection nor a reused message id's real outcome is lost.
   */
  void rejectDelivery(String messageId, DeliveryOutcome outcome, Instant now);

  /** Marks the delivery failed with its plan, so the redelivery's claim resumes that plan. */
  void failDelivery(String messageId, Plan plan, String reason, Instant now);

  // --- Episodes (alarm-trigger, ALARM#<alarmName> and INCIDENT#<incidentId>) ---

  /** An alarm's open incident: the one this call opened, or the one it joined. */
  record Episode(String incidentId, boolean opened) {}

  /**
   * Opens an incident for the alarm, owned by analysis session {@code sessionId}, unless one is open.
   * Condition: the alarm's pointer has no open incident; the incident item is written first, so whoever sees
   * the pointer finds a complete incident, and is deleted again when another delivery's pointer won.
   */
  Episode openOrJoin(String alarmName, String newIncidentId, String sessionId, Instant alarmAt, Instant now);

  Optional<String> openIncidentId(String alarmName);

  /**
   * Counts one more notification of {@code state} on an existing incident (ALARM adds an occurrence).
   * Condition: the incident exists. True when its own analysis never got going (FAILED, no issue yet).
   */
  boolean recordOccurrence(String incidentId, String state, Instant now);

  /**
   * Gives a failed, never-analysed incident's analysis to {@code sessionId} (status back to OPEN). Condition:
   * status FAILED and no issue number; false if it is not (or no longer) so.
   */
  boolean takeOverAnalysis(String incidentId, String sessionId, Instant now);

  /** Condition: {@code sessionId} is still the incident's analysis session (nobody took it over). */
  boolean ownsAnalysis(String incidentId, String sessionId, Instant now);

  /** How an alarm's OK ended its part of an incident. */
  enum EpisodeEnd { ENDED, WAITING_FOR_RELATED, ALREADY_ENDED }

  /**
   * Ends the alarm's episode. Condition: the pointer still names {@code incidentId} (else ALREADY_ENDED). For a
   * correlated incident the alarm's member state becomes OK in one atomic update; while another member is still
   * in ALARM the answer is WAITING_FOR_RELATED, and the member whose OK leaves none in ALARM sets the incident
   * RECOVERING with last state OK (ENDED), as the single alarm of an uncorrelated incident does.
   */
  EpisodeEnd endEpisode(String alarmName, String incidentId, Instant now);

  // --- Correlation (alarm-trigger) ---

  /**
   * Decides once, atomically, whether an ALARM opens an incident or joins a related open one
   * ({@link Correlation#decide}): one transaction writes the correlation index (condition: its version is the one
   * read), the alarm's pointer (condition: no open incident) and the incident (a new item, or the joined
   * incident's member; condition: it has not ended). A lost race decides again on the new index.
   */
  Correlated correlate(AlarmScope scope, String alarmJson, String newIncidentId, String sessionId,
      java.time.Duration window, Instant now);

  /** A joined alarm moved to an incident of its own. */
  record Split(String fromIncidentId, String newIncidentId, RelatedAlarm alarm) {}

  /**
   * Moves an alarm that joined an incident to a new incident of its own (undoing a wrong grouping); the old
   * incident forgets it and its recovery no longer waits for it. Empty when the alarm has no open incident;
   * IllegalArgumentException when the alarm opened its incident itself.
   */
  Optional<Split> split(String alarmName, String newIncidentId, String sessionId, Instant now);

  // --- Correlation and spend (agent-runtime) ---

  /** Condition: nobody posted the joined alarm's `연관 알람` comment yet. True for exactly one caller. */
  boolean claimRelatedComment(String incidentId, String alarmName, Instant now);

  /** Condition: the analysis was posted and no follow-up analysis was claimed. True for exactly one caller. */
  boolean claimFollowUp(String incidentId, String sessionId, Instant now);

  /** Adds a session's model spend to the incident and to today's (UTC) total; returns today's total. */
  Spend addSpend(String incidentId, Spend spend, Instant now);

  /**
   * The agent accepted a session: an analysis sets ANALYZING and its session, a recovery RECOVERING, a
   * recurrence only touches the item; any earlier failure reason is cleared.
   */
  void markStarted(String incidentId, AnalysisMode mode, String sessionId, Instant now);

  /** A session could not be started: the reason is kept and an analysis or recovery sets FAILED. */
  void markStartFailed(String incidentId, AnalysisMode mode, String reason, Instant now);

  /**
   * The agent refused a planned session for good: an analysis closes its incident as REJECTED, then ends the
   * alarm's episode if the pointer still names it (so the next ALARM starts afresh); a recurrence or recovery
   * only records the reason.
   */
  void markRejected(Plan plan, String alarmName, String reason, Instant now);

  // --- Sessions (agent-runtime, SESSION#<sessionId>) ---

  /** Creates the session marker ACCEPTED. Condition: no marker exists; false for a duplicate request. */
  boolean claimSession(String sessionId, String incidentId, Instant now);

  /** ACCEPTED (or no marker) to RUNNING. Condition: not RUNNING or DONE; false for an async redelivery. */
  boolean startSession(String sessionId, Instant now);

  void finishSession(String sessionId, Instant now);

  /** Deletes a marker whose run could not be launched, so the caller's retry can start it. */
  void releaseSession(String sessionId);

  Optional<SessionState> sessionState(String sessionId);

  /**
   * Claims the incident's analysis (ANALYZE) or recovery check (RECOVERY) for {@code sessionId}. Condition:
   * nobody holds that claim, or alarm-trigger handed the incident to this session ({@code sessionId}
   * attribute) after the holder's analysis never produced an issue; a session never claims twice.
   * RECURRENCE claims nothing (the rate limit bounds it) and is always granted.
   */
  boolean claimIncident(String incidentId, AnalysisMode mode, String sessionId, Instant now);

  /** Gives back {@code sessionId}'s claim. Condition: the claim is still this session's. */
  void releaseIncident(String incidentId, AnalysisMode mode, String sessionId);

  // --- The incident's progress (agent-runtime's workflow, unconditional) ---

  Optional<Incident> incident(String incidentId);

  /**
   * The incident whose GitHub issue is {@code issueNumber}, found through the table's issue-number index
   * ({@link com.incident.common.incident.IncidentTable#ISSUE_INDEX}: one Query, never a Scan); empty when no
   * incident of this suite owns that issue. The index is eventually consistent: an issue opened a second ago
   * may not be found yet.
   */
  Optional<Incident> incidentByIssue(int issueNumber);

  /** The analysis runs: ANALYZING, its session, the alarm's name and time. */
  void markAnalyzing(String incidentId, String sessionId, String alarmName, Instant alarmAt, Instant now);

  /** The incident's GitHub issue exists ({@code url} may be null). */
  void markIssueOpened(String incidentId, int issueNumber, String url, Instant createdAt);

  /** The analysis is posted; {@code signals} are the evidence signal ids a recurrence compares against. */
  void markAnalyzed(String incidentId, List<String> signals, Instant now);

  /** Analysed and left to people (no remediation, or remediation off): OPEN. */
  void markOpen(String incidentId, Instant now);

  /** A remediation of the analysed incident runs: RECOVERING. */
  void markRemediating(String incidentId, Instant now);

  /** The remediation ran but recovery was not confirmed: OPEN with the reason. */
  void markRemediationUnconfirmed(String incidentId, String reason, Instant now);

  /** Recovery verified (or nothing left to close): RESOLVED at {@code resolvedAt}. */
  void markResolved(String incidentId, Instant resolvedAt, Instant now);

  /** The run failed: FAILED with the reason. */
  void markFailed(String incidentId, String reason, Instant now);

  /** A recurrence was commented: the latest evidence signals, last state ALARM. */
  void markRecurrence(String incidentId, List<String> signals, Instant now);

  /** The alarm is OK but fault signals remain: last state OK with the reason; the status stays. */
  void markRecoveryUnconfirmed(String incidentId, String reason, Instant now);

  // --- The issue body's living parts (agent-runtime's workflow and later sessions) ---

  /**
   * Adds events to the incident's chronology. An entry whose key the incident already has is left as first
   * written (a retried session adds nothing twice). Creates the chronology on its first write.
   */
  void appendChronology(String incidentId, List<ChronologyEntry> entries, Instant now);

  /** Sets the status line the issue body shows (unconditional: the latest step's word). */
  void markIssueStatus(String incidentId, IssueStatus status, Instant now);

  /** Sets the severity calibrated from the incident's impact and the Korean one-line reason shown with it. */
  void markSeverity(String incidentId, com.incident.common.incident.Severity severity, String reason, Instant now);

  /** The status line, calibrated severity and chronology (oldest first); {@link Chronicle#EMPTY} for no item. */
  Chronicle chronicle(String incidentId);

  /**
   * Keeps the alarm the issue body's overview describes, so a later session (recurrence, recovery, command), whose
   * own alarm is a later notification, re-renders the same overview. Condition: none kept yet (the first wins).
   */
  void keepIssueAlarm(String incidentId, com.incident.common.incident.AlarmDetails alarm, Instant now);

  /** The alarm {@link #keepIssueAlarm} kept; empty before, or for an incident opened before it existed. */
  Optional<com.incident.common.incident.AlarmDetails> issueAlarm(String incidentId);

  /** Keeps what the postmortem needs from the analysis (unconditional: a later analysis of the incident replaces it). */
  void keepAnalysis(String incidentId, AnalysisDigest digest, Instant now);

  /** The analysis {@link #keepAnalysis} kept; empty before the analysis is posted. */
  Optional<AnalysisDigest> analysis(String incidentId);

  // --- People on the issue: approval, re-analysis, feedback (agent-runtime, #19) ---

  /** Keeps the alarm the analysis ran on and the category it named, for later commands on the issue. */
  void keepCommandContext(String incidentId, String alarmJson, String topCategory, Instant now);

  /** The commands' state of the incident; empty when the incident does not exist. */
  Optional<IncidentReview> review(String incidentId);

  /** A plan waits for approval: AWAITING_APPROVAL with {@code plan}, replacing any earlier plan. */
  void awaitApproval(String incidentId, RemediationPlan plan, Instant now);

  /**
   * Decides the pending plan {@code planHash} as {@code decision} (APPROVED or REJECTED) by {@code login}. Condition:
   * the incident's plan has that hash, is still PENDING and its expiry is after {@code now}; so concurrent
   * deliveries decide it exactly once. Approved sets RECOVERING; rejected sets OPEN with the reason.
   */
  PlanDecision decidePlan(String incidentId, String planHash, RemediationPlan.State decision, String login, Instant now);

  /**
   * Grants one re-analysis. Condition: none was granted within {@code interval} before {@code now}. Empty when
   * granted; otherwise when the next one is allowed.
   */
  Optional<Instant> claimReanalysis(String incidentId, java.time.Duration interval, Instant now);

  /** Appends a verdict on the analysis (every verdict is kept; the latest per login counts). */
  void recordFeedback(String incidentId, Feedback feedback);

  // --- Chat threads (agent-runtime's chat notifications) ---

  /** The incident's first message on chat {@code destination} (e.g. slack), whose thread later events go into. */
  Optional<ChatThread> chatThread(String incidentId, String destination);

  /**
   * Records the incident's first message on {@code destination}. Condition: the incident exists and has no first
   * message there yet; false otherwise (the first one stays the thread).
   */
  boolean recordChatThread(String incidentId, String destination, ChatThread thread, Instant now);
}
