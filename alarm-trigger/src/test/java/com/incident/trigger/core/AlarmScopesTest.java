package com.incident.trigger.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlarmScopesTest {
  @Test
  void compositeRulesNameTheirChildrenQuotedUnquotedAndByArn() {
    assertThat(AlarmScopes.children("ALARM(\"ui-5xx\") AND (OK(ui-latency) OR INSUFFICIENT_DATA("
        + "\"arn:aws:cloudwatch:us-west-2:123456789012:alarm:node cpu\")) AND NOT ALARM(\"a \\\"q\\\" b\")"))
        .containsExactly("ui-5xx", "ui-latency", "node cpu", "a \"q\" b");
    assertThat(AlarmScopes.children("TRUE")).isEmpty();
  }

  @Test
  void podAlarmsScopeByNamespaceAndQualifiedWorkloadAndNodeAlarmsByNode() throws Exception {
    var pod = AlarmScopes.of(AlarmParser.parse(com.incident.trigger.SnsFixtures.alarmMessage("p", "ALARM", "OK"),
        "2026-11-21T03:15:12.100Z"));

    assertThat(pod.cluster()).isEqualTo("netaiops-eks-cluster");
    assertThat(pod.namespaces()).containsExactly("default");
    assertThat(pod.workloads()).containsExactly("default/ui");
    assertThat(pod.nodes()).isEmpty();
    assertThat(pod.metric()).isEqualTo("ContainerInsights/pod_cpu_utilization");
  }
}
