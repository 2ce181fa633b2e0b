package com.incident.store;

/** Where an incident stands; stored by name in the incident item's {@code status}. */
public enum IncidentStatus {
  /** Opened by alarm-trigger, or analysed and left open for people (no remediation, or recovery unconfirmed). */
  OPEN,
  /** An analysis session is running. */
  ANALYZING,
  /** A remediation plan is posted and waits for a person's /approve or /reject ("승인 대기"). */
  AWAITING_APPROVAL,
  /** The alarm went OK or a remediation is running: recovery is being verified. */
  RECOVERING,
  /** Recovery verified; the issue is closed. */
  RESOLVED,
  /** The analysis could not be started or crashed; a later ALARM may take it over while no issue exists. */
  FAILED,
  /** The agent refused the analysis as input that can never succeed; the episode is closed. */
  REJECTED
}
