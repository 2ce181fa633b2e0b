package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.tool.ToolNames;
import com.incident.tools.github.fake.FakeGitHub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateIssueTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void createsIssueAndMissingLabelsWithTheirColours() {
    fixture.github.seedLabel("incident", "ff0000");

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of(
        "title", "[장애] checkout-api CPU 사용률 95% 초과",
        "body", "## 요약\n\ncheckout-api 파드의 CPU 사용률이 임계값을 넘었습니다.",
        "labels", List.of("incident", "severity:critical", "auto-analysis", "alarm:checkout-cpu-high"),
        "dedup_key", "INC-20261121-0001"));

    assertThat(isError(result)).as(text(result)).isFalse();
    assertThat(result.path("structuredContent").path("created").asBoolean()).isTrue();
    FakeGitHub.Issue issue = fixture.github.issue(1);
    assertThat(issue.labels).containsExactly("incident", "severity:critical", "auto-analysis", "alarm:checkout-cpu-high");
    assertThat(IssueMarkers.dedupKey(issue.body)).contains("INC-20261121-0001");
    Map<String, FakeGitHub.Label> labels = fixture.github.labels();
    assertThat(labels.get("incident").color()).as("existing label untouched").isEqualTo("ff0000");
    assertThat(labels.get("severity:critical").color()).isEqualTo("b60205");
    assertThat(labels.get("auto-analysis").color()).isEqualTo("1d76db");
    assertThat(labels.get("alarm:checkout-cpu-high").color()).isEqualTo("5319e7");
    assertThat(labels.get("alarm:checkout-cpu-high").description()).isEqualTo("CloudWatch 알람: checkout-cpu-high");
    assertThat(fixture.github.requests()).filteredOn(r -> r.startsWith("POST /repos/acme/incidents/labels")).hasSize(3);
  }

  @Test
  void labelsAreListedOncePerContainer() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "첫 번째", "body", "본문", "labels", List.of("incident")));
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "두 번째", "body", "본문", "labels", List.of("incident")));

    assertThat(fixture.github.requests()).filteredOn(r -> r.startsWith("GET /repos/acme/incidents/labels")).hasSize(1);
    assertThat(fixture.github.requests()).filteredOn(r -> r.startsWith("POST /repos/acme/incidents/labels")).hasSize(1);
  }

  @Test
  void sameDedupKeyReturnsTheOpenIssueInsteadOfCreatingAnother() {
    Map<String, Object> args = Map.of("title", "[장애] 결제 지연", "body", "분석 중", "labels", List.of("incident"), "dedup_key", "INC-7");

    JsonNode first = call(handler, ToolNames.GITHUB_CREATE_ISSUE, args);
    JsonNode redelivered = call(handler, ToolNames.GITHUB_CREATE_ISSUE, args);

    assertThat(fixture.github.issues()).hasSize(1);
    assertThat(redelivered.path("structuredContent").path("created").asBoolean()).isFalse();
    assertThat(redelivered.path("structuredContent").path("issueNumber").asInt())
        .isEqualTo(first.path("structuredContent").path("issueNumber").asInt());
    assertThat(text(redelivered)).contains("already open for this dedup key");
  }

  @Test
  void dedupKeyInsideTheBodyIsHonouredWithoutTheArgument() {
    String body = "분석 중\n\n" + IssueMarkers.dedupMarker("INC-9");
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", body));
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", body));

    assertThat(fixture.github.issues()).hasSize(1);
    assertThat(fixture.github.issue(1).body).containsOnlyOnce("incident-dedup-key: INC-9");
  }

  @Test
  void closedIssueWithTheKeyDoesNotBlockANewIncident() {
    fixture.github.seedIssue("지난 장애", "끝\n" + IssueMarkers.dedupMarker("INC-1"), List.of("incident"),
        java.time.Instant.parse("2026-11-01T00:00:00Z"), java.time.Instant.parse("2026-11-01T01:00:00Z"));

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "재발", "body", "다시", "dedup_key", "INC-1"));

    assertThat(result.path("structuredContent").path("created").asBoolean()).isTrue();
    assertThat(fixture.github.issues()).hasSize(2);
  }

  @Test
  void conflictingKeysInBodyAndArgumentAreRejected() {
    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE,
        Map.of("title", "A", "body", IssueMarkers.dedupMarker("INC-1"), "dedup_key", "INC-2"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("INC-1").contains("INC-2");
    assertThat(fixture.github.issues()).isEmpty();
  }

  @Test
  void twoConcurrentCallsInOneContainerCreateOneIssue() throws Exception {
    Map<String, Object> args = Map.of("title", "[장애] 동시 호출", "body", "본문", "dedup_key", "INC-CONCURRENT");
    List<JsonNode> results = concurrently(() -> call(handler, ToolNames.GITHUB_CREATE_ISSUE, args),
        () -> call(handler, ToolNames.GITHUB_CREATE_ISSUE, args));

    assertThat(fixture.github.issues()).hasSize(1);
    assertThat(results).extracting(r -> r.path("structuredContent").path("issueNumber").asInt()).containsOnly(1);
  }

  @Test
  void twoConcurrentCallsInDifferentContainersConvergeOnOneOpenIssue() throws Exception {
    GitHubHandler otherContainer = fixture.handler();
    fixture.github.holdIssueCreation(2);
    Map<String, Object> args = Map.of("title", "[장애] 경합", "body", "본문", "dedup_key", "INC-RACE");

    List<JsonNode> results = concurrently(() -> call(handler, ToolNames.GITHUB_CREATE_ISSUE, args),
        () -> call(otherContainer, ToolNames.GITHUB_CREATE_ISSUE, args));

    assertThat(fixture.github.issues()).as("both passed the first scan and created").hasSize(2);
    assertThat(fixture.github.issues()).filteredOn(i -> i.state.equals("open")).extracting(i -> i.number).containsExactly(1);
    FakeGitHub.Issue loser = fixture.github.issue(2);
    assertThat(loser.stateReason).isEqualTo("not_planned");
    assertThat(fixture.github.comments(2)).extracting(FakeGitHub.Comment::body).containsExactly("중복 이슈입니다. 같은 인시던트를 #1 에서 추적합니다.");
    assertThat(results).extracting(r -> r.path("structuredContent").path("issueNumber").asInt()).containsOnly(1);
  }

  @Test
  void titleOverGitHubsLimitIsShortenedAtAWordBoundaryAndReported() {
    // "[인시던트] <255-character alarm name> 알람 발생": what the runtime sends for the longest alarm name CloudWatch allows.
    String name = ("checkout-api-latency-p99 ".repeat(10) + "x".repeat(5)).strip();
    String title = "[인시던트] " + name + " 알람 발생";
    assertThat(title.length()).isGreaterThan(256);

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", title, "body", "본문"));

    assertThat(isError(result)).as(text(result)).isFalse();
    String posted = fixture.github.issue(1).title;
    String kept = posted.substring(0, posted.length() - 1);
    assertThat(posted).endsWith("…").hasSizeLessThanOrEqualTo(256);
    assertThat(title).startsWith(kept);
    assertThat(Character.isWhitespace(title.charAt(kept.length()))).as("cut at a word boundary").isTrue();
    assertThat(result.path("structuredContent").path("titleOmittedChars").asInt()).isEqualTo(title.length() - kept.length());
    assertThat(text(result)).contains("title shortened by " + (title.length() - kept.length()) + " characters");
  }

  @Test
  void blankTitleIsRejectedBeforeCallingGitHub() {
    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "  ", "body", "본문"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("title");
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void moreThanTwentyLabelsAreRejectedBeforeCallingGitHub() {
    List<String> labels = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "l" + i).toList();
    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B", "labels", labels));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("labels");
    assertThat(fixture.github.requests()).isEmpty();
  }

  private static List<JsonNode> concurrently(Callable<JsonNode> a, Callable<JsonNode> b) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<JsonNode> fa = pool.submit(a);
      Future<JsonNode> fb = pool.submit(b);
      return List.of(fa.get(), fb.get());
    }
  }
}
