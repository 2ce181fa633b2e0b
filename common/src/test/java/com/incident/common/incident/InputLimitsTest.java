package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InputLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");

  @Test
  void alarmNamesAreCountedInCharactersUpToCloudWatchsLimit() {
    assertThat(InputLimits.alarmNameProblem("AlarmName", "가".repeat(255))).isEmpty();
    assertThat(InputLimits.alarmNameProblem("AlarmName", "😀".repeat(255))).as("supplementary characters count once")
        .isEmpty();
    assertThat(InputLimits.alarmNameProblem("AlarmName", "a".repeat(256)))
        .hasValue("AlarmName has 256 characters; CloudWatch allows at most 255");
    assertThat(InputLimits.alarmNameProblem("AlarmName", "")).hasValue("AlarmName is empty");
    assertThat(InputLimits.alarmNameProblem("AlarmName", null)).hasValue("AlarmName is empty");
    assertThat(InputLimits.alarmNameProblem("AlarmName", "cpu\u007f")).hasValue("AlarmName 'cpu?' contains control characters");
  }

  @Test
  void timesMayLieADayAheadOrAYearBack() {
    assertThat(InputLimits.timeProblem("t", NOW.plus(Duration.ofDays(1)), NOW)).isEmpty();
    assertThat(InputLimits.timeProblem("t", NOW.plus(Duration.ofDays(1)).plusSeconds(1), NOW)).get().asString()
        .contains("more than 24 hours in the future");
    assertThat(InputLimits.timeProblem("t", NOW.minus(Duration.ofDays(365)), NOW)).isEmpty();
    assertThat(InputLimits.timeProblem("t", NOW.minus(Duration.ofDays(365)).minusSeconds(1), NOW)).get().asString()
        .contains("more than 365 days in the past");
  }

  @Test
  void keysAreMeasuredInUtf8BytesWithTheirPrefix() {
    assertThat(InputLimits.keyProblem("MessageId", "MSG#", "m".repeat(2044))).isEmpty();
    assertThat(InputLimits.keyProblem("MessageId", "MSG#", "m".repeat(2045))).hasValue(
        "MessageId is 2045 bytes; its table key would exceed DynamoDB's 2048-byte partition key limit");
    assertThat(InputLimits.keyProblem("MessageId", "MSG#", "가".repeat(682))).as("2046 bytes + prefix").isPresent();
  }

  @Test
  void quotedValuesAreShortAndPrintable() {
    assertThat(InputLimits.quote("x".repeat(1000))).hasSize(64 + 5).endsWith("...'");
    assertThat(InputLimits.quote("a\r\nb")).isEqualTo("'a??b'");
  }
}
