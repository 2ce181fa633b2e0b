package com.incident.trigger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.json.Json;
import com.incident.trigger.SnsFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmParserTest {
  private static AlarmDetails parseEventFile(String name) throws Exception {
    JsonNode sns = Json.tree(SnsFixtures.read(SnsFixtures.eventsDir().resolve(name))).path("Records").get(0)
        .path("Sns");
    return AlarmParser.parse(sns.path("Message").asText(), sns.path("Timestamp").asText());
  }

  @Test
  void metricAlarmCarriesDimensionsThresholdAndObservedValue() throws Exception {
    AlarmDetails a = parseEventFile("sns-alarm-pod-cpu.json");

    assertThat(a.kind()).isEqualTo(AlarmKind.METRIC);
    assertThat(a.alarmName()).isEqualTo("netaiops-cpu-spike");
    assertThat(a.newState()).isEqualTo("ALARM");
    assertThat(a.oldState()).isEqualTo("OK");
    assertThat(a.accountId()).isEqualTo("123456789012");
    assertThat(a.region()).isEqualTo("us-west-2");
    assertThat(a.stateChangeTime()).isBetween(Instant.parse("2026-11-21T03:15:12Z"),
        Instant.parse("2026-11-21T03:15:13Z"));
    assertThat(a.namespace()).isEqualTo("ContainerInsights");
    assertThat(a.metricName()).isEqualTo("pod_cpu_utilization");
    assertThat(a.clusterName()).isEqualTo("netaiops-eks-cluster");
    assertThat(a.k8sNamespace()).isEqualTo("default");
    assertThat(a.podName()).isEqualTo("ui");
    assertThat(a.threshold()).isEqualTo(80.0);
    assertThat(a.comparisonOperator()).isEqualTo("GreaterThanThreshold");
    assertThat(a.evaluationPeriods()).isEqualTo(3);
    assertThat(a.periodSeconds()).isEqualTo(60);
    assertThat(a.statistic()).isEqualTo("Average");
    assertThat(a.observedValue()).isNotNull();
  }

  @Test
  void metricMathAlarmDescribesItsFirstMetricAndKeepsEveryQuery() throws Exception {
    AlarmDetails a = parseEventFile("sns-alarm-metric-math.json");

    assertThat(a.kind()).isEqualTo(AlarmKind.METRIC_MATH);
    assertThat(a.metrics()).extracting(r -> r.id()).containsExactly("e1", "m1", "m2");
    assertThat(a.metrics().get(0).expression()).isEqualTo("(m1/m2)*100");
    assertThat(a.metricName()).isEqualTo("pod_memory_working_set");
    assertThat(a.podName()).isEqualTo("catalog");
    assertThat(a.threshold()).isEqualTo(90.0);
    assertThat(a.observedValue()).isEqualTo(97.3);
    assertThat(a.evaluationPeriods()).isEqualTo(3);
  }

  @Test
  void anomalyBandAlarmIsRecognisedWithoutAThreshold() throws Exception {
    AlarmDetails a = parseEventFile("sns-alarm-anomaly-band.json");

    assertThat(a.kind()).isEqualTo(AlarmKind.ANOMALY_DETECTION);
    assertThat(a.threshold()).isNull();
    assertThat(a.comparisonOperator()).isEqualTo("GreaterThanUpperThreshold");
    assertThat(a.metrics()).anySatisfy(r -> assertThat(r.expression()).contains("ANOMALY_DETECTION_BAND"));
    assertThat(a.metricName()).isNotNull();
  }

  @Test
  void compositeAlarmCarriesItsRuleAndNoMetric() throws Exception {
    AlarmDetails a = parseEventFile("sns-alarm-composite.json");

    assertThat(a.kind()).isEqualTo(AlarmKind.COMPOSITE);
    assertThat(a.alarmRule()).contains("ALARM(");
    assertThat(a.metricName()).isNull();
    assertThat(a.metrics()).isEmpty();
  }

  @Test
  void observedValueIsTheMostRecentDatapointOfTheReason() {
    assertThat(AlarmParser.observed("Threshold Crossed: 2 datapoints [85.3 (21/11/26 03:14:00), 70.0 (x)] was"))
        .isEqualTo(85.3);
    assertThat(AlarmParser.observed("datapoint [-1.5E3 (21/11/26 03:14:00)]")).isEqualTo(-1500.0);
    assertThat(AlarmParser.observed("Alarm updated from ALARM to OK due to configuration change")).isNull();
    assertThat(AlarmParser.observed(null)).isNull();
  }

  @Test
  void stateChangeTimeAcceptsCloudWatchAndIsoOffsets() throws Exception {
    String base = "{\"AlarmName\":\"a\",\"NewStateValue\":\"OK\",\"AlarmRule\":\"ALARM(x)\",\"StateChangeTime\":\"%s\"}";

    assertThat(AlarmParser.parse(base.formatted("2026-11-21T03:15:12.123+0000"), null).stateChangeTime())
        .isEqualTo(Instant.parse("2026-11-21T03:15:12.123Z"));
    assertThat(AlarmParser.parse(base.formatted("2026-11-21T12:15:12+09:00"), null).stateChangeTime())
        .isEqualTo(Instant.parse("2026-11-21T03:15:12Z"));
    assertThat(AlarmParser.parse("{\"AlarmName\":\"a\",\"NewStateValue\":\"OK\",\"AlarmRule\":\"ALARM(x)\"}",
        "2026-11-21T03:15:12.500Z").stateChangeTime()).isEqualTo(Instant.parse("2026-11-21T03:15:12.500Z"));
  }
}
