package com.incident.trigger.store;

/** Outcome of claiming an SNS MessageId for processing. */
public sealed interface Claim {
  /** First delivery (or a takeover of a delivery that died before planning): decide from scratch. */
  record Fresh() implements Claim {}

  /** An earlier delivery planned a session but did not confirm it started: start exactly that one again. */
  record Resume(Plan plan) implements Claim {}

  /** Already handled; nothing to do. */
  record Handled(String action, String sessionId, String reason) implements Claim {}

  /** Another delivery holds a live lease on this message; it will finish or fail and be redelivered. */
  record Busy() implements Claim {}
}
