package com.incident.common.incident;

/**
 * Layout of the incident state table (DynamoDB, on-demand, TTL on {@link #TTL}), written only through
 * {@link com.incident.store.IncidentStore} (alarm-trigger and agent-runtime). One string partition key
 * {@link #PK}; item kinds by key prefix:
 * <ul>
 *   <li>{@code INCIDENT#<incidentId>}: one alarm episode. Attributes: incidentId, alarmName, status
 *       ({@link com.incident.store.IncidentStatus}), sessionId,
 *       alarmAt, openedAt, occurrences, lastState, issueNumber, issueUrl, issueCreatedAt, analyzedAt,
 *       resolvedAt, failureReason, lastFailedAt, evidenceSignals, updatedAt; for commands on the issue alarmDetails,
 *       topCategory, the remediation plan (remediationPlan JSON with planHash, planState, planExpiresAtMillis,
 *       planDecidedBy, planDecidedAt as attributes the decision's condition reads), lastReanalysisAtMillis and the
 *       feedback list; agent-runtime's claims {@code analysisSessionId} and
 *       {@code recoverySessionId}, which make one incident analysed (and verified) by one session.</li>
 *   <li>{@code ALARM#<alarmName>}: the pointer to the alarm's open incident ({@code openIncidentId}, then {@code lastIncidentId}); created
 *       with a conditional write, which is what makes "one incident per episode" race-free.</li>
 *   <li>{@code MSG#<snsMessageId>}: a delivery (status IN_PROGRESS with leaseUntil, DONE or FAILED; action,
 *       mode, incidentId, sessionId, reason), with TTL; a rejected delivery keeps
 *       its reason here ({@code MSG#sha256-<hex>} when its MessageId is missing or cannot be a key).</li>
 *   <li>{@code RATE#...}: per-alarm and global hourly counters for the analysis rate limit, with the set of
 *       sessions counted, with TTL ({@link DynamoAnalysisRateLimit}).</li>
 *   <li>{@code CORR#index}: the correlation index, one item ({@code groups}: JSON list of the open incidents' scope,
 *       {@code version} for optimistic writes). Joining or opening is one transaction over it, the alarm's
 *       pointer and the incident, so concurrent related alarms end in one incident. Incidents also carry
 *       {@code memberStates} (alarm name -> ALARM/OK), {@code related} (joined alarms as JSON),
 *       {@code relatedCommented}, {@code correlation} (why it was opened), {@code followUpSessionId}, and the
 *       model spend {@code spentInputTokens}/{@code spentOutputTokens}/{@code spentMicroUsd}/{@code spentModelCalls}
 *       (also summed per UTC day on {@code SPEND#<yyyy-mm-dd>}); and what the issue body shows as the incident moves:
 *       {@code chronology} (entry key -> JSON {@link com.incident.store.ChronologyEntry}), {@code issueStatus},
 *       {@code severity}, {@code severityReason}, {@code issueAlarm}; and for the postmortem {@code analysisDigest}.</li>
 *   <li>{@code SESSION#<sessionId>}: agent-runtime's marker (sessionId, incidentId, sessionState
 *       ACCEPTED/RUNNING/DONE, updatedAt, TTL) that makes a repeated request or async redelivery a no-op.</li>
 *   <li>{@code MSG#github-<X-GitHub-Delivery>}: a GitHub webhook delivery, claimed and recorded like an SNS
 *       delivery, so a redelivered webhook never acts twice.</li>
 * </ul>
 * The global secondary index {@link #ISSUE_INDEX} (partition key {@link #ISSUE_NUMBER}, a number; keys only) finds
 * the incident of an issue; it is sparse, holding only incidents whose issue exists.
 */
public final class IncidentTable {
  public static final String PK = "pk";
  public static final String TTL = "expiresAt";

  public static final String INCIDENT_PREFIX = "INCIDENT#";
  public static final String ALARM_PREFIX = "ALARM#";
  public static final String MESSAGE_PREFIX = "MSG#";
  public static final String RATE_PREFIX = "RATE#";
  public static final String SESSION_PREFIX = "SESSION#";

