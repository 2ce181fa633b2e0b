package com.incident.store;

/**
 * The status line at the top of the incident's issue body: where the incident stands for the person reading it.
 * Stored by name on the incident item ({@code issueStatus}), next to {@link IncidentStatus}, which is the
 * workflow's own state (a RECOVERING incident may be waiting for its alarm's OK while the issue says 복구 중).
 */
public enum IssueStatus {
  /** The analysis runs. */
  ANALYZING,
  /** A remediation was proposed and waits for a person's approval. */
  AWAITING_APPROVAL,
  /** A remediation runs or its recovery is being verified. */
  REMEDIATING,
  /** Recovery verified; the issue is closed. */
  RESOLVED,
  /** Analysed and left to people: no remediation, remediation off, recovery not confirmed, or the run failed. */
  NEEDS_ACTION
}
