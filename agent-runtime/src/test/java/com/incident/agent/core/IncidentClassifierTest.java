package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.MetricRef;
import com.incident.common.incident.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentClassifierTest {
  private static final Instant AT = Instant.parse("2026-11-21T03:15:12Z");

  @Test
  void aPodCpuAlarmIsResourceSaturationWithTheThirtyMinuteWindowBeforeIt() {
    IncidentFacts f = classifier(AT.plusSeconds(20)).classify(Harness.request(AnalysisMode.ANALYZE).alarm());

    assertThat(f.type()).isEqualTo(IncidentType.RESOURCE_SATURATION);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.affected()).containsExactly("cluster/netaiops-eks-cluster", "namespace/default", "pod/ui");
    assertThat(f.windowStart()).isEqualTo(Instant.parse("2026-11-21T02:45:12.345Z"));
    assertThat(f.windowEnd()).isEqualTo(AT.plusSeconds(20));
  }

  @Test
  void theWindowNeverReachesMoreThanThirtyMinutesPastTheAlarm() {
    IncidentFacts f = classifier(AT.plusSeconds(7200)).classify(alarm("pod_cpu_utilization", null, 85.0, 80.0));

    assertThat(f.windowEnd()).isEqualTo(AT.plusSeconds(1800));
  }

  @Test
  void typesAndSeveritiesFollowTheMetric() {
    Clock c = Clock.fixed(AT, ZoneOffset.UTC);
    assertThat(new IncidentClassifier(c, 30).classify(alarm("pod_number_of_container_restarts", null, 5.0, 3.0)))
        .extracting(IncidentFacts::type, IncidentFacts::severity).containsExactly(IncidentType.SERVICE_DOWN, Severity.CRITICAL);
    assertThat(new IncidentClassifier(c, 30).classify(alarm("http_5xx_count", null, 50.0, 10.0)))
        .extracting(IncidentFacts::type, IncidentFacts::severity).containsExactly(IncidentType.ERROR_SURGE, Severity.HIGH);
    assertThat(new IncidentClassifier(c, 30).classify(alarm("p99_latency_ms", null, 900.0, 500.0)))
        .extracting(IncidentFacts::type, IncidentFacts::severity)
        .containsExactly(IncidentType.PERFORMANCE_DEGRADATION, Severity.MEDIUM);
    assertThat(new IncidentClassifier(c, 30).classify(alarm("pod_memory_utilization", null, 82.0, 80.0)).severity())
        .isEqualTo(Severity.MEDIUM);
    assertThat(new IncidentClassifier(c, 30).classify(alarm("pod_memory_utilization", "severity: critical", 82.0, 80.0)).severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void theTypeFollowsWhatTheAlarmMeasuresNeverItsName() {
    Clock c = Clock.fixed(AT, ZoneOffset.UTC);
    AlarmDetails misnamed = named("checkout-error-rate-down", alarm("pod_cpu_utilization", null, 95.0, 80.0));
    AlarmDetails alb = named("cpu-high", alarm("HTTPCode_Target_5XX_Count", null, 120.0, 50.0));
    AlarmDetails math = new AlarmDetails("latency-slo", "arn", null, "1", "us-west-2", AlarmKind.METRIC_MATH, "ALARM", "OK",
        "r", AT, null, null, Map.of(), null, 60, 3, 3, 3.0, "GreaterThanThreshold", 5.0,
        List.of(new MetricRef("m1", null, "ContainerInsights", "pod_number_of_container_restarts", Map.of(), "Sum", 60, false, null),
            new MetricRef("e1", "DIFF(m1)", null, null, Map.of(), null, 60, true, "restarts")), null);
    AlarmDetails composite = new AlarmDetails("db-down-and-error-storm", "arn", null, "1", "us-west-2", AlarmKind.COMPOSITE,
        "ALARM", "OK", "r", AT, null, null, Map.of(), null, null, null, null, null, null, null, List.of(),
        "ALARM(\"orders-5xx\") AND ALARM(\"db-down\")");

    assertThat(new IncidentClassifier(c, 30).classify(misnamed).type()).isEqualTo(IncidentType.RESOURCE_SATURATION);
    assertThat(new IncidentClassifier(c, 30).classify(alb).type()).isEqualTo(IncidentType.ERROR_SURGE);
    assertThat(new IncidentClassifier(c, 30).classify(math).type()).isEqualTo(IncidentType.SERVICE_DOWN);
    assertThat(new IncidentClassifier(c, 30).classify(composite).type()).isEqualTo(IncidentType.PERFORMANCE_DEGRADATION);
  }

  private static AlarmDetails named(String name, AlarmDetails a) {
    return new AlarmDetails(name, a.alarmArn(), a.description(), a.accountId(), a.region(), a.kind(), a.newState(), a.oldState(),
        a.reason(), a.stateChangeTime(), a.namespace(), a.metricName(), a.dimensions(), a.statistic(), a.periodSeconds(),
        a.evaluationPeriods(), a.datapointsToAlarm(), a.threshold(), a.comparisonOperator(), a.observedValue(), a.metrics(),
        a.alarmRule());
  }

  private static IncidentClassifier classifier(Instant now) {
    return new IncidentClassifier(Clock.fixed(now, ZoneOffset.UTC), 30);
  }

  private static AlarmDetails alarm(String metric, String description, Double observed, Double threshold) {
    return new AlarmDetails("a", "arn:aws:cloudwatch:us-west-2:1:alarm:a", description, "1", "us-west-2", AlarmKind.METRIC,
        "ALARM", "OK", "r", AT, "ContainerInsights", metric, Map.of("ClusterName", "c"), "Average", 60, 3, 3, threshold,
        "GreaterThanThreshold", observed, List.of(), null);
  }
}