  public static final String INCIDENT_ID = "incidentId";
  public static final String ALARM_NAME = "alarmName";
  public static final String STATUS = "status";
  public static final String SESSION_ID = "sessionId";
  public static final String ALARM_AT = "alarmAt";
  public static final String OPENED_AT = "openedAt";
  public static final String OCCURRENCES = "occurrences";
  public static final String LAST_STATE = "lastState";
  public static final String ISSUE_NUMBER = "issueNumber";
  /** The issue-number index (template.yaml and the test tables create it with this name). */
  public static final String ISSUE_INDEX = "issueNumber-index";
  public static final String ISSUE_URL = "issueUrl";
  public static final String ISSUE_CREATED_AT = "issueCreatedAt";
  public static final String ANALYZED_AT = "analyzedAt";
  public static final String RESOLVED_AT = "resolvedAt";
  public static final String FAILURE_REASON = "failureReason";
  public static final String UPDATED_AT = "updatedAt";
  public static final String OPEN_INCIDENT_ID = "openIncidentId";
  public static final String SESSION_STATE = "sessionState";
  public static final String ANALYSIS_SESSION_ID = "analysisSessionId";
  public static final String RECOVERY_SESSION_ID = "recoverySessionId";
  /** Compact signal ids of the latest evidence, so a recurrence comment can say what changed. */
  public static final String EVIDENCE_SIGNALS = "evidenceSignals";
  public static final String LAST_FAILED_AT = "lastFailedAt";
  public static final String LAST_INCIDENT_ID = "lastIncidentId";
  /** Delivery attributes: the trigger's action, the planned session's mode, the outcome's reason, the lease. */
  public static final String ACTION = "action";
  public static final String MODE = "mode";
  public static final String REASON = "reason";
  public static final String LEASE_UNTIL = "leaseUntil";

  public static final String CORRELATION_INDEX = "CORR#index";
  public static final String SPEND_PREFIX = "SPEND#";
  public static final String GROUPS = "groups";
  public static final String VERSION = "version";
  public static final String MEMBER_STATES = "memberStates";
  public static final String MEMBERS_OK = "membersOk";
  public static final String RELATED = "related";
  public static final String RELATED_COMMENTED = "relatedCommented";
  public static final String CORRELATION = "correlation";
  public static final String SPLIT_FROM = "splitFrom";
  public static final String FOLLOW_UP_SESSION_ID = "followUpSessionId";
  public static final String SPENT_INPUT_TOKENS = "spentInputTokens";
  public static final String SPENT_OUTPUT_TOKENS = "spentOutputTokens";
  public static final String SPENT_MICRO_USD = "spentMicroUsd";
  public static final String SPENT_MODEL_CALLS = "spentModelCalls";
  /** The issue body's living parts: chronology (map of entry key -> JSON entry), status line, calibrated severity. */
  public static final String CHRONOLOGY = "chronology";
  public static final String ISSUE_STATUS = "issueStatus";
  public static final String SEVERITY = "severity";
  public static final String SEVERITY_REASON = "severityReason";
  /** The alarm (JSON AlarmDetails) the issue body's overview describes. */
  public static final String ISSUE_ALARM = "issueAlarm";
  /** What the postmortem needs from the analysis (JSON {@link com.incident.store.AnalysisDigest}). */
  public static final String ANALYSIS_DIGEST = "analysisDigest";

  /** Commands on the issue (#19): the analysed alarm and category, the remediation plan, re-analyses, feedback. */
  public static final String ALARM_DETAILS = "alarmDetails";
  public static final String TOP_CATEGORY = "topCategory";
  public static final String PLAN = "remediationPlan";
  public static final String PLAN_HASH = "planHash";
  public static final String PLAN_STATE = "planState";
  public static final String PLAN_EXPIRES_AT = "planExpiresAtMillis";
  public static final String PLAN_DECIDED_BY = "planDecidedBy";
  public static final String PLAN_DECIDED_AT = "planDecidedAt";
  public static final String LAST_REANALYSIS_AT = "lastReanalysisAtMillis";
  public static final String FEEDBACK = "feedback";
  /** Followed by a chat destination (slack, discord): a map {channel, id} of the incident's first message there. */
  public static final String CHAT_THREAD_PREFIX = "chatThread_";

  public static String incidentKey(String incidentId) {
    return INCIDENT_PREFIX + incidentId;
  }

  public static String alarmKey(String alarmName) {
    return ALARM_PREFIX + alarmName;
  }

  private IncidentTable() {}
}
