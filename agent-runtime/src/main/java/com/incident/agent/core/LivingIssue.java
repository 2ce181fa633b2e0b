package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.Severity;
import com.incident.store.Chronicle;
import com.incident.store.ChronologyEntry;
import com.incident.store.IncidentStore;
import com.incident.store.IssueStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issue body kept true as the incident moves: each step adds its events to the incident's chronology (on the
 * incident item, so every later session adds to the same one), sets the status line and, when the evidence
 * calibrated it, the severity; then the body is rendered whole again and replaces the old one through
 * github-update-issue, the {@code severity:*} label following the calibration. Nothing here ends a run: a lost
 * write is logged and the next step renders from what was kept.
 */
final class LivingIssue {
  private static final Logger LOG = LoggerFactory.getLogger(LivingIssue.class);

  private final IncidentStore store;
  private final IssueBody body;
  private final IncidentClassifier classifier;
  private final Clock clock;

  LivingIssue(IncidentStore store, IssueBody body, IncidentClassifier classifier, Clock clock) {
    this.store = store;
    this.body = body;
    this.classifier = classifier;
    this.clock = clock;
  }

  /** The body the issue opens with: 분석 중, the alarm's severity, the alarm's own events; all of it kept. */
  String opening(IncidentFacts facts, String incidentId) {
    Instant now = clock.instant();
    MetricValues.Unit unit = MetricValues.of(facts.alarm());
    List<ChronologyEntry> entries = Chronology.alarm(facts, unit);
    keep("keepIssueAlarm", () -> store.keepIssueAlarm(incidentId, facts.alarm(), now));
    keep("appendChronology", () -> store.appendChronology(incidentId, entries, now));
    keep("markIssueStatus", () -> store.markIssueStatus(incidentId, IssueStatus.ANALYZING, now));
    return body.render(facts, incidentId,
        new IssueBody.State(IssueStatus.ANALYZING, facts.severity(), null, unit, entries, now));
  }

  /**
   * Records a step and re-renders the body.
   *
   * @param facts the session's own facts, used when the incident kept no alarm of its own (opened before it did)
   * @param status the new status line; null keeps the current one
   * @param calibration the severity the evidence calibrated; null keeps the current one
   * @param unit the alarmed metric's unit as this session knows it; null for the alarm's own
   */
  void step(GitHubIssues github, int issue, String incidentId, IncidentFacts facts, IssueStatus status,
      List<ChronologyEntry> entries, SeverityCalibrator.Calibration calibration, MetricValues.Unit unit) {
    Instant now = clock.instant();
    Chronicle before = read(incidentId);
    keep("appendChronology", () -> store.appendChronology(incidentId, entries, now));
    if (status != null) {
      keep("markIssueStatus", () -> store.markIssueStatus(incidentId, status, now));
    }
    if (calibration != null && calibration.fromImpact()) {
      keep("markSeverity", () -> store.markSeverity(incidentId, calibration.severity(), calibration.reason(), now));
    }
    IncidentFacts shown = keptAlarm(incidentId).map(classifier::classify).orElse(facts);
    // What was kept, then this step's events (appends are idempotent per key, so this is what the item now holds).
    List<ChronologyEntry> chronology = java.util.stream.Stream.concat(before.entries().stream(), entries.stream()).toList();
    IssueStatus line = status != null ? status : before.status() != null ? before.status() : IssueStatus.ANALYZING;
    boolean calibrated = calibration != null && calibration.fromImpact();
    Severity severity = calibrated ? calibration.severity()
        : before.severity() != null ? before.severity() : shown.severity();
    String reason = calibrated ? calibration.reason() : before.severityReason();
    MetricValues.Unit u = unit != null ? unit : MetricValues.of(shown.alarm());
    Severity labelled = before.severity() != null ? before.severity() : shown.severity();
    github.update(issue, body.render(shown, incidentId, new IssueBody.State(line, severity, reason, u, chronology, now)),
        severity == labelled ? List.of() : List.of(severity.label()),
        severity == labelled ? List.of() : List.of(labelled.label()));
  }

  private java.util.Optional<AlarmDetails> keptAlarm(String incidentId) {
    try {
      return store.issueAlarm(incidentId);
    } catch (RuntimeException e) {
      LOG.error("Reading the issue alarm of incident {} failed: {}", incidentId, e.toString());
      return java.util.Optional.empty();
    }
  }

  private Chronicle read(String incidentId) {
    try {
      return store.chronicle(incidentId);
    } catch (RuntimeException e) {
      LOG.error("Reading the chronology of incident {} failed: {}", incidentId, e.toString());
      return Chronicle.EMPTY;
    }
  }

  private static void keep(String what, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.error("Incident record {} failed: {}", what, e.toString());
    }
  }
}
