package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemediationModeTest {

  @Test
  void parsesTheThreeModesAndDefaultsToAuto() {
    assertThat(RemediationMode.parse("auto")).isEqualTo(RemediationMode.AUTO);
    assertThat(RemediationMode.parse(" Dry-Run ")).isEqualTo(RemediationMode.DRY_RUN);
    assertThat(RemediationMode.parse("OFF")).isEqualTo(RemediationMode.OFF);
    assertThat(RemediationMode.parse(null)).isEqualTo(RemediationMode.AUTO);
    assertThat(RemediationMode.parse("")).isEqualTo(RemediationMode.AUTO);
  }

  @Test
  void aBadValueIsAClearErrorNotASilentDefault() {
    assertThatThrownBy(() -> RemediationMode.parse("true"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("REMEDIATION_MODE must be auto, dry-run, approval or off, got 'true'");
    assertThatThrownBy(() -> RemediationMode.parse("dry_run")).hasMessageContaining("got 'dry_run'");
  }
}
