package com.incident.common.retry;

import java.time.Duration;

/**
 * The one way the suite waits. Time itself comes from {@link java.time.Clock}; waiting goes through this seam
 * so tests record the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
