package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an agent session does: a full analysis, a comment on an open incident, or a verified close. */
public enum AnalysisMode {
  ANALYZE("analyze"),
  RECURRENCE("recurrence"),
  RECOVERY("recovery");

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
    throw new IllegalArgumentException("Unknown mode '" + id + "'; expected analyze, recurrence or recovery");
  }
}
