package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageKeyTest {

  @Test
  void occurrencesOfOneErrorShareAKey() {
    assertThat(MessageKey.of(FluentBitIndices.chargeTrace(4711))).isEqualTo(MessageKey.of(FluentBitIndices.chargeTrace(9)))
        .isEqualTo(FluentBitIndices.CHARGE_KEY);
  }

  @Test
  void hexIdsAndAddressesAreNormalisedButWordsAndPodNamesStay() {
    assertThat(MessageKey.of("cache miss for 9f86d081884c7d65 at 0x7ffe3a in payment-api-7c9d8f-x2k4p after 12.5 ms"))
        .isEqualTo("cache miss for <hex> at <hex> in payment-api-7c9d8f-x2k4p after <n> ms");
    assertThat(MessageKey.of("deadbeef accepted")).isEqualTo("deadbeef accepted");
  }

  @Test
  void theKeyIsTheRedactedFirstLineCappedInLength() {
    assertThat(MessageKey.of("login failed password=hunter2secret\n\tat a.B.c(B.java:1)"))
        .doesNotContain("hunter2secret").doesNotContain("B.java");
    assertThat(MessageKey.of("x".repeat(500))).hasSize(MessageKey.MAX_CHARS + 1).endsWith("…");
  }
}
