package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonValue;

/** Incident severity; the GitHub label is {@code severity:<id>}. */
public enum Severity {
  CRITICAL("critical"),
  HIGH("high"),
  MEDIUM("medium"),
  LOW("low");

  private final String id;

  Severity(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public String label() {
    return "severity:" + id;
  }
}
