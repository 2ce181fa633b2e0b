package com.incident.common.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The chaos faults chaos-cleanup knows how to remove, and the "no remediation" answer. */
public enum ChaosScenario {
  STRESS_WORKLOAD("stress-workload"),
  BAD_IMAGE("bad-image"),
  SCALED_TO_ZERO("scaled-to-zero"),
  NONE("none");

  private final String id;

  ChaosScenario(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static ChaosScenario fromId(String id) {
    for (ChaosScenario s : values()) {
      if (s.id.equalsIgnoreCase(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown chaos scenario '" + id + "'; expected stress-workload, bad-image, scaled-to-zero or none");
  }
}
