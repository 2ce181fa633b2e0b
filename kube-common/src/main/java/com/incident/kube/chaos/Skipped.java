package com.incident.kube.chaos;

import com.incident.common.incident.ChaosScenario;

/**
 * An object that matched a fault signature but is left alone, and why.
 *
 * @param outOfScope true when it is not related to the incident (to be mentioned for a person to check, never
 *     touched); false when it is related but acting on it is not safe or not warranted
 */
public record Skipped(ChaosScenario scenario, ObjectRef target, String reason, boolean outOfScope) {

  public Skipped(ChaosScenario scenario, ObjectRef target, String reason) {
    this(scenario, target, reason, false);
  }

  static Skipped outOfScope(ChaosScenario scenario, ObjectRef target, String reason) {
    return new Skipped(scenario, target, "out of scope: " + reason, true);
  }
}
