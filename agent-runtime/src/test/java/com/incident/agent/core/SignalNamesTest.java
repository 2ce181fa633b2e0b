package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalNamesTest {

  @Test
  void signalIdsReadAsWhatTheyMean() {
    assertThat(SignalNames.readable("node-saturation:ip-10-0-2-47.us-west-2.compute.internal")).isEqualTo("노드 ip-10-0-2-47 자원 포화");
    assertThat(SignalNames.readable("cpu-stress-workload:default/stress-ng")).isEqualTo("부하 생성기 워크로드 default/stress-ng 실행 중");
    assertThat(SignalNames.readable("scaled-to-zero:default/catalog")).isEqualTo("default/catalog 레플리카 0");
    assertThat(SignalNames.readable("app-error-after-deploy:default/checkout")).isEqualTo("default/checkout 배포 후 에러 급증");
    assertThat(SignalNames.readable("memory-leak-oom:default/carts")).isEqualTo("default/carts 메모리 부족(OOMKilled)");
  }

  @Test
  void anUnknownIdKeepsItsText() {
    assertThat(SignalNames.readable("something-else")).isEqualTo("something-else");
    assertThat(SignalNames.readable("traffic-surge:default/ui")).isEqualTo("트래픽 급증 (default/ui)");
  }
}
