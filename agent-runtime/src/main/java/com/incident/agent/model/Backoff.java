package com.incident.agent.model;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: attempt n waits a random time in [0, min(cap, base * 2^n)). */
public record Backoff(Duration base, Duration cap, DoubleSupplier random) {

  public Duration delay(int attempt) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt, 20)));
    return Duration.ofMillis((long) (ceiling * random.getAsDouble()));
  }
}
