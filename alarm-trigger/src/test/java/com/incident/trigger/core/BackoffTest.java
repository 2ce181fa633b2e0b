package com.incident.trigger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void delaysGrowExponentiallyWithinTheCapAndAreJittered() {
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delay(1, random)).isBetween(Duration.ZERO, Duration.ofMillis(100));
      assertThat(backoff.delay(3, random)).isBetween(Duration.ZERO, Duration.ofMillis(400));
      assertThat(backoff.delay(30, random)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }
    assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(4, random)).distinct().count())
        .isGreaterThan(10);
  }

  @Test
  void atLeastOneAttemptIsRequired() {
    assertThatThrownBy(() -> new Backoff(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
  }
}
