package com.incident.tools.github;

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
import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AddCommentResult;
import com.incident.common.tool.result.CloseIssueResult;
import com.incident.common.tool.result.CreateIssueResult;
import com.incident.common.tool.result.IssueState;
import com.incident.common.tool.result.ListIssuesResult;
import com.incident.common.tool.result.SimilarIncidentsResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every GitHub tool, called through the real dispatcher and the real github-api client against the fake GitHub on
 * MockWebServer, answers with structured content that conforms to the outputSchema it publishes and reads back as
 * its contract record.
 */
class OutputContractTest {
  private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");

  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void createIssueConformsWhenCreatingFindingByKeyAndCuttingToBounds() throws Exception {
    Map<String, Object> args = Map.of("title", "[인시던트] checkout-cpu-high 알람 발생", "body", "## 요약\n\n분석 중",
        "labels", List.of("incident", "severity:high", "auto-analysis"), "dedup_key", "INC-20261130-0001");

    CreateIssueResult created = conforming(handler, ToolNames.GITHUB_CREATE_ISSUE, args, CreateIssueResult.class);
    CreateIssueResult found = conforming(handler, ToolNames.GITHUB_CREATE_ISSUE, args, CreateIssueResult.class);
    CreateIssueResult unkeyed = conforming(handler, ToolNames.GITHUB_CREATE_ISSUE,
        Map.of("title", "x ".repeat(200), "body", LongReportTest.longReport()), CreateIssueResult.class);

    assertThat(created.created()).isTrue();
    assertThat(created.labels()).containsExactly("incident", "severity:high", "auto-analysis");
    assertThat(created.parts()).isEqualTo(1);
    assertThat(found.created()).isFalse();
    assertThat(found.issueNumber()).isEqualTo(created.issueNumber());
    assertThat(found.parts()).as("nothing was posted").isNull();
    assertThat(unkeyed.wasCut()).isTrue();
    assertThat(unkeyed.parts()).isGreaterThan(1);
  }

  @Test
  void createIssueConformsWhenAnotherContainerWinsTheDedupRace() throws Exception {
    GitHubHandler otherContainer = fixture.handler();
    fixture.github.holdIssueCreation(2);
    Map<String, Object> args = Map.of("title", "[장애] 경합", "body", "본문", "dedup_key", "INC-RACE");

    CompletableFuture<CreateIssueResult> mine = CompletableFuture.supplyAsync(() -> conforming(handler, ToolNames.GITHUB_CREATE_ISSUE, args, CreateIssueResult.class));
    CreateIssueResult theirs = conforming(otherContainer, ToolNames.GITHUB_CREATE_ISSUE, args, CreateIssueResult.class);

    List<CreateIssueResult> both = List.of(mine.get(), theirs);
    assertThat(both).extracting(CreateIssueResult::issueNumber).containsOnly(1);
    assertThat(both).extracting(CreateIssueResult::closedDuplicate).containsExactlyInAnyOrder(null, 2);
  }

  @Test
  void addCommentConformsForOneAndForSeveralParts() throws Exception {
    fixture.github.seedIssue("[장애] 결제 지연", "본문", List.of("incident"), T, null);

    AddCommentResult one = conforming(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", "## 🔍 근본 원인 분석"),
        AddCommentResult.class);
    AddCommentResult split = conforming(handler, ToolNames.GITHUB_ADD_COMMENT,
        Map.of("issue_number", 1, "body", LongReportTest.longReport()), AddCommentResult.class);

    assertThat(one.comments()).hasSize(1);
    assertThat(split.comments()).hasSize(split.parts()).hasSizeGreaterThan(1);
  }

  @Test
  void listIssuesConformsEmptyAndWithOpenAndClosedIssues() throws Exception {
    ListIssuesResult empty = conforming(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of(), ListIssuesResult.class);
    fixture.github.seedIssue("지난 장애", "b", List.of("incident"), T, T.plusSeconds(600));
    fixture.github.seedIssue("열린 장애", "b", List.of("incident", "severity:high"), T.plusSeconds(60), null);
    fixture.github.seedIssue("라벨 없음", "b", List.of(), T.plusSeconds(120), null);

    ListIssuesResult all = conforming(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of("state", "all"), ListIssuesResult.class);
    ListIssuesResult labelled = conforming(handler, ToolNames.GITHUB_LIST_ISSUES,
        Map.of("state", "closed", "labels", List.of("incident")), ListIssuesResult.class);

    assertThat(empty.issues()).isEmpty();
    assertThat(all.issues()).extracting(ListIssuesResult.Issue::state)
        .containsExactly(IssueState.OPEN, IssueState.OPEN, IssueState.CLOSED);
    assertThat(labelled.issues()).singleElement().satisfies(i -> assertThat(i.closedAt()).isEqualTo(T.plusSeconds(600)));
  }

