package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.tool.ToolNames;
import com.incident.store.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** recurrence and recovery: short paths on an existing issue, no model call, no new issue. */
class ShortModesTest {
  private static final String INCIDENT = "netaiops-cpu-spike-20261121T031512Z";
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void recurrenceCommentsOnTheOpenIssueWithWhatChangedInTheEvidence() {
    FakeGitHub.Issue issue = h.github.seed("[인시던트] netaiops-cpu-spike 알람 발생", INCIDENT);
    opened(issue);
    h.store.recordOccurrence(INCIDENT, "ALARM", Instant.now());
    h.store.recordOccurrence(INCIDENT, "ALARM", Instant.now());
    h.store.markAnalyzed(INCIDENT, List.of("node-saturation:node_cpu_utilization"), Instant.now());

    IncidentWorkflow.Report report = run(Harness.request(AnalysisMode.RECURRENCE));

    assertThat(h.github.issues()).hasSize(1);
    assertThat(issue.comments).singleElement().satisfies(c -> {
      assertThat(c).startsWith("## 🔁 재발생 (3번째)")
          .contains("새로 나타난 신호: 부하 생성기 워크로드 default/stress-ng 실행 중")
          .contains("사라진 신호: 노드 node\\_cpu\\_utilization 자원 포화")
          .contains("도구 호출:");
      assertKoreanParagraphs(c);
    });
    assertThat(issue.closed).isFalse();
    assertThat(h.bedrock.getRequestCount()).isZero();
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).isEmpty();
    assertThat(h.store.incident(INCIDENT).orElseThrow().evidenceSignals()).containsExactly("cpu-stress-workload:default/stress-ng");
    assertThat(report.outcome()).isEqualTo("recurrence commented");
  }

  @Test
  void recoveryVerifiesTheEvidenceThenClosesWithTheTimeToRecover() {
    h.cluster.quiet();
    FakeGitHub.Issue issue = h.github.seed("[인시던트] netaiops-cpu-spike 알람 발생", INCIDENT);
    opened(issue);

    IncidentWorkflow.Report report = run(ok(Duration.ofMinutes(7).plusSeconds(30)));

    assertThat(issue.closed).isTrue();
    assertThat(issue.comments).hasSize(2);
    assertThat(issue.comments.getFirst()).startsWith("## ✅ 복구 완료").contains("MTTR(알람 발생부터 복구까지): **7분 30초**");
    // The recovery session has no analysis in hand: the draft comes from the incident record alone.
    assertThat(issue.comments.getLast()).startsWith("## 📝 포스트모템 초안")
        .contains("| 지속 시간 | 7분 30초 (알람 2026-11-21 12:15:12 KST(03:15:12 UTC) → 복구 2026-11-21 12:22:42 KST(03:22:42 UTC)) |",
            "| 알람 netaiops-cpu-spike OK 복귀 |", "분석에서 근본 원인을 특정하지 못했습니다.");
    issue.comments.forEach(c -> assertKoreanParagraphs(c));
    assertThat(h.store.incident(INCIDENT).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(h.metrics.value("TimeToRecover")).isEqualTo(450_000);
    assertThat(report.recovered()).isTrue();
  }

  @Test
  void recoveryWithTheFaultStillVisibleLeavesTheIssueOpenForAPerson() {
    FakeGitHub.Issue issue = h.github.seed("[인시던트] netaiops-cpu-spike 알람 발생", INCIDENT);
    opened(issue);

    IncidentWorkflow.Report report = run(ok(Duration.ofMinutes(3)));

    assertThat(issue.closed).isFalse();
    assertThat(issue.comments).singleElement().satisfies(c ->
        assertThat(c).startsWith("## ⚠️ 알람 OK, 복구 미확인").contains("부하 생성기 워크로드 default/stress-ng 실행 중"));
    assertThat(report.recovered()).isFalse();
  }

  @Test
  void recurrenceWithoutAnIssueFallsBackToAFullAnalysis() {
    h.cluster.quiet();
    h.bedrock.enqueue(com.incident.agent.testing.Converse.submit(com.incident.agent.testing.Converse.stressAnalysis("none")));

    run(Harness.request(AnalysisMode.RECURRENCE));

    assertThat(h.github.only().comments).hasSize(2);
  }

  /** What alarm-trigger and the analysis left: the alarm's incident with its issue. */
  private void opened(FakeGitHub.Issue issue) {
    h.store.openOrJoin(Harness.request(AnalysisMode.ANALYZE).alarm().alarmName(), INCIDENT, "alarm-session", h.alarmAt(),
        Instant.now());
    h.store.markIssueOpened(INCIDENT, issue.number, null, Instant.now());
  }

  private IncidentWorkflow.Report run(AgentRequest request) {
    return h.workflow(Harness.settings()).run(request, Deadline.in(h.clock, Duration.ofMinutes(10)));
  }

  private AgentRequest ok(Duration after) {
    AgentRequest r = Harness.request(AnalysisMode.RECOVERY);
    AlarmDetails a = r.alarm();
    AlarmDetails okAlarm = new AlarmDetails(a.alarmName(), a.alarmArn(), a.description(), a.accountId(), a.region(),
        a.kind(), "OK", "ALARM", "Threshold Crossed: recovered", a.stateChangeTime().plus(after), a.namespace(),
        a.metricName(), a.dimensions(), a.statistic(), a.periodSeconds(), a.evaluationPeriods(), a.datapointsToAlarm(),
        a.threshold(), a.comparisonOperator(), 21.0, a.metrics(), a.alarmRule());
    return new AgentRequest(r.sessionId(), r.actor(), r.mode(), r.incidentId(), okAlarm, r.prompt(), r.receivedAt());
  }
}
