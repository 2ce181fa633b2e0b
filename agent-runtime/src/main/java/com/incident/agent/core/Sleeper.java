package com.incident.agent.core;

import java.time.Duration;

/** Waiting, injectable so tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d);

  void sleep(Duration d) throws InterruptedException;
}
