package com.incident.kube.chaos;

import java.util.List;

/** The planner's answer for one namespace. */
public record Plan(List<PlannedAction> actions, List<Skipped> skipped) {}
