package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.AnalysisMode;
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

  private static IncidentClassifier classifier(Instant now) {
    return new IncidentClassifier(Clock.fixed(now, ZoneOffset.UTC), 30);
  }

  private static AlarmDetails alarm(String metric, String description, Double observed, Double threshold) {
    return new AlarmDetails("a", "arn:aws:cloudwatch:us-west-2:1:alarm:a", description, "1", "us-west-2", AlarmKind.METRIC,
        "ALARM", "OK", "r", AT, "ContainerInsights", metric, Map.of("ClusterName", "c"), "Average", 60, 3, 3, threshold,
        "GreaterThanThreshold", observed, List.of(), null);
  }
}
