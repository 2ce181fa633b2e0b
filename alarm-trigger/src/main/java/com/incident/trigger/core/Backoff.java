package com.incident.trigger.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter: attempt n waits a uniform random time in [0, min(max, base * 2^n)). */
public record Backoff(int maxAttempts, Duration base, Duration max) {
  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
  }

  /** Delay before retry number {@code retry} (1 = the first retry). */
  public Duration delay(int retry, RandomGenerator random) {
    long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
    return Duration.ofMillis(cap <= 0 ? 0 : random.nextLong(cap + 1));
  }
}
