package com.incident.store;

import java.time.Instant;
import java.util.List;

/**
 * What people's commands on the incident issue act on, kept beside the incident's progress.
 *
 * @param alarmJson the alarm the analysis ran on (AlarmDetails JSON), for a re-analysis and an approved remediation
 * @param topCategory the root-cause category id the latest analysis named
 * @param plan the latest remediation plan, null when none was posted
 * @param feedback every verdict, oldest first
 * @param lastReanalysisAt when the last re-analysis was granted, null before the first
 */
public record IncidentReview(String alarmJson, String topCategory, RemediationPlan plan, List<Feedback> feedback,
    Instant lastReanalysisAt) {
  public IncidentReview {
    feedback = feedback == null ? List.of() : List.copyOf(feedback);
  }
}
