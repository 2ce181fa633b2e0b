package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.LabelNames;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.SimilarIncidentsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issues written the way this suite writes them, through the real create/comment/close tools: the body has the
 * overview and the dedup marker, the analysis block sits in the root-cause comment (agent IssueRenderer.rootCause).
 * The analyses are the ones the sandbox demo of each scenario wrote (suite-analysis/*.json).
 */
class SuiteIssuesSimilarityTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void findsTheSuitesOwnClosedIssueByTheAnalysisInItsRootCauseComment() {
    int cpu = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    suiteIssue("netaiops-error-burst", analysis("error-burst"));

    SimilarIncidentsResult.Match top = similar(Map.of("service", "ui", "symptoms", "ui 파드 CPU 사용률 97.5%, 스로틀링"))
        .matches().getFirst();

    assertThat(top.number()).isEqualTo(cpu);
    assertThat(top.breakdown().service()).as("affectedComponents pod/ui").isEqualTo(40);
    assertThat(top.breakdown().rootCause()).as("stored category, not yet confirmed").isEqualTo(15);
    assertThat(top.rootCause()).isEqualTo("cpu-stress-workload - 부하 생성기 워크로드 `default/stress-ng`의 자원 점유");
    assertThat(top.fix()).isNotBlank();
    assertThat(fixture.github.requests()).contains("GET /repos/acme/incidents/issues/" + cpu + "/comments?per_page=100");
  }

  @Test
  void theNewestAnalysisOfAnIssueCountsAndOnlyTheSuitesIssuesAreReadWithinTheBudget() {
    int reanalysed = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", reanalysed,
        "body", rootCauseComment(analysis("error-burst"))));
    int byHand = number(call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "수동 기록: checkout 오류",
        "body", "사람이 쓴 기록", "labels", List.of(LabelNames.INCIDENT))));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", byHand, "body", rootCauseComment(analysis("cpu-spike"))));
    call(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", byHand));

    SimilarIncidentsResult result = similar(Map.of("service", "checkout", "category", "app-error-after-deploy"));

    assertThat(result.matches().getFirst().number()).isEqualTo(reanalysed);
    assertThat(result.matches().getFirst().rootCause()).startsWith("app-error-after-deploy");
    assertThat(fixture.github.requests()).as("an issue the suite did not open is not read")
        .noneMatch(r -> r.startsWith("GET /repos/acme/incidents/issues/" + byHand + "/comments"));
  }

  @Test
  void repeatedSearchesReuseWhatWasReadUntilTheIssueChanges() {
    int cpu = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    String comments = "GET /repos/acme/incidents/issues/" + cpu + "/comments";

    similar(Map.of("service", "ui"));
    similar(Map.of("service", "ui"));
    long afterTwo = fixture.github.requests().stream().filter(r -> r.startsWith(comments)).count();
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", cpu, "body", rootCauseComment(analysis("error-burst"))));
    SimilarIncidentsResult changed = similar(Map.of("service", "checkout"));

    assertThat(afterTwo).isEqualTo(1);
    assertThat(fixture.github.requests().stream().filter(r -> r.startsWith(comments)).count()).isEqualTo(2);
    assertThat(changed.matches().getFirst().rootCause()).startsWith("app-error-after-deploy");
  }

  @Test
  void beyondTheCommentBudgetIssuesAreScoredOnTheirTextAndTheResultSaysSo() {
    Map<String, String> env = new HashMap<>(fixture.env());
    env.put("GITHUB_SIMILAR_COMMENT_FETCHES", "1");
    handler = fixture.handler(env, new StaticSecretProvider(Map.of(GitHubFixture.TOKEN_PARAM, GitHubFixture.TOKEN)));
    suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    int newest = suiteIssue("netaiops-error-burst", analysis("error-burst"));

    JsonNode result = call(handler, ToolNames.GITHUB_FIND_SIMILAR, Map.of("service", "checkout"));

    assertThat(text(result)).contains("1 issue(s) of this suite not read (at most 1 comment listings per search)");
    assertThat(result.path("structuredContent").path("matches").path(0).path("number").asInt()).as("newest read first").isEqualTo(newest);
    assertThat(fixture.github.requests()).filteredOn(r -> r.contains("/comments?")).hasSize(1);
  }

  @Test
  void aBlockInTheBodyIsReadWithoutFetchingComments() {
    AnalysisResult a = analysis("cpu-spike");
    int n = number(call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "[인시던트] netaiops-cpu-spike 알람 발생",
        "body", "## 🚨 인시던트 개요\n\n상태: 해결됨\n\n" + IssueMarkers.analysisBlock(a),
        "labels", List.of(LabelNames.INCIDENT, LabelNames.AUTO_ANALYSIS), "dedup_key", "INC-body")));
    call(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", n));

    SimilarIncidentsResult result = similar(Map.of("service", "ui", "category", "cpu-stress-workload"));

    assertThat(result.matches().getFirst().breakdown().rootCause()).isEqualTo(15);
    assertThat(fixture.github.requests()).noneMatch(r -> r.contains("/comments?"));
  }

  @Test
  void aConfirmedCauseCountsMoreAndAWrongOneCountsItsCorrection() {
    int confirmed = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    int unconfirmed = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    int corrected = suiteIssue("netaiops-cpu-spike", analysis("cpu-spike"));
    feedback(confirmed, LabelNames.FEEDBACK_CORRECT);
    feedback(corrected, LabelNames.FEEDBACK_WRONG, LabelNames.feedbackCategory(RootCauseCategory.MEMORY_LEAK_OOM));

    SimilarIncidentsResult cpu = similar(Map.of("service", "ui", "category", "cpu-stress-workload"));
    SimilarIncidentsResult memory = similar(Map.of("service", "ui", "category", "memory-leak-oom"));

    assertThat(cpu.matches()).extracting(SimilarIncidentsResult.Match::number).containsExactly(confirmed, unconfirmed, corrected);
    assertThat(cpu.matches()).extracting(m -> m.breakdown().rootCause()).containsExactly(20, 15, 0);
    assertThat(cpu.matches().getFirst().rootCause()).endsWith("(confirmed by /feedback)");
    assertThat(memory.matches().getFirst().number()).isEqualTo(corrected);
    assertThat(memory.matches().getFirst().breakdown().rootCause()).isEqualTo(20);
    assertThat(memory.matches().getFirst().rootCause())
        .startsWith("memory-leak-oom (corrected by /feedback; the analysis said cpu-stress-workload - ");
    assertThat(fixture.github.labels().get(LabelNames.FEEDBACK_CORRECT).description()).isEqualTo("피드백: 분석이 맞았습니다 (확인된 원인)");
    assertThat(fixture.github.labels().get("feedback:category:memory-leak-oom").description())
        .isEqualTo("피드백: 실제 원인 분류는 메모리 누수 / OOM입니다");
  }

  /** Opens, analyses and closes an incident issue with the suite's tools, as the agent does; returns its number. */
  private int suiteIssue(String alarm, AnalysisResult analysis) {
    JsonNode created = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of(
        "title", "[인시던트] " + alarm + " 알람 발생",
        "body", "## 🚨 인시던트 개요\n\n2026-11-30 14:31:00 KST (05:31:00 UTC)에 CloudWatch 알람 `" + alarm
            + "`의 상태가 ALARM으로 바뀌었습니다.\n\n| 항목 | 값 |\n|---|---|\n| 알람 이름 | `" + alarm + "` |\n",
        "labels", List.of(LabelNames.INCIDENT, "severity:high", LabelNames.AUTO_ANALYSIS, "alarm:" + alarm),
        "dedup_key", "INC-" + alarm + "-" + fixture.github.issues().size()));
    assertThat(isError(created)).as(text(created)).isFalse();
    int n = number(created);
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", n, "body", rootCauseComment(analysis)));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", n, "body", "## 🛠️ 대응 가이드\n\n### 즉시 조치\n\n- [ ] 확인"));
    call(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", n, "comment", "## ✅ 복구 완료\n\n정상으로 돌아왔습니다."));
    return n;
  }

  /** The root-cause comment in the shape agent-runtime's IssueRenderer.rootCause writes: Korean sections, then the block. */
  private static String rootCauseComment(AnalysisResult a) {
    return "## 🔍 근본 원인 분석\n\n> ⚠️ **규칙 기반 분석 (rule-based)**\n\n**요약**: " + a.summary()
        + "\n\n### 추정 원인 (확률 순)\n\n| 순위 | 원인 | 분류 | 확률 |\n|---|---|---|---|\n| 1 | " + a.causes().getFirst().title()
        + " | " + a.topCategory().koreanLabel() + " (`" + a.topCategory().id() + "`) | 90% |\n\n" + IssueMarkers.analysisBlock(a);
  }

  private void feedback(int issue, String... labels) {
    JsonNode r = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", issue, "add_labels", List.of(labels)));
    assertThat(isError(r)).as(text(r)).isFalse();
  }

  private SimilarIncidentsResult similar(Map<String, Object> query) {
    JsonNode r = call(handler, ToolNames.GITHUB_FIND_SIMILAR, query);
    assertThat(isError(r)).as(text(r)).isFalse();
    return Json.MAPPER.convertValue(r.path("structuredContent"), SimilarIncidentsResult.class);
  }

  private static int number(JsonNode created) {
    return created.path("structuredContent").path("issueNumber").asInt();
  }

  private static AnalysisResult analysis(String scenario) {
    try (InputStream in = SuiteIssuesSimilarityTest.class.getResourceAsStream("/suite-analysis/" + scenario + ".json")) {
      return Json.MAPPER.readValue(in, AnalysisResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
