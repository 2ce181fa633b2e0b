package com.incident.common.retry;

import java.time.Duration;

/**
 * Exponential backoff with full jitter. Retries are counted from 1: retry {@code n} (the wait after the
 * {@code n}-th failed attempt) waits a uniform random time in {@code [0, min(max, base * 2^(n-1))]}, so the
 * first retry waits at most {@code base}. {@code maxAttempts} counts every attempt, the first one included.
 */
public record Backoff(int maxAttempts, Duration base, Duration max) {
  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (base.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("base and max must not be negative");
    }
  }

  /** The wait before retry {@code retry} (1 = the first retry) for a jitter draw {@code u} in [0, 1]. */
  public Duration delay(int retry, double u) {
    long window = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(retry, 1) - 1, 20));
    return Duration.ofMillis(Math.round(Math.max(0, window) * Math.clamp(u, 0.0, 1.0)));
  }
}
