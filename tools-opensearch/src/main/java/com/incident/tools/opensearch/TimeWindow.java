package com.incident.tools.opensearch;

import java.time.Duration;
import java.time.Instant;

/** A half-open time range {@code [from, to)}. */
public record TimeWindow(Instant from, Instant to) {

  public TimeWindow {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("Time window must end after it starts");
    }
  }

  public static TimeWindow ending(Instant end, Duration length) {
    return new TimeWindow(end.minus(length), end);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  public Duration length() {
    return Duration.between(from, to);
  }
}
