package com.incident.tools.chaos.core;

import com.incident.common.incident.ChaosScenario;

/** An object that matched a fault signature but is left alone, and why. */
public record Skipped(ChaosScenario scenario, ObjectRef target, String reason) {}
