package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.PermissionResult;
import com.incident.tools.github.fake.FakeGitHub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** github-get-permission against the fake's GET /repos/{o}/{r}/collaborators/{username}/permission. */
class PermissionTest {
  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void reportsTheGrantedRoleAndWhetherItMayWrite() {
    fixture.github.grant("alice", "admin");
    fixture.github.grant("Bob", "maintain");
    fixture.github.grant("carol", "write");
    fixture.github.grant("dave", "triage");
    fixture.github.grant("erin", "read");
    fixture.github.grantCustom("frank", "deployer", "write");
    fixture.github.grantCustom("grace", "auditor", "read");

    assertThat(permission("alice")).isEqualTo(new PermissionResult("alice", "admin", true));
    assertThat(permission("bob")).isEqualTo(new PermissionResult("bob", "maintain", true));
    assertThat(permission("carol")).isEqualTo(new PermissionResult("carol", "write", true));
    assertThat(permission("dave")).isEqualTo(new PermissionResult("dave", "triage", false));
    assertThat(permission("erin")).isEqualTo(new PermissionResult("erin", "read", false));
    assertThat(permission("frank")).isEqualTo(new PermissionResult("frank", "deployer", true));
    assertThat(permission("grace")).isEqualTo(new PermissionResult("grace", "auditor", false));
    assertThat(fixture.github.requests()).contains("GET /repos/acme/incidents/collaborators/carol/permission");
  }

  @Test
  void aLoginThatIsNotACollaboratorHasNone() {
    JsonNode result = call(handler, ToolNames.GITHUB_GET_PERMISSION, Map.of("login", "mallory"));

    assertThat(isError(result)).as(text(result)).isFalse();
    assertThat(permission("mallory")).isEqualTo(new PermissionResult("mallory", "none", false));
    assertThat(text(result)).contains("mallory has no access (not a collaborator)", "may approve a remediation: no");
  }

  @Test
  void aValueThatIsNoGitHubLoginIsRefusedWithoutARequest() {
    for (String bad : new String[] {"../admin", "-lead", "trail-", "a".repeat(40), "octo cat", "octocat[bot]", ""}) {
      JsonNode result = call(handler, ToolNames.GITHUB_GET_PERMISSION, Map.of("login", bad));

      assertThat(isError(result)).as(bad).isTrue();
      assertThat(text(result)).as(bad).contains("login").doesNotContain("java.");
    }
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void aRateLimitWithinTheBudgetIsWaitedOutAndAForbiddenAnswerSaysSo() {
    fixture.github.grant("carol", "write");
    fixture.github.enqueue(FakeGitHub.secondaryRateLimit(3));

    PermissionResult waited = permission("carol");
    fixture.github.enqueue(FakeGitHub.forbidden());
    JsonNode denied = call(handler, ToolNames.GITHUB_GET_PERMISSION, Map.of("login", "carol"));

    assertThat(waited.canWrite()).isTrue();
    assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(isError(denied)).isTrue();
    assertThat(text(denied)).contains("GitHub denied access (403", "read the repository permission of carol");
  }

  private PermissionResult permission(String login) {
    return OutputContractTest.conforming(handler, ToolNames.GITHUB_GET_PERMISSION, Map.of("login", login), PermissionResult.class);
  }
}
