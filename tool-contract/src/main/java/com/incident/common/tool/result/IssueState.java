package com.incident.common.tool.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An issue's state as GitHub names it, in the results of the GitHub tools. */
public enum IssueState {
  OPEN("open"),
  CLOSED("closed");

  private final String id;

  IssueState(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static IssueState fromId(String id) {
    for (IssueState s : values()) {
      if (s.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown issue state '" + id + "'; expected open or closed");
  }
}
