package com.incident.agent.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When the run must be finished (the Lambda's remaining time minus a safety margin). */
public record Deadline(Clock clock, Instant end) {

  public static Deadline in(Clock clock, Duration budget) {
    return new Deadline(clock, clock.instant().plus(budget));
  }

  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The smaller of {@code cap} and what is left before {@code reserve} must remain. */
  public Duration budget(Duration cap, Duration reserve) {
    Duration left = remaining().minus(reserve);
    if (left.isNegative()) {
      return Duration.ZERO;
    }
    return left.compareTo(cap) < 0 ? left : cap;
  }
}
