package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import com.incident.tools.github.fake.FakeGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubFailureTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @BeforeEach
  void warmUp() {
    // Resolves the repository once so a scripted response hits the call under test.
    assertThat(isError(call(handler, ToolNames.GITHUB_LIST_ISSUES, Map.of()))).isFalse();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void primaryRateLimitWaitsUntilResetThenSucceeds() {
    fixture.github.enqueue(FakeGitHub.primaryRateLimit(Instant.now().plusSeconds(5)));

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "[장애] 제한 후 생성", "body", "본문"));

    assertThat(isError(result)).as(text(result)).isFalse();
    assertThat(fixture.sleeps).hasSize(1);
    assertThat(fixture.sleeps.getFirst()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6));
    assertThat(fixture.github.issues()).hasSize(1);
  }

  @Test
  void secondaryRateLimitHonoursRetryAfter() {
    fixture.github.enqueue(FakeGitHub.secondaryRateLimit(3));

    JsonNode result = call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", "x"));

    // issue 1 does not exist: after the wait the real answer (404) comes through.
    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(text(result)).contains("404");
  }

  @Test
  void rateLimitLongerThanTheBudgetFailsAtOnceWithTheResetTime() {
    Instant reset = Instant.now().plusSeconds(3600);
    fixture.github.enqueue(FakeGitHub.primaryRateLimit(reset));

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("rate limit").contains("Retry after").contains(reset.toString().substring(0, 13));
    assertThat(fixture.sleeps).isEmpty();
    assertThat(fixture.github.issues()).isEmpty();
  }

  @Test
  void forbiddenSaysWhichPermissionTheTokenNeeds() {
    fixture.github.enqueue(FakeGitHub.forbidden());

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("403").contains("Resource not accessible by personal access token")
        .contains("Issues: Read and write").contains("acme/incidents");
  }

  @Test
  void validationFailureNamesTheField() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B", "labels", List.of("incident")));
    fixture.github.enqueue(FakeGitHub.validation("Label", "name", "invalid", null));

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B", "labels", List.of("새-라벨")));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("422").contains("Validation Failed").contains("name: invalid").contains("create label '새-라벨'");
  }

  @Test
  void missingIssueSaysToCheckTheRepositoryAndNumber() {
    JsonNode result = call(handler, ToolNames.GITHUB_CLOSE_ISSUE, Map.of("issue_number", 999));

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("404").contains("GITHUB_REPOSITORY=acme/incidents").contains("issue number");
  }

  @Test
  void badCredentialsNameTheParameterButNeverTheToken() {
    GitHubHandler wrongToken = fixture.handler(fixture.env(), new StaticSecretProvider(Map.of(GitHubFixture.TOKEN_PARAM, "ghp_revokedrevokedrevokedrevoked0000")));

    JsonNode result = call(wrongToken, ToolNames.GITHUB_LIST_ISSUES, Map.of());

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("401").contains("Bad credentials").contains(GitHubFixture.TOKEN_PARAM).doesNotContain("ghp_revoked");
  }

  @Test
  void missingSecretIsReportedWithoutCallingGitHub() {
    GitHubHandler noSecret = fixture.handler(fixture.env(), new StaticSecretProvider(Map.of()));
    int before = fixture.github.requests().size();

    JsonNode result = call(noSecret, ToolNames.GITHUB_LIST_ISSUES, Map.of());

    assertThat(isError(result)).isTrue();
    assertThat(text(result)).contains("credentials unavailable").contains(GitHubFixture.TOKEN_PARAM);
    assertThat(fixture.github.requests()).hasSize(before);
  }
}
