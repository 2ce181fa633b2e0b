package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueMarkersTest {

  @Test
  void analysisBlockRoundTripsThroughAnIssueBody() {
    AnalysisResult result = new AnalysisResult("ui 파드 CPU 포화", "resource-saturation", List.of("ui"), List.of("java"),
        List.of(new AnalysisResult.ProbableCause("stress-ng 파드", RootCauseCategory.CPU_STRESS_WORKLOAD, 0.9, "설명",
            List.of(new AnalysisResult.EvidenceRef("container-insight-pod-metrics", "pod_cpu_utilization", "98%")))),
        List.of(new AnalysisResult.TimelineEntry("03:12", "CPU 상승")), List.of("파드 삭제"), List.of("리소스 제한"),
        new AnalysisResult.Remediation(ChaosScenario.STRESS_WORKLOAD, "stress-ng 발견"), "rule-based");
    String body = "## 근본 원인\n\n본문\n\n" + IssueMarkers.analysisBlock(result) + "\n꼬리";

    assertThat(IssueMarkers.analysis(body)).contains(result);
    assertThat(result.topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
  }

  @Test
  void dedupKeyIsHiddenAndRecoverable() {
    String body = "본문\n" + IssueMarkers.dedupMarker("inc-netaiops-cpu-spike-1") + "\n";
    assertThat(IssueMarkers.dedupKey(body)).contains("inc-netaiops-cpu-spike-1");
    assertThat(IssueMarkers.dedupKey("no marker")).isEmpty();
  }

  @Test
  void unknownCategoriesFromAModelMapToUnknown() {
    assertThat(RootCauseCategory.fromId("cosmic-rays")).isEqualTo(RootCauseCategory.UNKNOWN);
    assertThat(RootCauseCategory.fromId("bad-image-rollout")).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
  }
}
