package com.incident.tools.github.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.LabelNames;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimilarityScorerTest {
  private final SimilarityScorer scorer = new SimilarityScorer();

  @Test
  void identicalIncidentWithAConfirmedCauseScoresOneHundred() {
    PastIncident past = past(1, List.of("incident", LabelNames.FEEDBACK_CORRECT), "checkout-api CPU 사용률 급증 스로틀링", List.of("checkout-api"), List.of("EKS", "Java"),
        RootCauseCategory.CPU_STRESS_WORKLOAD);

    SimilarityScorer.Score score = scorer.score(
        new SimilarityQuery(null, "checkout-api", "CPU 사용률 급증 스로틀링", RootCauseCategory.CPU_STRESS_WORKLOAD, List.of("EKS", "Java")), past);

    assertThat(score).isEqualTo(new SimilarityScorer.Score(100, 40, 30, 20, 10));
  }

  @Test
  void aConfirmedCauseCountsMoreThanAProposedOneAndAWrongOneCountsOnlyItsCorrection() {
    SimilarityQuery cpu = new SimilarityQuery(null, null, "x", RootCauseCategory.CPU_STRESS_WORKLOAD, null);
    SimilarityQuery oom = new SimilarityQuery(null, null, "x", RootCauseCategory.MEMORY_LEAK_OOM, null);
    List<String> corrected = List.of(LabelNames.FEEDBACK_WRONG, LabelNames.feedbackCategory(RootCauseCategory.MEMORY_LEAK_OOM));

    assertThat(scorer.score(cpu, past(1, List.of(), "s", List.of(), List.of(), RootCauseCategory.CPU_STRESS_WORKLOAD)).rootCause()).isEqualTo(15);
    assertThat(scorer.score(cpu, past(1, List.of(LabelNames.FEEDBACK_CORRECT), "s", List.of(), List.of(), RootCauseCategory.CPU_STRESS_WORKLOAD)).rootCause()).isEqualTo(20);
    assertThat(scorer.score(cpu, past(1, List.of(LabelNames.FEEDBACK_WRONG), "s", List.of(), List.of(), RootCauseCategory.CPU_STRESS_WORKLOAD)).rootCause()).isZero();
    assertThat(scorer.score(cpu, past(1, corrected, "s", List.of(), List.of(), RootCauseCategory.CPU_STRESS_WORKLOAD)).rootCause()).isZero();
    assertThat(scorer.score(oom, past(1, corrected, "s", List.of(), List.of(), RootCauseCategory.CPU_STRESS_WORKLOAD)).rootCause()).isEqualTo(20);
    PastIncident handWritten = new PastIncident(1, "t", "u", Instant.EPOCH, corrected, "메모", Optional.empty());
    assertThat(scorer.score(oom, handWritten).rootCause()).as("a person's category needs no analysis block").isEqualTo(20);
  }

  @Test
  void koreanParticlesDoNotHideASharedWord() {
    assertThat(SimilarityScorer.terms("사용률이")).contains("사용");
    assertThat(SimilarityScorer.terms("사용률")).contains("사용", "용률");
  }

  @Test
  void serviceMatchesAcrossNamespacePrefixAndPartiallyAcrossSuffix() {
    PastIncident past = past(1, List.of(), "x", List.of("payments/checkout-api"), List.of(), RootCauseCategory.UNKNOWN);

    assertThat(scorer.score(new SimilarityQuery(null, "checkout-api", null, null, null), past).service()).isEqualTo(40);
    assertThat(scorer.score(new SimilarityQuery(null, "checkout", null, null, null), past).service()).isEqualTo(20);
    assertThat(scorer.score(new SimilarityQuery(null, "check", null, null, null), past).service()).isZero();
  }

  @Test
  void sameAlarmLabelCountsAsTheSameService() {
    PastIncident past = past(1, List.of("incident", "alarm:checkout-cpu-high"), "x", List.of(), List.of(), RootCauseCategory.UNKNOWN);

    assertThat(scorer.score(new SimilarityQuery("checkout-cpu-high", null, null, null, null), past).service()).isEqualTo(40);
  }

  @Test
  void secondaryCauseWithTheSameCategoryEarnsHalfUnlessTheTopCauseWasConfirmed() {
    AnalysisResult analysis = new AnalysisResult("s", "t", List.of(), List.of(),
        List.of(new ProbableCause("a", RootCauseCategory.TRAFFIC_SURGE, 0.6, "d", List.of()),
            new ProbableCause("b", RootCauseCategory.CPU_STRESS_WORKLOAD, 0.3, "d", List.of())),
        List.of(), List.of(), List.of(), null, "rule-based");
    PastIncident past = new PastIncident(1, "t", "u", Instant.EPOCH, List.of(), "", Optional.of(analysis));

    PastIncident confirmed = new PastIncident(1, "t", "u", Instant.EPOCH, List.of(LabelNames.FEEDBACK_CORRECT), "", Optional.of(analysis));

    assertThat(scorer.score(new SimilarityQuery(null, null, "x", RootCauseCategory.CPU_STRESS_WORKLOAD, null), past).rootCause()).isEqualTo(10);
    assertThat(scorer.score(new SimilarityQuery(null, null, "x", RootCauseCategory.CPU_STRESS_WORKLOAD, null), confirmed).rootCause()).isZero();
  }

  @Test
  void categoryIsInferredOnlyWhenTheKeywordsAgree() {
    assertThat(SimilarityScorer.inferCategory("파드 CPU 스로틀링 throttled")).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(SimilarityScorer.inferCategory("OOMKilled 반복, memory 증가")).isEqualTo(RootCauseCategory.MEMORY_LEAK_OOM);
    assertThat(SimilarityScorer.inferCategory("cpu and memory both high")).isNull();
    assertThat(SimilarityScorer.inferCategory("응답 지연")).isNull();
  }

  @Test
  void rankingDropsZeroScoresAndPrefersTheMoreRecentOnTies() {
    PastIncident older = new PastIncident(1, "checkout-api 장애", "u1", Instant.parse("2026-01-01T00:00:00Z"), List.of(), "", Optional.empty());
    PastIncident newer = new PastIncident(2, "checkout-api 장애", "u2", Instant.parse("2026-06-01T00:00:00Z"), List.of(), "", Optional.empty());
    PastIncident unrelated = new PastIncident(3, "DNS 설정", "u3", Instant.parse("2026-07-01T00:00:00Z"), List.of(), "", Optional.empty());

    List<SimilarityScorer.Match> ranked = scorer.rank(new SimilarityQuery(null, "checkout-api", null, null, null), List.of(older, unrelated, newer), 5);

    assertThat(ranked).extracting(m -> m.incident().number()).containsExactly(2, 1);
  }

  private static PastIncident past(int number, List<String> labels, String summary, List<String> components, List<String> stack,
      RootCauseCategory category) {
    AnalysisResult analysis = new AnalysisResult(summary, "pod-cpu", components, stack,
        List.of(new ProbableCause("원인", category, 0.9, summary, List.of())), List.of(), List.of(), List.of(), null, "rule-based");
    return new PastIncident(number, "제목", "https://github.example.com/i/" + number, Instant.EPOCH, labels, "", Optional.of(analysis));
  }
}
