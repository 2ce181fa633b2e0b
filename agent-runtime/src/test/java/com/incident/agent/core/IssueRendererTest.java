package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.RootCauseCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueRendererTest {
  private final IssueRenderer renderer = new IssueRenderer(Harness.settings());
  private final IncidentFacts facts = new IncidentClassifier(Clock.fixed(Instant.parse("2026-11-21T03:16:00Z"), ZoneOffset.UTC), 30)
      .classify(Harness.request(AnalysisMode.ANALYZE).alarm());

  @Test
  void fallbackReasonsAreToldInKoreanWithTheDetailVerbatim() {
    assertThat(IssueRenderer.fallbackReasonKorean("model unavailable: model disabled by configuration (MODEL_ID=none); rule-based analysis only"))
        .isEqualTo("설정으로 모델 호출이 꺼져 있습니다 (`MODEL_ID=none`)");
    assertThat(IssueRenderer.fallbackReasonKorean("model unavailable: Bedrock 503 ServiceUnavailableException"))
        .startsWith("재시도 후에도 모델을 호출하지 못했습니다").contains("`model unavailable: Bedrock 503 ServiceUnavailableException`");
    assertThat(IssueRenderer.fallbackReasonKorean("no valid submission before the turn limit")).startsWith("모델이 정해진 턴 안에");
    assertThat(IssueRenderer.fallbackReasonKorean("deadline reached before turn 3")).startsWith("분석 시간 한도에 도달했습니다");
  }

  @Test
  void modelTextCannotBreakTheTableAndTheTimelineLivesInTheBody() {
    AnalysisResult r = new AnalysisResult("요약\n두 줄", "resource-saturation", List.of(), List.of(),
        List.of(new AnalysisResult.ProbableCause("원인 | 파이프", RootCauseCategory.CONFIG_ERROR, 0.5, "설명",
            List.of(new AnalysisResult.EvidenceRef("t", "a|b", "관찰\n줄바꿈")))),
        List.of(new AnalysisResult.TimelineEntry("2026-11-21T03:12:00Z", "이벤트: 콜론; 세미콜론 #해시"),
            new AnalysisResult.TimelineEntry("직전", "시간 형식 아님")),
        List.of("조치"), List.of("개선"), new AnalysisResult.Remediation(ChaosScenario.NONE, "없음"), "bedrock:m");

    String comment = renderer.rootCause(r, Evidence.NONE, null);

    assertThat(comment).contains("| 1 | 원인 \\| 파이프 |", "| a\\|b | 관찰 줄바꿈 |", "**요약**: 요약 두 줄")
        .contains("이슈 본문의 **🕒 타임라인**").doesNotContain("```mermaid");
    assertThat(IssueMarkers.analysis(comment)).contains(r);
    assertKoreanParagraphs(comment);
  }

  @Test
  void labelsStayWithinGitHubsFiftyCharacterLimit() {
    String longName = "x".repeat(80);
    var alarm = Harness.request(AnalysisMode.ANALYZE).alarm();
    var a = new com.incident.common.incident.AlarmDetails(longName, alarm.alarmArn(), null, "1", "us-west-2", alarm.kind(),
        "ALARM", "OK", "r", alarm.stateChangeTime(), null, null, null, null, null, null, null, null, null, null, null, null);
    IncidentFacts f = new IncidentClassifier(Clock.systemUTC(), 30).classify(a);

    assertThat(new IssueBody(Harness.settings()).labels(f, f.severity())).allMatch(l -> l.length() <= 50).contains("alarm:" + "x".repeat(44));
  }

  @Test
  void theIssueBodyAndEveryCommentAreKorean() {
    RunStats stats = new RunStats();
    assertKoreanParagraphs(renderer.notRecovered("검증 실패") + renderer.footer(stats, "m", true));
    assertKoreanParagraphs(renderer.recovered(Duration.ofSeconds(3725), "확인됨"));
    assertKoreanParagraphs(renderer.failure("gateway down"));
    assertThat(renderer.recovered(Duration.ofSeconds(3725), "확인됨")).contains("1시간 2분");
  }
}
