package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IncidentTable;
import com.incident.common.incident.RemediationMode;
import com.incident.common.tool.ToolNames;
import com.incident.store.IncidentStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Remediation is scoped to the alarm, obeys REMEDIATION_MODE, and the close is earned by the alarmed metric. */
class RemediationScopeTest {
  private static final String INCIDENT = "netaiops-cpu-spike-20261121T031512Z";
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void chaosCleanupGetsTheIncidentsScopeFromTheAlarmDimensions() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(RemediationMode.AUTO);

    assertThat(h.cluster.lastCleanupArgs.toString())
        .isEqualTo("{\"namespace\":\"default\",\"workload\":\"ui\",\"resource\":\"cpu\",\"scenarios\":[\"stress-workload\"],\"dry_run\":false}");
    FakeGitHub.Issue issue = h.github.only();
    String remediation = issue.comments.get(2);
    assertThat(remediation).contains("- 복구 모드: `auto` (자동 복구(auto))", "- 조치 범위: 네임스페이스 `default`, 워크로드 `ui`, 리소스 cpu",
        "- 추가 확인 필요 (인시던트 범위 밖이라 변경하지 않음):",
        "  - `Deployment default/checkout-canary`: `out of scope: pod checkout-canary-x: its load generator is not running`");
    assertKoreanParagraphs(remediation);
    assertThat(issue.comments.get(3)).startsWith("## ✅ 복구 완료")
        .contains("알람 지표 pod\\_cpu\\_utilization(ui) 최신 값 20.1%: 임계값 80% 기준 정상 범위로 돌아옴");
    assertThat(report.recovered()).isTrue();
  }

  @Test
  void aDoneActionDoesNotCloseTheIssueWhileTheAlarmedMetricIsStillAboveTheThreshold() throws Exception {
    h.cluster.stubborn();
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(RemediationMode.AUTO);

    FakeGitHub.Issue issue = h.github.only();
    assertThat(h.cluster.stressRunning.get()).as("the stress workload was deleted").isFalse();
    assertThat(issue.closed).isFalse();
    assertThat(issue.comments.get(3)).startsWith("## ⚠️ 복구 미확인")
        .contains("알람 지표 pod\\_cpu\\_utilization(ui) 최신 값 92.4%: 아직 임계값 80% 기준 알람 범위에 있음");
    assertThat(report.recovered()).isFalse();
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);
  }

  @Test
  void modeOffNeverCallsChaosCleanupAndSaysSoInTheIssue() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(RemediationMode.OFF);

    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).isEmpty();
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.closed).isFalse();
    assertThat(issue.comments.getLast()).startsWith("## 🤖 자동 복구 조치")
        .contains("자동 복구가 꺼져 있어(`RemediationMode=off`)", "- 복구 모드: `off` (자동 복구 꺼짐(off))");
    assertKoreanParagraphs(issue.comments.getLast());
    assertThat(report.outcome()).startsWith("analyzed, remediation off");
  }

  @Test
  void modeDryRunAsksForADryRunAndLeavesTheIssueOpen() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(RemediationMode.DRY_RUN);

    assertThat(h.cluster.lastCleanupArgs.path("dry_run").asBoolean()).isTrue();
    assertThat(h.cluster.stressRunning.get()).isTrue();
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.closed).isFalse();
    assertThat(issue.comments.get(2)).startsWith("## 🤖 자동 복구 조치 (dry-run)")
        .contains("- 복구 모드: `dry-run` (점검만 하는 모드(dry-run): 클러스터는 변경하지 않음)", "Would delete Deployment default/stress-ng");
    assertThat(issue.comments.get(3)).contains("복구 모드가 dry-run이라 클러스터를 변경하지 않음");
    assertThat(report.recovered()).isFalse();
  }

  private IncidentWorkflow.Report run(RemediationMode mode) {
    return h.workflow(Harness.settings().withRemediationMode(mode)).run(Harness.request(AnalysisMode.ANALYZE),
        Deadline.in(h.clock, Duration.ofMinutes(14)));
  }
}
