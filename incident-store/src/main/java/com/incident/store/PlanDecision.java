package com.incident.store;

/**
 * What became of one person's decision on a pending plan ({@link IncidentStore#decidePlan}): exactly one decision
 * per plan wins, however many deliveries race.
 */
public sealed interface PlanDecision {
  /** This caller decided the plan; {@code plan} as stored now. */
  record Decided(RemediationPlan plan) implements PlanDecision {}

  /** The incident has no plan waiting for a decision. */
  record NoPlan() implements PlanDecision {}

  /** The plan's approval window ended before the decision. */
  record Expired(RemediationPlan plan) implements PlanDecision {}

  /** Someone decided the plan first. */
  record AlreadyDecided(RemediationPlan plan) implements PlanDecision {}

  /** The incident's plan is another one than the caller decided on (a newer plan replaced it). */
  record Superseded(RemediationPlan current) implements PlanDecision {}
}
