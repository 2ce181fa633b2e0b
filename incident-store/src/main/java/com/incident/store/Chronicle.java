package com.incident.store;

import com.incident.common.incident.Severity;
import java.util.List;

/**
 * What the incident's issue body shows that changes as the incident moves, as kept on the incident item:
 * the status line, the severity calibrated from impact (with its Korean one-line reason) and the chronology,
 * oldest first. Each part is absent (null, empty) until a session wrote it.
 */
public record Chronicle(IssueStatus status, Severity severity, String severityReason, List<ChronologyEntry> entries) {
  public static final Chronicle EMPTY = new Chronicle(null, null, null, List.of());

  public Chronicle {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
