package com.incident.trigger.core;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the trigger did with one SNS record. */
public enum Action {
  STARTED("started"),
  RECURRENCE("recurrence"),
  RECOVERY("recovery"),
  /** The alarm joined a related open incident. */
  CORRELATED("correlated"),
  /** An operator moved a joined alarm to an incident of its own. */
  SPLIT("split"),
  DUPLICATE("duplicate"),
  SKIPPED("skipped"),
  REJECTED("rejected");

  private final String id;

  Action(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public static Action fromId(String id) {
    for (Action a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("Unknown action '" + id + "'");
  }
}
