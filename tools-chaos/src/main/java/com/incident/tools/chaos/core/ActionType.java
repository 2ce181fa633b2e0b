package com.incident.tools.chaos.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** What chaos-cleanup does to an object. */
public enum ActionType {
  DELETE("delete"),
  ROLLBACK("rollback"),
  SCALE("scale");

  private final String id;

  ActionType(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
