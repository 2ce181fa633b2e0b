package com.incident.store;

/** Outcome of claiming an SNS MessageId for processing ({@link IncidentStore#claimDelivery}). */
public sealed interface DeliveryClaim {
  /** First delivery (or a takeover of a delivery that died before planning): decide from scratch. */
  record Fresh() implements DeliveryClaim {}

  /** An earlier delivery planned a session but did not confirm it started: start exactly that one again. */
  record Resume(Plan plan) implements DeliveryClaim {}

  /** Already handled; nothing to do. {@code action} is what the trigger recorded (its own vocabulary). */
  record Handled(String action, String sessionId, String reason) implements DeliveryClaim {}

  /** Another delivery holds a live lease on this message; it will finish or fail and be redelivered. */
  record Busy() implements DeliveryClaim {}
}
