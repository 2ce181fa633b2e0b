package com.incident.agent.notify;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened to an incident, as the workflow tells its listeners (chat notifications) after the issue shows
 * it. Every event names the incident and its issue so a listener needs no lookups; texts are Korean, already
 * redacted, and free of markdown.
 */
public sealed interface IncidentEvent {

  Ref incident();

  Instant at();

  /** The incident and its GitHub issue. */
  record Ref(String incidentId, String alarmName, int issueNumber, String issueUrl) {}

  /**
   * The root-cause comment was posted.
   *
   * @param severityLabel the issue's severity label, e.g. {@code severity:high}
   * @param strongestEvidence one line of the strongest evidence of the top cause, or null
   */
  record Analyzed(Ref incident, Instant at, AlarmDetails alarm, String severityLabel, AnalysisResult result,
      String strongestEvidence) implements IncidentEvent {}

  /** A remediation plan waits for {@code /approve} until {@code expiresAt}; {@code actions} in Korean, one each. */
  record ApprovalRequested(Ref incident, Instant at, String planHash, Instant expiresAt, List<String> actions)
      implements IncidentEvent {}

  /** chaos-cleanup changed the cluster; {@code approver} is the login that approved it, null in auto mode. */
  record Remediated(Ref incident, Instant at, String approver, List<String> actions) implements IncidentEvent {}

  /** Recovery was verified and the issue closed; {@code timeToRecover} from the alarm, null when unknown. */
  record Resolved(Ref incident, Instant at, Duration timeToRecover, String how) implements IncidentEvent {}

  /** The suite stops here and a person must act ("조치 필요"); {@code reason} in Korean. */
  record NeedsAction(Ref incident, Instant at, String reason) implements IncidentEvent {}
}
