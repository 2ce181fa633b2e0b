package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineTest {
  static final Instant ZERO = Instant.parse("2026-11-21T03:15:00Z");

  @Test
  void notificationsKeepTheirOrderAndSpacingAcrossAFix() {
    Timeline timeline = new Timeline(ZERO, 5);
    Instant first = timeline.deliveredAt(0);
    timeline.advanceTo(2);
    timeline.remediated();
    timeline.advanceTo(3);

    assertThat(timeline.deliveredAt(3)).isEqualTo(first.plus(Duration.ofMinutes(3)));
    assertThat(timeline.at(timeline.horizon())).as("the newest data point falls on the notification's time")
        .isEqualTo(timeline.deliveredAt(3));
    assertThat(timeline.at(3)).as("the data itself moved back by the fast-forward").isEqualTo(ZERO.minus(Duration.ofMinutes(2)));
  }
}
