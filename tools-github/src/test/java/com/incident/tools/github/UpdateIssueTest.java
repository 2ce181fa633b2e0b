package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.UpdateIssueResult;
import com.incident.tools.github.fake.FakeGitHub;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** github-update-issue through the real handler and github-api client against the fake GitHub's wire API. */
class UpdateIssueTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void replacingTheBodyKeepsTheDedupMarkerSoTheIncidentIsStillFoundByItsKey() {
    Map<String, Object> create = Map.of("title", "[인시던트] orders-cpu-high 알람 발생", "body", "상태: 분석 중",
        "dedup_key", "INC-20261130-0007");
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, create);

    UpdateIssueResult updated = OutputContractTest.conforming(handler, ToolNames.GITHUB_UPDATE_ISSUE,
        Map.of("issue_number", 1, "body", "상태: 해결됨\n\n| 시각 | 사건 |\n|---|---|\n| 03:01 KST (18:01 UTC) | 알람 |"),
        UpdateIssueResult.class);
    JsonNode again = call(handler, ToolNames.GITHUB_CREATE_ISSUE, create);

    assertThat(updated.bodyUpdated()).isTrue();
    assertThat(updated.bodyOmittedChars()).isZero();
    assertThat(fixture.github.issue(1).body).startsWith("상태: 해결됨").contains("| 03:01 KST (18:01 UTC) | 알람 |");
    assertThat(IssueMarkers.dedupKey(fixture.github.issue(1).body)).contains("INC-20261130-0007");
    assertThat(again.path("structuredContent").path("created").asBoolean()).isFalse();
    assertThat(again.path("structuredContent").path("issueNumber").asInt()).isEqualTo(1);
  }

  @Test
  void aBodyEqualToTheCurrentOneIsNotWrittenAgain() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "처음", "dedup_key", "k-1"));
    Map<String, Object> update = Map.of("issue_number", 1, "body", "상태: 복구 중");

    JsonNode first = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, update);
    JsonNode second = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, update);

    assertThat(first.path("structuredContent").path("bodyUpdated").asBoolean()).isTrue();
    assertThat(second.path("structuredContent").path("bodyUpdated").asBoolean()).as(text(second)).isFalse();
    assertThat(fixture.github.requests()).filteredOn(r -> r.startsWith("PATCH /repos/acme/incidents/issues/1")).hasSize(1);
  }

  @Test
  void aBodyOverTheLimitIsCutAtALineWithTheKoreanNoticeAndReportsWhatWasLeftOut() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "처음"));
    String line = "- 03:00 KST 노드 ip-10-0-2-47 CPU 포화 (p95 93.5%) 지속\n";
    String body = line.repeat(70_000 / line.length() + 1);

    JsonNode result = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "body", body));

    assertThat(isError(result)).as(text(result)).isFalse();
    String posted = fixture.github.issue(1).body;
    assertThat(posted.length()).isLessThanOrEqualTo(FakeGitHub.MAX_BODY);
    assertThat(posted).as("cut after a whole line").containsPattern("\\(p95 93\\.5%\\) 지속\\n[…\\n]*⚠️ 본문이 길어 [0-9,]+자 생략됨$");
    int omitted = result.path("structuredContent").path("bodyOmittedChars").asInt();
    assertThat(omitted).isPositive();
    assertThat(posted).endsWith("⚠️ 본문이 길어 " + String.format("%,d", omitted) + "자 생략됨");
    assertThat(text(result)).contains("cut: " + omitted + " characters left out");
  }

  @Test
  void labelsAreAddedCreatingMissingOnesWithTheirStyleAndRemovedOnlyWhenPresent() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B", "labels", List.of("incident", "severity:high")));

    UpdateIssueResult result = OutputContractTest.conforming(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1,
        "add_labels", List.of("severity:critical", "incident"), "remove_labels", List.of("severity:high", "never-there")),
        UpdateIssueResult.class);

    assertThat(result.labels()).containsExactly("incident", "severity:critical");
    assertThat(fixture.github.issue(1).labels).containsExactly("incident", "severity:critical");
    assertThat(fixture.github.labels().get("severity:critical").color()).isEqualTo("b60205");
    assertThat(fixture.github.labels().get("severity:critical").description()).isEqualTo("심각도: 치명적");
    assertThat(result.bodyUpdated()).isFalse();
    assertThat(fixture.github.requests()).contains("POST /repos/acme/incidents/issues/1/labels",
        "DELETE /repos/acme/incidents/issues/1/labels/severity:high");
    assertThat(fixture.github.requests()).noneMatch(r -> r.contains("never-there"));
  }

  @Test
  void aLabelInBothListsIsRejectedBeforeGitHubIsAsked() {
    JsonNode result = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1,
        "add_labels", List.of("feedback:correct"), "remove_labels", List.of("Feedback:Correct")));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("both in add_labels and remove_labels");
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void editsACommentTheSuiteWroteOnThatIssue() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", "## 타임라인\n\n- 03:00 알람"));
    long id = fixture.github.comments(1).getFirst().id();

    UpdateIssueResult result = OutputContractTest.conforming(handler, ToolNames.GITHUB_UPDATE_ISSUE,
        Map.of("issue_number", 1, "comment_id", id, "comment_body", "## 타임라인\n\n- 03:00 알람\n- 03:05 복구"), UpdateIssueResult.class);

    assertThat(fixture.github.comments(1)).singleElement().satisfies(c -> {
      assertThat(c.body()).endsWith("- 03:05 복구");
      assertThat(c.id()).isEqualTo(id);
    });
    assertThat(result.commentUrl()).endsWith("#issuecomment-" + id);
    assertThat(fixture.github.requests()).contains("GET /user", "PATCH /repos/acme/incidents/issues/comments/" + id);
  }

  @Test
  void aPersonsCommentIsRefusedAndNothingElseOfTheCallIsWritten() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "원래 본문"));
    FakeGitHub.Comment approve = fixture.github.seedComment(1, "octocat", "/approve");

    JsonNode result = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "body", "새 본문",
        "add_labels", List.of("feedback:correct"), "comment_id", approve.id(), "comment_body", "/reject"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("written by octocat", FakeGitHub.TOKEN_LOGIN, "Nothing was changed");
    assertThat(fixture.github.comments(1)).extracting(FakeGitHub.Comment::body).containsExactly("/approve");
    assertThat(fixture.github.issue(1).body).isEqualTo("원래 본문");
    assertThat(fixture.github.issue(1).labels).isEmpty();
  }

  @Test
  void aCommentOfAnotherIssueIsRefused() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "C", "body", "D"));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 2, "body", "둘째 이슈의 댓글"));
    long other = fixture.github.comments(2).getFirst().id();

    JsonNode result = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", other, "comment_body", "x"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("Comment " + other + " is not on issue #1");
    assertThat(fixture.github.comments(2)).extracting(FakeGitHub.Comment::body).containsExactly("둘째 이슈의 댓글");
    assertThat(fixture.github.requests()).noneMatch(r -> r.startsWith("PATCH"));
  }

  @Test
  void aCommentIdPastTheIntRangeIsAcceptedAndLookedUp() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    JsonNode result = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", 3_000_000_000L, "comment_body", "x"));

    assertThat(text(result)).contains("Comment 3000000000 is not on issue #1");
  }

  @Test
  void incompleteOrEmptyRequestsAreRefusedWithoutCallingGitHub() {
    JsonNode nothing = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1));
    JsonNode idOnly = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", 5));
    JsonNode blank = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "body", "  "));
    JsonNode fraction = call(handler, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", 1.5, "comment_body", "x"));

    assertThat(text(nothing)).contains("Nothing to update");
    assertThat(text(idOnly)).contains("comment_id and comment_body go together");
    assertThat(text(blank)).as("a blank body is no body").contains("Nothing to update");
    assertThat(isError(fraction)).isTrue();
    assertThat(text(fraction)).contains("comment_id").doesNotContain("java.");
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void withAppAuthTheAppsBotCommentsAreItsOwn() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    fixture.github.enableApp(123456, (RSAPublicKey) keys.getPublic());
    Map<String, String> env = new HashMap<>(fixture.env());
    env.remove("GITHUB_TOKEN_PARAM");
    env.put("GITHUB_APP_ID_PARAM", "/incident/github/app-id");
    env.put("GITHUB_APP_PRIVATE_KEY_PARAM", "/incident/github/app-key");
    GitHubHandler app = fixture.handler(env, new StaticSecretProvider(Map.of(
        "/incident/github/app-id", "123456", "/incident/github/app-key", AppAuthTest.pkcs1Pem(keys))));
    call(app, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));
    call(app, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", "계획"));
    FakeGitHub.Comment byApp = fixture.github.comments(1).getFirst();
    FakeGitHub.Comment byPat = fixture.github.seedComment(1, FakeGitHub.TOKEN_LOGIN, "다른 계정");

    JsonNode own = call(app, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", byApp.id(), "comment_body", "계획 (만료)"));
    JsonNode foreign = call(app, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", 1, "comment_id", byPat.id(), "comment_body", "x"));

    assertThat(byApp.author()).isEqualTo(FakeGitHub.APP_LOGIN);
    assertThat(isError(own)).as(text(own)).isFalse();
    assertThat(fixture.github.comments(1).getFirst().body()).isEqualTo("계획 (만료)");
    assertThat(text(foreign)).contains("not by this suite's account " + FakeGitHub.APP_LOGIN);
  }
}
