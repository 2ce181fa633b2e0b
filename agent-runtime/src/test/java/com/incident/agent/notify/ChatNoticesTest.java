package com.incident.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.RootCauseCategory;
import com.incident.notify.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each incident event says in chat, as a person on call reads it. */
class ChatNoticesTest {
  private static final Instant AT = Instant.parse("2026-11-21T03:27:42Z");
  private static final IncidentEvent.Ref REF = new IncidentEvent.Ref("inc-1", "netaiops-cpu-spike", 12,
      "https://github.com/acme/incidents/issues/12");

  @Test
  void theAnalysisNamesTheAlarmSeverityTopCauseWithProbabilityAndTheStrongestEvidence() {
    AnalysisResult result = new AnalysisResult("요약", "cpu", List.of(), List.of(), List.of(
        new AnalysisResult.ProbableCause("stress-ng 워크로드의 CPU 점유", RootCauseCategory.CPU_STRESS_WORKLOAD, 0.87, "설명",
            List.of())), List.of(), List.of(), List.of(), null, "rule-based");

    Notice n = ChatNotices.of(new IncidentEvent.Analyzed(REF, AT, null, "severity:high", result,
        "container-insight: pod_cpu_utilization 97%"));

    assertThat(n.kind()).isEqualTo(Notice.Kind.ANALYZED);
    assertThat(n.title()).isEqualTo("🚨 인시던트 분석 완료: netaiops-cpu-spike");
    assertThat(n.summary()).isEqualTo("가장 유력한 원인은 stress-ng 워크로드의 CPU 점유("
        + RootCauseCategory.CPU_STRESS_WORKLOAD.koreanLabel() + ")이며, 확률은 87%입니다.");
    assertThat(n.fields()).containsExactly(new Notice.Field("알람", "netaiops-cpu-spike"),
        new Notice.Field("심각도", "높음 (high)"),
        new Notice.Field("가장 강한 근거", "container-insight: pod_cpu_utilization 97%"));
    assertThat(n.linkText()).isEqualTo("GitHub 이슈 #12");
    assertThat(n.url()).isEqualTo(REF.issueUrl());
  }

  @Test
  void anApprovalRequestSaysHowToApproveAndUntilWhenInKstAndUtc() {
    Notice n = ChatNotices.of(new IncidentEvent.ApprovalRequested(REF, AT, "3f2a9c", AT.plus(Duration.ofMinutes(60)),
        List.of("Deployment default/stress-ng 삭제")));

    assertThat(n.summary()).contains("이슈 #12에 /approve (또는 /승인) 댓글", "/reject");
    assertThat(n.fields()).containsExactly(new Notice.Field("계획된 조치", "• Deployment default/stress-ng 삭제"),
        new Notice.Field("승인 기한", "2026-11-21 13:27 KST(04:27 UTC)"), new Notice.Field("계획 해시", "3f2a9c"));
  }

  @Test
  void aRemediationNamesItsApproverWhenThereIsOne() {
    Notice approved = ChatNotices.of(new IncidentEvent.Remediated(REF, AT, "octocat", List.of("a")));
    Notice auto = ChatNotices.of(new IncidentEvent.Remediated(REF, AT, null, List.of("a")));

    assertThat(approved.summary()).startsWith("octocat님이 승인한 복구 계획을 실행했습니다.");
    assertThat(approved.fields()).contains(new Notice.Field("승인자", "octocat"));
    assertThat(auto.summary()).startsWith("자동 복구 조치를 실행했습니다.");
    assertThat(auto.fields()).extracting(Notice.Field::name).doesNotContain("승인자");
  }

  @Test
  void recoveryGivesTheMttrInMinutesAndSeconds() {
    Notice n = ChatNotices.of(new IncidentEvent.Resolved(REF, AT, Duration.ofSeconds(750), "CPU 사용률이 임계값 아래로 돌아옴"));

    assertThat(n.kind()).isEqualTo(Notice.Kind.RESOLVED);
    assertThat(n.fields()).contains(new Notice.Field("MTTR", "12분 30초"));
  }

  @Test
  void needsActionCarriesTheReason() {
    Notice n = ChatNotices.of(new IncidentEvent.NeedsAction(REF, AT, "복구를 확인하지 못했습니다."));

    assertThat(n.title()).isEqualTo("⚠️ 조치 필요: netaiops-cpu-spike");
    assertThat(n.summary()).isEqualTo("복구를 확인하지 못했습니다.");
  }
}
