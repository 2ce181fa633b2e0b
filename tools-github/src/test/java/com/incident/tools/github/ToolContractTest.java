package com.incident.tools.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolContractTest {
  private final GitHubFixture fixture = new GitHubFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void listsTheSevenGitHubToolsWithRealSchemasAndNoNetworkCall() {
    JsonNode result = GitHubFixture.invoke(fixture.handler(), "{\"method\":\"tools/list\"}");

    assertThat(result.path("tools")).extracting(t -> t.path("name").asText()).containsExactly(
        ToolNames.GITHUB_CREATE_ISSUE, ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_LIST_ISSUES,
        ToolNames.GITHUB_CLOSE_ISSUE, ToolNames.GITHUB_FIND_SIMILAR, ToolNames.GITHUB_UPDATE_ISSUE, ToolNames.GITHUB_GET_PERMISSION);
    JsonNode create = result.path("tools").path(0).path("inputSchema");
    assertThat(create.path("required")).extracting(JsonNode::asText).containsExactly("title", "body");
    assertThat(create.path("properties").path("title").has("maxLength")).as("long titles are shortened, not refused").isFalse();
    assertThat(create.path("properties").path("labels").path("maxItems").asInt()).isEqualTo(20);
    assertThat(result.path("tools").path(2).path("inputSchema").path("properties").path("limit").path("maximum").asInt()).isEqualTo(50);
    assertThat(result.path("tools").path(2).path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    assertThat(result.path("tools").path(5).path("inputSchema").path("required")).extracting(JsonNode::asText).containsExactly("issue_number");
    assertThat(result.path("tools").path(5).path("inputSchema").path("properties").path("comment_id").path("maximum").asLong())
        .as("comment ids pass the int range").isGreaterThan(Integer.MAX_VALUE);
    assertThat(result.path("tools").path(5).path("annotations").path("readOnlyHint").asBoolean()).isFalse();
    assertThat(result.path("tools").path(6).path("outputSchema").path("properties").has("canWrite")).isTrue();
    assertThat(result.path("tools").path(6).path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void anIssueNumberBeyondTheIntRangeIsAnArgumentErrorAndNeverReachesGitHub() throws Exception {
    for (String tool : new String[] {ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_CLOSE_ISSUE, ToolNames.GITHUB_UPDATE_ISSUE}) {
      for (String bad : new String[] {"4294967297", "2147483648", "1.5", "0", "-1", "1e400"}) {
        JsonNode result = GitHubFixture.invoke(fixture.handler(), "{\"method\":\"tools/call\",\"name\":\"" + tool
            + "\",\"arguments\":{\"issue_number\":" + bad + "},\"sessionId\":\"sess-test-1\"}");

        assertThat(GitHubFixture.isError(result)).as(tool + " " + bad).isTrue();
        assertThat(GitHubFixture.text(result)).as(tool + " " + bad).contains("issue_number")
            .doesNotContain("internal error").doesNotContain("java.");
      }
    }
    JsonNode overflow = GitHubFixture.call(fixture.handler(), ToolNames.GITHUB_ADD_COMMENT,
        java.util.Map.of("issue_number", 4294967297L, "body", "x"));
    assertThat(GitHubFixture.text(overflow)).contains("2147483647");
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void malformedRequestGetsAClearErrorNotAStackTrace() {
    JsonNode result = GitHubFixture.invoke(fixture.handler(), "{not json");

    assertThat(GitHubFixture.isError(result)).isTrue();
    assertThat(GitHubFixture.text(result)).isEqualTo("Request body is not valid JSON").doesNotContain("Exception");
  }
}
