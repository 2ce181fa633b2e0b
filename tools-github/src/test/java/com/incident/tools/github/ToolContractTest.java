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
  void listsTheFiveGitHubToolsWithRealSchemasAndNoNetworkCall() {
    JsonNode result = GitHubFixture.invoke(fixture.handler(), "{\"method\":\"tools/list\"}");

    assertThat(result.path("tools")).extracting(t -> t.path("name").asText()).containsExactly(
        ToolNames.GITHUB_CREATE_ISSUE, ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_LIST_ISSUES,
        ToolNames.GITHUB_CLOSE_ISSUE, ToolNames.GITHUB_FIND_SIMILAR);
    JsonNode create = result.path("tools").path(0).path("inputSchema");
    assertThat(create.path("required")).extracting(JsonNode::asText).containsExactly("title", "body");
    assertThat(create.path("properties").path("title").has("maxLength")).as("long titles are shortened, not refused").isFalse();
    assertThat(create.path("properties").path("labels").path("maxItems").asInt()).isEqualTo(20);
    assertThat(result.path("tools").path(2).path("inputSchema").path("properties").path("limit").path("maximum").asInt()).isEqualTo(50);
    assertThat(result.path("tools").path(2).path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    assertThat(fixture.github.requests()).isEmpty();
  }

  @Test
  void malformedRequestGetsAClearErrorNotAStackTrace() {
    JsonNode result = GitHubFixture.invoke(fixture.handler(), "{not json");

    assertThat(GitHubFixture.isError(result)).isTrue();
    assertThat(GitHubFixture.text(result)).isEqualTo("Request body is not valid JSON").doesNotContain("Exception");
  }
}
