package com.incident.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an incident's chronology as kept on the incident item, so every later session (recurrence,
 * recovery, correlated alarm, issue command) adds to the same timeline. {@code key} identifies the event: a write
 * of a key already present is ignored, which makes a retried session's writes harmless. {@code text} is the
 * Korean line a person reads (plain text; renderers escape it).
 */
public record ChronologyEntry(String key, Instant at, Stage stage, String text) {
  /**
   * What kind of event; the declaration order is the causal order, which breaks ties between events of the same
   * second and tells a renderer which event can never precede which (an analysis never precedes its issue).
   */
  public enum Stage {
    /** The earliest minute the evidence shows the fault (metric climb, first error, rollout, pod restart). */
    FIRST_SIGNAL,
    /** The alarmed metric crossed the alarm's threshold (from the alarm's datapoints). */
    THRESHOLD,
    /** The alarm went to ALARM. */
    ALARM,
    /** Another alarm joined the incident. */
    RELATED_ALARM,
    /** The incident's GitHub issue was opened. */
    ISSUE,
    /** An analysis (first, follow-up or re-analysis) was posted. */
    ANALYSIS,
    /** A remediation waits for a person's approval, or was approved or rejected. */
    APPROVAL,
    /** A remediation changed (or tried to change) the cluster. */
    REMEDIATION,
    /** The result of checking the remediation: recovered or not. */
    VERIFICATION,
    /** The alarm went to ALARM again on the open incident. */
    RECURRENCE,
    /** The alarm went back to OK. */
    OK,
    /** The issue was closed. */
    CLOSE
  }

  public ChronologyEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(text, "text");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a chronology entry needs a key");
    }
  }
}
