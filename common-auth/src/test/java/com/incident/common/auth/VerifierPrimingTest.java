package com.incident.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifierPrimingTest {

  @Test
  void aPrimingTokenPassesTheProductionVerifierEndToEnd() throws Exception {
    assertThat(VerifierPriming.verifyOnce()).isEqualTo("snapstart-priming");
  }
}
