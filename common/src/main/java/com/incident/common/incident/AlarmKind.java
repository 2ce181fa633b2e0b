package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonValue;

/** The CloudWatch alarm shapes SNS delivers. */
public enum AlarmKind {
  METRIC("metric"),
  METRIC_MATH("metric-math"),
  ANOMALY_DETECTION("anomaly-detection"),
  COMPOSITE("composite");

  private final String id;

  AlarmKind(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
