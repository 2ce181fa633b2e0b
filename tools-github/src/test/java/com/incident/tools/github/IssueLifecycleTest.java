package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolNames;
import com.incident.tools.github.fake.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IssueLifecycleTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void closeAddsTheCommentFirstThenClosesWithTheReason() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "[장애] 복구 대상", "body", "분석"));

    JsonNode result = call(handler, ToolNames.GITHUB_CLOSE_ISSUE,
        Map.of("issue_number", 1, "comment", "복구 완료: stress 워크로드를 삭제했습니다.", "reason", "not_planned"));

    assertThat(isError(result)).as(text(result)).isFalse();
    FakeGitHub.Issue issue = fixture.github.issue(1);
    assertThat(issue.state).isEqualTo("closed");
    assertThat(issue.stateReason).isEqualTo("not_planned");
    assertThat(fixture.github.comments(1)).extracting(FakeGitHub.Comment::body).containsExactly("복구 완료: stress 워크로드를 삭제했습니다.");
    List<String> writes = fixture.github.requests().stream().filter(r -> r.startsWith("POST") || r.startsWith("PATCH")).toList();
    assertThat(writes.getLast()).startsWith("PATCH /repos/acme/incidents/issues/1");
    assertThat(result.path("structuredContent").path("state").asText()).isEqualTo("closed");
  }

  @Test
  void closingAgainDoesNotRepeatTheSameComment() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));
    Map<String, Object> close = Map.of("issue_number", 1, "comment", "복구 완료");

    call(handler, ToolNames.GITHUB_CLOSE_ISSUE, close);
    JsonNode retried = call(handler, ToolNames.GITHUB_CLOSE_ISSUE, close);

    assertThat(fixture.github.comments(1)).hasSize(1);
    assertThat(text(retried)).contains("already closed");
    assertThat(fixture.github.issue(1).stateReason).isEqualTo("completed");
  }

  @Test
  void closeWithoutCommentOnlyCloses() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    call(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", 1));

    assertThat(fixture.github.comments(1)).isEmpty();
    assertThat(fixture.github.issue(1).state).isEqualTo("closed");
  }

  @Test
  void listFiltersByStateAndLabelsNewestFirstAndHonoursTheLimit() {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    fixture.github.seedIssue("오래된 장애", "b", List.of("incident"), t, t.plusSeconds(600));
    fixture.github.seedIssue("기능 요청", "b", List.of("enhancement"), t.plusSeconds(60), t.plusSeconds(700));
    fixture.github.seedIssue("최근 장애", "b", List.of("incident", "severity:high"), t.plusSeconds(120), t.plusSeconds(800));
    fixture.github.seedIssue("열린 장애", "b", List.of("incident"), t.plusSeconds(180), null);
    fixture.github.seedIssue("가장 최근 장애", "b", List.of("incident"), t.plusSeconds(240), t.plusSeconds(900));

    JsonNode closed = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of("state", "closed", "labels", List.of("incident"), "limit", 2));
    JsonNode open = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of());
    JsonNode all = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of("state", "all", "limit", 50));
    JsonNode both = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of("state", "all", "labels", List.of("incident", "severity:high")));

    assertThat(closed.path("structuredContent").path("issues")).extracting(n -> n.path("number").asInt()).containsExactly(5, 3);
    JsonNode first = closed.path("structuredContent").path("issues").path(0);
    assertThat(first.path("title").asText()).isEqualTo("가장 최근 장애");
    assertThat(first.path("closedAt").asText()).isEqualTo("2026-11-01T00:15:00Z");
    assertThat(first.path("url").asText()).isEqualTo("https://github.example.com/acme/incidents/issues/5");
    assertThat(text(closed)).contains("url = https://github.example.com/acme/incidents/issues/<number>")
        .contains("#5 closed created 2026-11-01T00:04:00Z closed 2026-11-01T00:15:00Z [incident] 가장 최근 장애");
    assertThat(open.path("structuredContent").path("issues")).extracting(n -> n.path("number").asInt()).containsExactly(4);
    assertThat(all.path("structuredContent").path("issues")).hasSize(5);
    assertThat(both.path("structuredContent").path("issues")).extracting(n -> n.path("number").asInt()).containsExactly(3);
  }

  @Test
  void listLimitAboveFiftyIsRejected() {
    JsonNode result = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of("limit", 51));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("limit");
  }

  @Test
  void koreanRoundTripsByteExact() throws Exception {
    String title = "[장애] 결제-API 지연 🚨 — 한글 제목 (조합형 e\u0301)";
    String body = "## 타임라인\n\n| 시각 | 이벤트 |\n|---|---|\n| 03:15 | 경보 발생 — ‘따옴표’ “인용” |\n\n이모지 👩‍💻 와 한자 障害 포함.";

    JsonNode created = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", title, "body", body));
    call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", body));
    JsonNode listed = call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of());

    assertThat(isError(created)).isFalse();
    FakeGitHub.Issue issue = fixture.github.issue(1);
    assertThat(issue.title.getBytes(StandardCharsets.UTF_8)).isEqualTo(title.getBytes(StandardCharsets.UTF_8));
    assertThat(issue.body.getBytes(StandardCharsets.UTF_8)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(fixture.github.comments(1).getFirst().body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    byte[] wire = fixture.github.writeBodies().stream().filter(b -> new String(b, StandardCharsets.UTF_8).contains("\"title\"")).findFirst().orElseThrow();
    // github-api's Jackson escapes astral characters (emoji) as surrogate-pair escapes, which is valid JSON; Hangul goes out as raw UTF-8.
    assertThat(new String(wire, StandardCharsets.UTF_8)).contains("[장애] 결제-API 지연");
    assertThat(com.incident.common.json.Json.MAPPER.readTree(wire).path("title").asText()).isEqualTo(title);
    assertThat(listed.path("structuredContent").path("issues").path(0).path("title").asText()).isEqualTo(title);
  }
}
