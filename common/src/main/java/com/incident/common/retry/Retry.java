package com.incident.common.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's one retry loop: at most {@link Backoff#maxAttempts()} attempts, full-jitter backoff between them
 * (or the wait the server asked for, e.g. Retry-After), and never a wait that would end past the deadline
 * minus the time one more attempt needs. Only what the attempt itself classifies as retryable is retried;
 * anything else it throws ends the call at once.
 *
 * <p>Hand-written (about 60 lines) rather than Failsafe or resilience4j-retry: this is all the suite needs, it
 * lives in the dependency-free core every Lambda jar carries, and a library would add 100+ KB and its own
 * executor model to each of them for no behaviour we use.
 */
public final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  /** What one attempt produced: a value, or a failure the caller judged worth another attempt. */
  public sealed interface Outcome<T> {
    record Done<T>(T value) implements Outcome<T> {}

    /** {@code retryAfter}: the wait the server asked for, or null for the backoff's. */
    record Again<T>(String reason, Duration retryAfter) implements Outcome<T> {}
  }

  public static <T> Outcome<T> done(T value) {
    return new Outcome.Done<>(value);
  }

  public static <T> Outcome<T> again(String reason) {
    return new Outcome.Again<>(reason, null);
  }

  public static <T> Outcome<T> againAfter(String reason, Duration retryAfter) {
    return new Outcome.Again<>(reason, retryAfter);
  }

  /** One attempt, given its number (1 = the first) and the time left before the deadline. */
  @FunctionalInterface
  public interface Attempt<T, X extends Exception> {
    Outcome<T> run(int attempt, Duration left) throws X;
  }

  /** Why the call stopped retrying: the last failure's reason and how many attempts were made. */
  public record GaveUp(Stop stop, String reason, int attempts) {}

  public enum Stop { ATTEMPTS_EXHAUSTED, NO_TIME_LEFT, INTERRUPTED }

  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;

  public Retry(Backoff backoff, Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
    this.jitter = jitter;
  }

  /** Real waits, the system clock and thread-local jitter. */
  public static Retry of(Backoff backoff) {
    return new Retry(backoff, Sleeper.SYSTEM, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
  }

  public Backoff backoff() {
    return backoff;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Runs {@code attempt} until it is done, throws, or the retry gives up; then {@code giveUp} makes the
   * exception thrown. {@code reserve} is the least time an attempt needs: no wait starts that would leave less.
   */
  public <T, X extends Exception> T call(String what, Instant deadline, Duration reserve, Attempt<T, X> attempt,
      Function<GaveUp, X> giveUp) throws X {
    for (int n = 1; ; n++) {
      Outcome<T> outcome = attempt.run(n, left(deadline));
      if (outcome instanceof Outcome.Done<T> done) {
        return done.value();
      }
      Outcome.Again<T> again = (Outcome.Again<T>) outcome;
      if (n >= backoff.maxAttempts()) {
        throw giveUp.apply(new GaveUp(Stop.ATTEMPTS_EXHAUSTED, again.reason(), n));
      }
      Duration wait = again.retryAfter() != null ? again.retryAfter() : backoff.delay(n, jitter.getAsDouble());
      if (wait.plus(reserve).compareTo(left(deadline)) > 0) {
        throw giveUp.apply(new GaveUp(Stop.NO_TIME_LEFT, again.reason(), n));
      }
      LOG.warn("{} attempt {}/{} failed ({}); retrying in {} ms", what, n, backoff.maxAttempts(), again.reason(),
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw giveUp.apply(new GaveUp(Stop.INTERRUPTED, again.reason(), n));
      }
    }
  }

  private Duration left(Instant deadline) {
    return Duration.between(clock.instant(), deadline);
  }
}
