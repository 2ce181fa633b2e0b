package com.incident.common.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a function does once before its SnapStart snapshot (the CRaC {@code beforeCheckpoint} hook), so the first
 * request after a restore finds Jackson, the JSON Schema validator, log4j and its own code paths loaded and already
 * run once. An action must reach no real endpoint and read no secret: a snapshot is taken once per published
 * version and restored for every cold start, so nothing fetched then may be reused later.
 *
 * <p>Register from the handler's no-arg constructor only (the one Lambda calls), never from the constructor tests
 * use. A failing action is logged and skipped: priming is an optimisation and must not block publishing a version.
 */
public final class Priming {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  /** Strong references: a CRaC context holds its resources weakly, and nothing else refers to these. */
  private static final List<Hook> HOOKS = new CopyOnWriteArrayList<>();

  /** One priming step; may throw, which is logged and ignored. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private Priming() {}

  /** Runs {@code action} before the snapshot of this execution environment (a no-op on JVMs without CRaC). */
  public static void beforeSnapshot(String what, Action action) {
    Hook hook = new Hook(what, action);
    HOOKS.add(hook);
    Core.getGlobalContext().register(hook);
  }

  /**
   * Runs every registered action now, in registration order, as the snapshot would. The bench calls it to measure
   * the primed cold path on a JVM that has no checkpoint.
   */
  public static void primeNow() {
    HOOKS.forEach(Hook::prime);
  }

  private record Hook(String what, Action action) implements Resource {
    void prime() {
      try {
        action.run();
      } catch (Exception | LinkageError e) {
        LOG.warn("Priming step '{}' failed; the first request will do this work instead", what, e);
      }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      // Nothing captured by priming needs refreshing: actions keep no connection, credential or clock reading.
    }
  }
}
