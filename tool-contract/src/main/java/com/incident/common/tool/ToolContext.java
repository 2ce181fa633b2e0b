package com.incident.common.tool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What a tool call knows besides its arguments: who asked, and until when an answer is useful. */
public record ToolContext(String sessionId, Instant deadline, Clock clock) {

  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  public boolean expired() {
    return !clock.instant().isBefore(deadline);
  }
}