  @Test
  void closeIssueConformsWhenClosingAndWhenAlreadyClosed() throws Exception {
    fixture.github.seedIssue("[장애] 복구 대상", "본문", List.of("incident"), T, null);
    Map<String, Object> close = Map.of("issue_number", 1, "comment", "## ✅ 복구 완료", "reason", "not_planned");

    CloseIssueResult closed = conforming(handler, ToolNames.GITHUB_CLOSE_ISSUE, close, CloseIssueResult.class);
    CloseIssueResult again = conforming(handler, ToolNames.GITHUB_CLOSE_ISSUE, close, CloseIssueResult.class);
    CloseIssueResult bare = conforming(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", 1), CloseIssueResult.class);

    assertThat(closed.state()).isEqualTo(IssueState.CLOSED);
    assertThat(closed.stateReason()).isEqualTo("not_planned");
    assertThat(closed.commented()).isTrue();
    assertThat(again.commented()).as("same last comment is not repeated").isFalse();
    assertThat(bare.commented()).isFalse();
  }

  @Test
  void findSimilarConformsForAnEmptySearchAndForMatchesWithAndWithoutAnAnalysisBlock() throws Exception {
    Map<String, Object> query = Map.of("alarm_name", "checkout-cpu-high", "service", "checkout-api",
        "symptoms", "checkout-api 파드 CPU 사용률 97%, 스로틀링 증가", "tech_stack", List.of("EKS", "Java"));

    SimilarIncidentsResult none = conforming(handler, ToolNames.GITHUB_FIND_SIMILAR, query, SimilarIncidentsResult.class);
    fixture.github.seedIssue("[장애] checkout-api CPU 사용률 급증", "## 요약\n\n" + IssueMarkers.analysisBlock(analysis()),
        List.of("incident"), T, T.plusSeconds(3600));
    fixture.github.seedIssue("수동 기록: checkout-api CPU 포화", "checkout-api CPU 사용률이 높았음", List.of("incident"), T,
        T.plusSeconds(7200));
    SimilarIncidentsResult some = conforming(handler, ToolNames.GITHUB_FIND_SIMILAR, query, SimilarIncidentsResult.class);

    assertThat(none.scanned()).isZero();
    assertThat(none.matches()).isEmpty();
    assertThat(some.matches()).hasSize(2);
    assertThat(some.matches().getFirst().rootCause()).startsWith("cpu-stress-workload");
    assertThat(some.matches().getLast().rootCause()).isNull();
    assertThat(some.matches()).allSatisfy(m -> assertThat(m.score()).isEqualTo(m.breakdown().service() + m.breakdown().symptoms()
        + m.breakdown().rootCause() + m.breakdown().techStack()));
  }

  /** Calls {@code tool}; asserts a success whose structured content matches the tool's published outputSchema. */
  static <T> T conforming(GitHubHandler handler, String tool, Map<String, ?> arguments, Class<T> type) {
    JsonNode result = GitHubFixture.call(handler, tool, arguments);

    assertThat(isError(result)).as(text(result)).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(outputSchema(handler, tool), structured)).as(structured.toString()).isNull();
    return Json.MAPPER.convertValue(structured, type);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> outputSchema(GitHubHandler handler, String tool) {
    for (JsonNode t : GitHubFixture.invoke(handler, "{\"method\":\"tools/list\"}").path("tools")) {
      if (tool.equals(t.path("name").asText())) {
        return Json.MAPPER.convertValue(t.path("outputSchema"), Map.class);
      }
    }
    throw new AssertionError("no tool " + tool);
  }

  private static AnalysisResult analysis() {
    String summary = "checkout-api 파드에 CPU 스트레스 워크로드가 배포되어 CPU 사용률이 98%까지 상승하고 스로틀링이 발생";
    return new AnalysisResult(summary, "pod-cpu", List.of("payments/checkout-api"), List.of("EKS", "Java"),
        List.of(new ProbableCause("stress 워크로드가 CPU를 점유", RootCauseCategory.CPU_STRESS_WORKLOAD, 0.8, summary,
            List.of(new EvidenceRef("container-insight", "pod_cpu_utilization", "98%")))),
        List.of(), List.of("stress 디플로이먼트 삭제"), List.of(),
        new Remediation(ChaosScenario.STRESS_WORKLOAD, "알려진 카오스 시나리오 정리"), "rule-based");
  }
}
