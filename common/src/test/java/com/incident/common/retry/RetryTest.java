package com.incident.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");

  private final List<Duration> sleeps = new ArrayList<>();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private Retry retry(Backoff backoff, double u) {
    return new Retry(backoff, sleeps::add, clock, () -> u);
  }

  @Test
  void delaysGrowExponentiallyWithinTheCapAndAreJittered() {
    Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1000));
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delay(1, random.nextDouble())).isBetween(Duration.ZERO, Duration.ofMillis(100));
      assertThat(backoff.delay(3, random.nextDouble())).isBetween(Duration.ZERO, Duration.ofMillis(400));
      assertThat(backoff.delay(30, random.nextDouble())).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }
    assertThat(IntStream.range(0, 50).mapToObj(i -> backoff.delay(4, random.nextDouble())).distinct().count())
        .isGreaterThan(10);
  }

  @Test
  void theFirstRetryWaitsAtMostTheBase() {
    Backoff backoff = new Backoff(3, Duration.ofMillis(100), Duration.ofMillis(250));

    assertThat(backoff.delay(1, 1.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2, 1.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(3, 1.0)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void atLeastOneAttemptIsRequired() {
    assertThatThrownBy(() -> new Backoff(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
  }

  @Test
  void retriesWhatTheAttemptCallsRetryableUntilItSucceeds() {
    List<Integer> attempts = new ArrayList<>();

    String value = retry(new Backoff(3, Duration.ofMillis(100), Duration.ofSeconds(1)), 1.0)
        .call("probe", NOW.plusSeconds(60), Duration.ZERO, (n, left) -> {
          attempts.add(n);
          return n < 3 ? Retry.again("HTTP 503") : Retry.done("ok");
        }, g -> new IllegalStateException(g.toString()));

    assertThat(value).isEqualTo("ok");
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastReason() {
    assertThatThrownBy(() -> retry(new Backoff(2, Duration.ofMillis(100), Duration.ofSeconds(1)), 0.5)
        .call("probe", NOW.plusSeconds(60), Duration.ZERO, (n, left) -> Retry.again("HTTP 50" + n),
            g -> new IllegalStateException(g.stop() + " " + g.reason() + " after " + g.attempts())))
        .hasMessage("ATTEMPTS_EXHAUSTED HTTP 502 after 2");
    assertThat(sleeps).containsExactly(Duration.ofMillis(50));
  }

  @Test
  void aFailureTheAttemptThrowsIsNeverRetried() {
    assertThatThrownBy(() -> retry(new Backoff(5, Duration.ofMillis(100), Duration.ofSeconds(1)), 1.0)
        .call("probe", NOW.plusSeconds(60), Duration.ZERO, (n, left) -> {
          throw new IllegalArgumentException("HTTP 400");
        }, g -> new IllegalStateException("gave up")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void retryAfterReplacesTheBackoffWhenGiven() {
    String value = retry(new Backoff(2, Duration.ofMillis(100), Duration.ofMillis(100)), 1.0)
        .call("probe", NOW.plusSeconds(60), Duration.ZERO,
            (n, left) -> n == 1 ? Retry.againAfter("429", Duration.ofSeconds(7)) : Retry.done("ok"),
            g -> new IllegalStateException("gave up"));

    assertThat(value).isEqualTo("ok");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void neverWaitsPastTheDeadlineLessWhatAnAttemptNeeds() {
    assertThatThrownBy(() -> retry(new Backoff(3, Duration.ofSeconds(5), Duration.ofSeconds(5)), 1.0)
        .call("probe", NOW.plusSeconds(10), Duration.ofSeconds(6), (n, left) -> Retry.again("throttled"),
            g -> new IllegalStateException(g.stop() + ": " + g.reason())))
        .hasMessage("NO_TIME_LEFT: throttled");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void eachAttemptSeesTheTimeLeft() {
    List<Duration> seen = new ArrayList<>();

    retry(new Backoff(1, Duration.ZERO, Duration.ZERO), 0).call("probe", NOW.plusSeconds(42), Duration.ZERO,
        (n, left) -> {
          seen.add(left);
          return Retry.done(n);
        }, g -> new IllegalStateException());

    assertThat(seen).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void anInterruptedWaitGivesUpAndKeepsTheInterruptFlag() {
    Retry interrupted = new Retry(new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(10)), d -> {
      throw new InterruptedException();
    }, clock, () -> 1.0);
    try {
      assertThatThrownBy(() -> interrupted.call("probe", NOW.plusSeconds(60), Duration.ZERO,
          (n, left) -> Retry.again("timeout"), g -> new IllegalStateException(g.stop().name())))
          .hasMessage("INTERRUPTED");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
