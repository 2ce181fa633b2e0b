package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the comments read: code spans, honest labels, readable signals, one sentence said once. */
class IssueCommentWordingTest {
  private final IssueRenderer renderer = new IssueRenderer(Harness.settings());
  private final IncidentFacts facts = new IncidentClassifier(Clock.fixed(Instant.parse("2026-11-30T06:16:00Z"), ZoneOffset.UTC), 30)
      .classify(Harness.request(AnalysisMode.ANALYZE).alarm());

  private static AnalysisResult result(String analyzer, ChaosScenario scenario, String rationale, EvidenceRef... evidence) {
    return new AnalysisResult("요약: `default/stress-ng`가 CPU를 점유합니다.", "resource-saturation", List.of("pod/ui"), List.of(),
        List.of(new AnalysisResult.ProbableCause("부하 생성기 워크로드 `default/stress-ng`의 자원 점유",
            RootCauseCategory.CPU_STRESS_WORKLOAD, 0.9, "설명입니다.", List.of(evidence))),
        List.of(), List.of("조치"), List.of("개선"), new AnalysisResult.Remediation(scenario, rationale), analyzer);
  }

  @Test
  void evidenceCellsShowCodeSpansNotEscapedBackticks() {
    String comment = renderer.rootCause(result("rule-based", ChaosScenario.STRESS_WORKLOAD, null,
        new EvidenceRef("k8s-describe-workload", "Deployment default/stress-ng",
            "Pod `stress-ng-7d9`의 컨테이너 `stress-ng`에서 부하 생성기 `stress-ng --cpu 4` 실행 중, 파이프 `a|b`, 짝 없는 ` 하나")),
        Evidence.NONE, "model unavailable: x");

    assertThat(comment)
        .contains("| Pod `stress-ng-7d9`의 컨테이너 `stress-ng`에서 부하 생성기 `stress-ng --cpu 4` 실행 중, 파이프 a\\|b, 짝 없는 \\` 하나 |")
        .contains("부하 생성기 워크로드 `default/stress-ng`의 자원 점유")
        .doesNotContain("\\`default/stress-ng\\`");
  }

  @Test
  void theScriptedSandboxModelIsLabelledAFixtureWithoutACost() {
    RunStats stats = new RunStats();
    stats.turn();
    stats.tokens(12_000, 800, 0, 0);
    String fixtureId = ModelLabel.FIXTURE_PREFIX + "scripted-claude";

    String footer = renderer.footer(stats, fixtureId, false);
    String header = renderer.rootCause(result("bedrock:" + fixtureId, ChaosScenario.NONE, null), Evidence.NONE, null);

    assertThat(footer).contains("분석기: 로컬 시나리오 모델(실제 Claude 아님)").doesNotContain("분석기: Claude").doesNotContain("예상 비용");
    assertThat(header).contains("**로컬 시나리오 모델**(실제 Claude 아님, ").doesNotContain("AI 분석 (");
    assertThat(renderer.spend("💰 모델 사용량", 1, fixtureId)).isEmpty();
  }

  @Test
  void aCostIsShownOnlyForRealModelCalls() {
    RunStats called = new RunStats();
    called.turn();
    called.tokens(12_000, 800, 0, 0);

    assertThat(renderer.footer(called, "us.anthropic.claude-sonnet-4-5", false)).contains("분석기: Claude", "예상 비용: $");
    assertThat(renderer.footer(new RunStats(), "none", true)).contains("규칙 기반").doesNotContain("예상 비용");
    assertThat(renderer.footer(called, "us.anthropic.claude-sonnet-4-5", true)).as("calls made before a rule-based fallback")
        .contains("규칙 기반", "예상 비용: $");
    assertThat(renderer.spend("💰 모델 사용량", 0, "none")).isEmpty();
    assertThat(renderer.spend("💰 모델 사용량", 2, "us.anthropic.claude-sonnet-4-5")).isEqualTo("<sub>💰 모델 사용량</sub>\n");
  }

  @Test
  void theRemediationAdviceSaysEachThingOnce() {
    String decision = "'부하 생성기(stress) 워크로드' 장애(`stress-workload`)로 판단해 `chaos-cleanup`으로 자동 복구합니다.";

    String repeated = renderer.responseGuide(result("bedrock:m", ChaosScenario.STRESS_WORKLOAD, decision));
    String explained = renderer.responseGuide(result("rule-based", ChaosScenario.STRESS_WORKLOAD,
        "클러스터 상태(부하 생성기 실행 중)가 이 장애 유형의 특징과 일치합니다."));
    String none = renderer.responseGuide(result("rule-based", ChaosScenario.NONE,
        "알려진 카오스 장애와 일치하지 않아 자동 복구를 하지 않습니다."));

    assertThat(repeated).containsOnlyOnce("자동 복구합니다").doesNotContain("근거:");
    assertThat(explained).contains(decision + " 근거: 클러스터 상태(부하 생성기 실행 중)가 이 장애 유형의 특징과 일치합니다.");
    assertThat(none).containsOnlyOnce("자동 복구를 하지 않습니다").doesNotContain("시나리오");
  }

  @Test
  void recurrenceListsSignalsByWhatTheyMeanWithKstTimes() {
    String comment = renderer.recurrence(facts, 2, List.of("node-saturation:ip-10-0-2-47.us-west-2.compute.internal"),
        List.of("cpu-stress-workload:default/stress-ng"), List.of());

    assertThat(comment).contains("- 새로 나타난 신호: 노드 ip-10-0-2-47 자원 포화", "- 사라진 신호: 부하 생성기 워크로드 default/stress-ng 실행 중")
        .contains("KST(").doesNotContain("node-saturation:");
  }

  @Test
  void sentencesOverlapOnlyWhenOneIsRepeated() {
    assertThat(Sentences.overlap("자동 복구합니다. 확인이 필요합니다.", "확인이 필요합니다")).isTrue();
    assertThat(Sentences.overlap("자동 복구합니다.", "클러스터 상태가 일치합니다.")).isFalse();
  }
}
