package com.incident.trigger.core;

/**
 * A record's result plus, when the record must be delivered again, why. A non-null {@code retryReason} makes
 * the handler fail the invocation after all records are processed, so SNS/Lambda redeliver the event.
 */
public record RecordOutcome(TriggerResult result, String retryReason) {
  public static RecordOutcome done(TriggerResult result) {
    return new RecordOutcome(result, null);
  }

  public boolean needsRetry() {
    return retryReason != null;
  }
}
