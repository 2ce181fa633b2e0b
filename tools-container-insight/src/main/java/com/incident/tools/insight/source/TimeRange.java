package com.incident.tools.insight.source;

import java.time.Instant;

/** A half-open query window [start, end) aggregated into {@code periodSeconds} buckets. */
public record TimeRange(Instant start, Instant end, int periodSeconds) {
  public TimeRange {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("start must be before end");
    }
    if (periodSeconds <= 0 || periodSeconds % 60 != 0) {
      throw new IllegalArgumentException("periodSeconds must be a positive multiple of 60");
    }
  }
}
