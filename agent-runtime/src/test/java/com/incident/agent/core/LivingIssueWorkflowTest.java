package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.Severity;
import com.incident.common.tool.ToolNames;
import com.incident.store.Chronicle;
import com.incident.store.ChronologyEntry;
import com.incident.store.ChronologyEntry.Stage;
import com.incident.store.IssueStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The issue body as it moves with the incident, through the real gateway (github-update-issue on the stateful GitHub
 * fake) and the real store on DynamoDB Local: every version a person could have read, in order.
 */
class LivingIssueWorkflowTest {
  private static final String INCIDENT = "netaiops-cpu-spike-20261121T031512Z";
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theBodyMovesFromAnalysisThroughRemediationToResolvedWithOneTimeline() {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(AnalysisMode.ANALYZE);

    FakeGitHub.Issue issue = h.github.only();
    assertThat(report.recovered()).isTrue();
    assertThat(issue.bodies).hasSize(3);
    // Cells keep GitHub from linking "#101" as a reference (a zero-width joiner after '#'); a reader sees "#101".
    String opened = issue.bodies.get(0).replace("\u200D", "");
    String analysed = issue.bodies.get(1).replace("\u200D", "");
    String resolved = issue.bodies.get(2).replace("\u200D", "");
    assertThat(opened).startsWith("> **상태: 🔄 분석 중**").contains("자동 분석이 진행 중이며",
        "| 심각도 | `severity:high` 알람 기준 (영향 분석 전) |", "| 임계값 | `GreaterThanThreshold` 80% |",
        "| 관측값 | 92\\.4% |", "| 발생 시각 | 2026-11-21 12:15:12 KST(03:15:12 UTC) |",
        "| 2026-11-21 12:12:00 KST(03:12:00 UTC) | 임계값 초과 | pod\\_cpu\\_utilization 임계값 80% 넘음 (85.6%) |");
    assertThat(analysed).startsWith("> **상태: 🛠️ 복구 중**").contains("분석을 마치고 자동 복구",
        "| 이슈 | 이슈 #" + issue.number + " 생성 |", "| 분석 | AI 분석 완료: CPU 스트레스 워크로드 |",
        "이슈 #35;" + issue.number + " 생성")
        .doesNotContain("자동 분석이 진행 중");
    assertThat(resolved).startsWith("> **상태: ✅ 해결됨**").contains("복구를 확인하고 이슈를 닫았습니다",
        "| 복구 조치 | chaos-cleanup으로 stress-workload 장애 제거", "| 복구 검증 | 복구 확인: ", "| 종료 | 이슈 종료 (해결됨) |")
        .doesNotContain("자동 분석이 진행 중", "분석 중");
    assertThat(issue.bodies).allSatisfy(body -> {
      assertThat(IssueMarkers.dedupKey(body)).contains(INCIDENT);
      assertThat(body).contains("```mermaid\ntimeline\n", "| 시각 | 단계 | 내용 |");
      assertKoreanParagraphs(body);
    });
    // The body says the severity the evidence supports, and the label follows it.
    assertThat(analysed).containsPattern("\\| 심각도 \\| `severity:medium` [^|]+ \\|");
    assertThat(issue.labels).contains("severity:medium").doesNotContain("severity:high");
    assertThat(h.gateway.calls(ToolNames.GITHUB_UPDATE_ISSUE)).hasSize(2);
    // The root-cause comment points to the body instead of carrying a partial timeline of its own.
    assertThat(issue.comments.getFirst()).doesNotContain("```mermaid").contains("🕒 타임라인");

    Chronicle kept = h.store.chronicle(INCIDENT);
    assertThat(kept.status()).isEqualTo(IssueStatus.RESOLVED);
    assertThat(kept.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(kept.entries()).extracting(ChronologyEntry::stage).containsSubsequence(Stage.FIRST_SIGNAL,
        Stage.THRESHOLD, Stage.ALARM, Stage.ISSUE, Stage.ANALYSIS, Stage.REMEDIATION, Stage.VERIFICATION, Stage.CLOSE);
    assertThat(Chronology.ordered(kept.entries())).extracting(ChronologyEntry::text).doesNotHaveDuplicates();
  }

  @Test
  void aLaterSessionAddsToTheSameTimelineAndKeepsTheFirstAlarmsOverview() {
    h.cluster.quiet();
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    run(AnalysisMode.ANALYZE);
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.bodies.getLast()).startsWith("> **상태: ⚠️ 조치 필요**");

    h.clock.advance(Duration.ofMinutes(10));
    h.workflow(Harness.settings()).run(ok(Duration.ofMinutes(8)), Deadline.in(h.clock, Duration.ofMinutes(10)));

    String last = issue.bodies.getLast();
    assertThat(last).startsWith("> **상태: ✅ 해결됨**")
        .contains("| 발생 시각 | 2026-11-21 12:15:12 KST(03:15:12 UTC) |", "| 관측값 | 92\\.4% |",
            "| 2026-11-21 12:23:12 KST(03:23:12 UTC) | 알람 해제 | 알람 netaiops-cpu-spike OK 복귀 |",
            "| 분석 | AI 분석 완료: ", "| 종료 | 이슈 종료 (해결됨) |");
    assertThat(IssueMarkers.dedupKey(last)).contains(INCIDENT);
    assertThat(issue.closed).isTrue();
  }

  /** The alarm's OK notification {@code after} its ALARM. */
  private static AgentRequest ok(Duration after) {
    AgentRequest r = Harness.request(AnalysisMode.RECOVERY);
    AlarmDetails a = r.alarm();
    AlarmDetails okAlarm = new AlarmDetails(a.alarmName(), a.alarmArn(), a.description(), a.accountId(), a.region(),
        a.kind(), "OK", "ALARM", "Threshold Crossed: recovered", a.stateChangeTime().plus(after), a.namespace(),
        a.metricName(), a.dimensions(), a.statistic(), a.periodSeconds(), a.evaluationPeriods(), a.datapointsToAlarm(),
        a.threshold(), a.comparisonOperator(), 21.0, a.metrics(), a.alarmRule());
    return new AgentRequest(r.sessionId(), r.actor(), r.mode(), r.incidentId(), okAlarm, r.prompt(), r.receivedAt());
  }

  private IncidentWorkflow.Report run(AnalysisMode mode) {
    AgentRequest r = Harness.request(mode);
    return h.workflow(Harness.settings()).run(r, Deadline.in(h.clock, Duration.ofMinutes(14)));
  }
}
