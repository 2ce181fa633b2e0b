package com.incident.store;

import java.time.Instant;

/**
 * A remediation plan posted on the issue for a person's decision (REMEDIATION_MODE approval): chaos-cleanup's dry-run
 * with its {@code planHash}, the arguments that re-plan exactly that scope, and until when an approval counts.
 *
 * @param scenario the chaos scenario id the plan removes
 * @param arguments chaos-cleanup's arguments of the dry-run (JSON object), without {@code dry_run}
 * @param commentUrl the plan comment, when GitHub returned its URL
 * @param decidedBy the login that approved or rejected it; null while pending
 */
public record RemediationPlan(String planHash, String scenario, String arguments, Instant createdAt, Instant expiresAt,
    String commentUrl, State state, String decidedBy, Instant decidedAt) {

  public enum State { PENDING, APPROVED, REJECTED }

  /** A fresh plan, pending until {@code expiresAt}. */
  public static RemediationPlan pending(String planHash, String scenario, String arguments, Instant createdAt,
      Instant expiresAt, String commentUrl) {
    return new RemediationPlan(planHash, scenario, arguments, createdAt, expiresAt, commentUrl, State.PENDING, null, null);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
