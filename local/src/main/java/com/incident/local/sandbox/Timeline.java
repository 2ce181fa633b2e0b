package com.incident.local.sandbox;

import com.incident.local.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Maps a scenario's minutes onto wall-clock time and decides what the metric and log sources may show.
 *
 * <p>Minute 0 is the first alarm. The anchor is chosen so that the last notification falls on "now": a replay of
 * an incident that just happened. Data is revealed up to the notification being handled (the {@link #present()}),
 * so the first analysis of a flapping alarm cannot see how it ends. When a remediation is applied, series with an
 * {@code afterRemediation} part switch to it and the clock moves forward by that part's length, so recovery
 * verification reads real post-fix data instead of waiting minutes for it.
 */
public final class Timeline {
  private volatile Instant anchor;
  private final double fastForward;
  private volatile double present;
  private volatile Double fixedAt;

  public Timeline(Instant anchor, double fastForward) {
    this.anchor = anchor;
    this.fastForward = fastForward;
  }

  /** Anchored so the scenario's last notification is at {@code now}; fast-forward = longest afterRemediation. */
  public static Timeline forScenario(Scenario s, Instant now) {
    double last = s.followUps().isEmpty() ? 0 : s.followUps().getLast().afterMinutes();
    double ff = s.metrics().stream().filter(m -> m.afterRemediation() != null && !m.afterRemediation().isEmpty())
        .mapToDouble(m -> m.afterRemediation().getLast()[0]).max().orElse(5);
    Instant anchor = now.truncatedTo(ChronoUnit.SECONDS).minus(minutes(last));
    return new Timeline(anchor, ff);
  }

  /** The wall-clock time of a scenario minute, after any fast-forward. */
  public Instant at(double minute) {
    return anchor.plus(minutes(minute - shift()));
  }

  /**
   * The wall-clock time a notification is delivered with: minute 0 plus its minute, never moved by a fix, so the
   * notifications of a scenario (a recurrence, an OK, other alarms of a storm) keep their order and spacing. Data
   * is consistent with it either way: after a fix the newest revealed point falls on this time.
   */
  public Instant deliveredAt(double minute) {
    return anchor.plus(minutes(minute));
  }

  /** Moves minute 0 to the given time: a user's own alarm (`invoke --sandbox`) sees the scenario around it. */
  public void anchorAt(Instant minuteZero) {
    anchor = minuteZero.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The notification being delivered; data after it stays hidden. */
  public void advanceTo(double minute) {
    present = Math.max(present, minute);
  }

  public double present() {
    return present;
  }

  /** Called once the fault was removed on the cluster; later calls change nothing. */
  public synchronized void remediated() {
    if (fixedAt == null) {
      fixedAt = present;
    }
  }

  public Double fixedAt() {
    return fixedAt;
  }

  /** The latest minute with data: the present, plus the fast-forward once a fix was applied. */
  public double horizon() {
    return present + shift();
  }

  private double shift() {
    return fixedAt == null ? 0 : fastForward;
  }

  private static Duration minutes(double m) {
    return Duration.ofMillis(Math.round(m * 60_000));
  }
}
