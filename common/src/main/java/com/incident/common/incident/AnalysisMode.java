package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an agent session does: a full analysis, a comment on an open incident, a verified close, or a related
 * alarm that joined an open incident (its `연관 알람` comment, and at most one follow-up analysis per incident), or
 * a person's command on the issue ({@code /approve}, {@code /reanalyze}, ...).
 */
public enum AnalysisMode {
  ANALYZE("analyze"),
  RECURRENCE("recurrence"),
  RECOVERY("recovery"),
  CORRELATED("correlated"),
  /** A person's command on the incident issue ({@link IssueCommand}), forwarded by the GitHub webhook function. */
  COMMAND("command");

  private final String id;

  AnalysisMode(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static AnalysisMode fromId(String id) {
    for (AnalysisMode m : values()) {
      if (m.id.equalsIgnoreCase(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown mode '" + id + "'; expected analyze, recurrence, recovery, correlated or command");
  }
}
