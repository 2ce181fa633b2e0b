package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.AnalysisResult.Remediation;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.ToolNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A small corpus of past incident issues, written the way the agent writes them (Korean body + analysis block). */
class SimilarIncidentsTest {
  private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");

  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @BeforeEach
  void corpus() {
    past(1, "[장애] checkout-api CPU 사용률 급증", List.of("incident", "alarm:checkout-cpu-high", "feedback:correct"), analysis(
        "checkout-api 파드에 CPU 스트레스 워크로드가 배포되어 CPU 사용률이 98%까지 상승하고 스로틀링이 발생",
        List.of("payments/checkout-api"), List.of("EKS", "Java"), RootCauseCategory.CPU_STRESS_WORKLOAD,
        "stress 워크로드가 CPU를 점유", List.of("stress 디플로이먼트 삭제"), ChaosScenario.STRESS_WORKLOAD));
    past(2, "[장애] orders-api 이미지 풀 실패", List.of("incident"), analysis(
        "orders-api 롤아웃 후 ImagePullBackOff로 파드가 기동하지 못함",
        List.of("orders-api"), List.of("EKS", "Go"), RootCauseCategory.BAD_IMAGE_ROLLOUT,
        "존재하지 않는 이미지 태그 배포", List.of("이전 이미지로 롤백"), ChaosScenario.BAD_IMAGE));
    past(3, "[장애] checkout-api 메모리 누수", List.of("incident"), analysis(
        "checkout-api 컨테이너가 OOMKilled로 재시작 반복",
        List.of("checkout-api"), List.of("EKS", "Java"), RootCauseCategory.MEMORY_LEAK_OOM,
        "캐시 누수로 힙 증가", List.of("파드 재시작", "힙 덤프 분석"), ChaosScenario.NONE));
    // Hand-written issue without the structured block: only its text can match.
    fixture.github.seedIssue("수동 기록: 노드 CPU 포화", "node-1 의 CPU 사용률이 높았음", List.of("incident"), T, T.plusSeconds(3600));
    // Open and unlabelled issues are not past incidents.
    fixture.github.seedIssue("[장애] checkout-api CPU 진행 중", "CPU 사용률", List.of("incident"), T, null);
    fixture.github.seedIssue("checkout-api CPU 튜닝 제안", "CPU 사용률 스로틀링", List.of("enhancement"), T, T.plusSeconds(60));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void ranksThePastIncidentWithSameServiceSymptomsCauseAndStackFirst() {
    JsonNode result = call(handler, ToolNames.GITHUB_FIND_SIMILAR, Map.of(
        "alarm_name", "checkout-cpu-high",
        "service", "checkout-api",
        "symptoms", "checkout-api 파드 CPU 사용률 97%, 스로틀링 증가",
        "tech_stack", List.of("EKS", "Java")));

    assertThat(isError(result)).as(text(result)).isFalse();
    JsonNode matches = result.path("structuredContent").path("matches");
    assertThat(result.path("structuredContent").path("scanned").asInt()).as("closed + labelled incident only").isEqualTo(4);
    JsonNode top = matches.path(0);
    assertThat(top.path("number").asInt()).isEqualTo(1);
    assertThat(top.path("breakdown").path("service").asInt()).isEqualTo(40);
    assertThat(top.path("breakdown").path("rootCause").asInt()).as("category inferred from 'CPU ... 스로틀링', confirmed").isEqualTo(20);
    assertThat(top.path("breakdown").path("techStack").asInt()).isEqualTo(10);
    assertThat(top.path("breakdown").path("symptoms").asInt()).isGreaterThanOrEqualTo(20);
    assertThat(top.path("score").asInt()).isGreaterThanOrEqualTo(90);
    assertThat(top.path("rootCause").asText()).isEqualTo("cpu-stress-workload - stress 워크로드가 CPU를 점유 (confirmed by /feedback)");
    assertThat(top.path("fix").asText()).contains("stress 디플로이먼트 삭제").contains("remediation stress-workload");
    assertThat(top.path("url").asText()).endsWith("/issues/1");

    JsonNode second = matches.path(1);
    assertThat(second.path("number").asInt()).as("same service and stack, different cause").isEqualTo(3);
    assertThat(second.path("breakdown").path("service").asInt()).isEqualTo(40);
    assertThat(second.path("breakdown").path("rootCause").asInt()).isZero();
    assertThat(second.path("score").asInt()).isLessThan(top.path("score").asInt());

    assertThat(matches).extracting(m -> m.path("number").asInt()).doesNotContain(5, 6);
    assertThat(text(result)).contains("#1 score " + top.path("score").asInt() + " (service 40, symptoms ");
  }

  @Test
  void explicitCategoryScoresTheMatchingCause() {
    JsonNode result = call(handler, ToolNames.GITHUB_FIND_SIMILAR, Map.of(
        "service", "orders-api", "symptoms", "파드가 기동하지 못함", "category", "bad-image-rollout", "limit", 1));

    JsonNode top = result.path("structuredContent").path("matches").path(0);
    assertThat(result.path("structuredContent").path("matches")).hasSize(1);
    assertThat(top.path("number").asInt()).isEqualTo(2);
    assertThat(top.path("breakdown").path("rootCause").asInt()).as("nobody confirmed it").isEqualTo(15);
    assertThat(top.path("fix").asText()).contains("이전 이미지로 롤백");
  }

  @Test
  void issueWithoutAnalysisBlockIsScoredOnItsTextAndSaysSo() {
    JsonNode result = call(handler, ToolNames.GITHUB_FIND_SIMILAR, Map.of("service", "node-1", "symptoms", "노드 CPU 사용률 포화"));

    JsonNode top = result.path("structuredContent").path("matches").path(0);
    assertThat(top.path("number").asInt()).isEqualTo(4);
    assertThat(top.hasNonNull("rootCause")).isFalse();
    assertThat(text(result)).contains("root cause: not recorded (no analysis block)");
  }

  @Test
  void queryWithoutAnyCriterionIsRejected() {
    JsonNode result = call(handler, ToolNames.GITHUB_FIND_SIMILAR, Map.of("limit", 3));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("alarm_name, service or symptoms");
  }

  private void past(int expectedNumber, String title, List<String> labels, AnalysisResult analysis) {
    String body = "## 요약\n\n" + analysis.summary() + "\n\n" + IssueMarkers.analysisBlock(analysis);
    int number = fixture.github.seedIssue(title, body, labels, T.plusSeconds(expectedNumber * 100L), T.plusSeconds(expectedNumber * 100L + 3600)).number;
    assertThat(number).isEqualTo(expectedNumber);
  }

  private static AnalysisResult analysis(String summary, List<String> components, List<String> stack, RootCauseCategory category,
      String causeTitle, List<String> actions, ChaosScenario scenario) {
    return new AnalysisResult(summary, "pod-cpu", components, stack,
        List.of(new ProbableCause(causeTitle, category, 0.8, summary,
            List.of(new EvidenceRef("container-insight", "pod_cpu_utilization", "98%")))),
        List.of(), actions, List.of(), new Remediation(scenario, "알려진 카오스 시나리오 정리"), "rule-based");
  }
}
