package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void valuesCarryTheirUnitAndAtMostOneDecimal() {
    assertThat(Units.percent(97.50)).isEqualTo("97.5%");
    assertThat(Units.percent(80.0)).isEqualTo("80%");
    assertThat(Units.bytes(512L * 1024 * 1024)).isEqualTo("512 MiB");
    assertThat(Units.bytes(1536L * 1024 * 1024)).isEqualTo("1.5 GiB");
    assertThat(Units.count(347)).isEqualTo("347건");
    assertThat(Units.seconds(1.23)).isEqualTo("1.2 s");
    assertThat(Units.share(0.9)).isEqualTo("90%");
    assertThat(Units.number(Double.NaN)).isEqualTo("-");
  }

  @Test
  void aMetricsValueTakesTheUnitItsNameCarries() {
    assertThat(Units.metric("pod_cpu_utilization", 97.5)).isEqualTo("97.5%");
    assertThat(Units.metric("http_5xx_count", 42)).isEqualTo("42건");
    assertThat(Units.metric("container_memory_working_set_bytes", 256.0 * 1024 * 1024)).isEqualTo("256 MiB");
    assertThat(Units.metric("service_number_of_running_pods", 0)).isEqualTo("0");
  }

  @Test
  void timesAreKstWithUtcInParentheses() {
    Instant t = Instant.parse("2026-11-30T06:16:40Z");
    assertThat(Units.time(t)).isEqualTo("15:16 KST(06:16 UTC)");
    assertThat(Units.dateTime(t)).isEqualTo("2026-11-30 15:16 KST(06:16 UTC)");
    assertThat(Units.dateTime(Instant.parse("2026-11-30T16:05:00Z"))).isEqualTo("2026-12-01 01:05 KST(2026-11-30 16:05 UTC)");
    assertThat(Units.time("not a time")).isEqualTo("not a time");
    assertThat(Units.time((Instant) null)).isEqualTo("-");
  }
}
