package com.incident.tools.chaos.core;

import java.util.List;

/** The planner's answer for one namespace. */
public record Plan(List<PlannedAction> actions, List<Skipped> skipped) {}
