package com.incident.agent.core;

import static com.incident.agent.core.ChronologyTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.agent.testing.K8sResults;
import com.incident.agent.testing.ToolResults;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.Severity;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AnomalyDetectionResult;
import com.incident.common.tool.result.DatadogTracesResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Severity from impact, read from typed results shaped as the real tools produce them (see K8sResults, ToolResults). */
class SeverityCalibratorTest {
  /** A pod alarm on default/ui that the alarm itself rates {@code high}. */
  private final IncidentFacts facts = new IncidentClassifier(Clock.fixed(Instant.parse("2026-11-21T03:16:00Z"),
      ZoneOffset.UTC), 30).classify(Harness.request(AnalysisMode.ANALYZE).alarm());

  @Test
  void allReplicasOfTheAlarmedServiceDownIsCritical() {
    Evidence evidence = evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sResults.describe(ui(3, 0))));

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence);

    assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.reason()).isEqualTo("서비스 default/ui 복제본 3개 중 3개 사용 불가 (100%)");
    assertThat(c.fromImpact()).isTrue();
  }

  @Test
  void twoOfThreeReplicasDownIsHighAndOneOfFourIsMedium() {
    assertThat(SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(ui(3, 1))))).reason()).isEqualTo("서비스 default/ui 복제본 3개 중 2개 사용 불가 (66.67%)");
    assertThat(SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(ui(3, 1))))).severity()).isEqualTo(Severity.HIGH);
    assertThat(SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(ui(4, 3))))).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void aDeploymentScaledToZeroAgainstItsAppliedReplicasIsCriticalButAnAppliedZeroIsNot() {
    K8sWorkloadResult.Workload scaledDown = withLastApplied(ui(0, 0), 2);
    K8sWorkloadResult.Workload intended = withLastApplied(ui(0, 0), 0);

    assertThat(SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(scaledDown))))).returns(Severity.CRITICAL, SeverityCalibrator.Calibration::severity)
        .returns("서비스 default/ui 복제본 0개 (원래 2개): 전부 사용 불가", SeverityCalibrator.Calibration::reason);
    assertThat(SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(intended)))).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void anotherServicesOutageDoesNotRaiseThisIncident() {
    K8sWorkloadResult.Workload other = K8sResults.deployment("default", "catalog", 2, 0, Map.of(), List.of(),
        List.of(K8sResults.pod("catalog-5d6f7-abcde", "catalog-5d6f7", false,
            K8sResults.waiting("app", "catalog:1.2", "CrashLoopBackOff", "back-off"))), List.of(), null);

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD,
        K8sResults.describe(other))));

    assertThat(c.severity()).isEqualTo(Severity.HIGH);
    assertThat(c.fromImpact()).isFalse();
    assertThat(c.reason()).isEqualTo("영향을 확인할 증거가 없어 알람 기준 심각도를 유지");
  }

  @Test
  void anErrorBurstTenTimesTheBaselineIsHigh() {
    AnomalyDetectionResult anomalies = new AnomalyDetectionResult("eks-app-logs*", ToolResults.ALARM.minusSeconds(3600),
        ToolResults.ALARM, "error_count", "PT1M", 60, 4.0, 1.5, List.of(new AnomalyDetectionResult.Run(
            ToolResults.ALARM.minusSeconds(300), ToolResults.ALARM, 5, ToolResults.ALARM.minusSeconds(120), 42, 25.3,
            List.of(8.0, 12.0, 25.3, 20.1, 15.0))), 0, false, null, List.of(), List.of(), null);

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.ANOMALY_DETECTION,
        anomalies)));

    assertThat(c.severity()).isEqualTo(Severity.HIGH);
    assertThat(c.reason()).isEqualTo("에러 42건/구간 (기준선 4건, 11배)");
  }

  @Test
  void aTraceErrorRateOverHalfIsCritical() {
    DatadogTracesResult traces = new DatadogTracesResult("service:ui", ToolResults.ALARM.minusSeconds(1800),
        ToolResults.ALARM, 200, false, new DatadogTracesResult.Durations(120, 900, 2300), 130, List.of(), List.of(),
        null);

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence(item(ToolNames.DATADOG_GET_TRACES,
        traces)));

    assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.reason()).isEqualTo("요청 에러율 65% (130/200건)");
  }

  @Test
  void aSaturatedNodeUnderTheAlarmedPodIsHighWhileTheServiceIsWhole() {
    Evidence evidence = evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sResults.describe(ui(2, 2))),
        item(ToolNames.NODE_METRICS, ToolResults.nodeMetrics(K8sResults.NODE, 97.0, 60.0)));

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence);

    assertThat(c.severity()).isEqualTo(Severity.HIGH);
    assertThat(c.reason()).startsWith("노드 ").endsWith(" CPU 포화 (p95 97%)");
  }

  @Test
  void aWholeServiceWithFlatErrorsCapsTheAlarmsSeverityAtMedium() {
    Evidence evidence = evidence(item(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sResults.describe(ui(2, 2))),
        item(ToolNames.ERROR_SUMMARY, ToolResults.errorSummary("none", Map.of())));

    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, evidence);

    assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(c.reason()).isEqualTo("서비스 default/ui 복제본 2개 모두 정상, 에러 로그 급증 없음: 서비스 영향이 확인되지 않음");
  }

  @Test
  void withNoEvidenceTheAlarmsSeverityStands() {
    SeverityCalibrator.Calibration c = SeverityCalibrator.calibrate(facts, Evidence.NONE);

    assertThat(c).isEqualTo(new SeverityCalibrator.Calibration(Severity.HIGH,
        "영향을 확인할 증거가 없어 알람 기준 심각도를 유지", false));
  }

  /** The alarmed ui Deployment with {@code desired} replicas of which {@code available} are available. */
  private static K8sWorkloadResult.Workload ui(int desired, int available) {
    return K8sResults.deployment("default", "ui", desired, available, Map.of(), List.of(),
        List.of(K8sResults.pod("ui-7c9d8f-x2k4p", "ui-7c9d8f", available > 0,
            K8sResults.running("app", "ui:1.4.2", null))), List.of(), null);
  }

  private static K8sWorkloadResult.Workload withLastApplied(K8sWorkloadResult.Workload w, int replicas) {
    return new K8sWorkloadResult.Workload(w.kind(), w.namespace(), w.name(), w.replicas(), w.annotations(), replicas,
        w.revisions(), w.pods(), w.services(), w.hpa(), w.conditions());
  }

  private static Evidence evidence(Evidence.Item... items) {
    return new Evidence(List.of(items), List.of());
  }
}
