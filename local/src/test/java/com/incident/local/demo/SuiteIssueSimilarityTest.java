package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.LabelNames;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.SimilarIncidentsResult;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issue the whole suite wrote for a scenario (agent-runtime's issue and comments through the real gateway and
 * tools-github into the fake GitHub) is found again by github-find-similar-incidents, with the category it recorded,
 * and counts more once a person confirmed it with the label /feedback adds.
 */
class SuiteIssueSimilarityTest {

  @Test
  void theSuitesOwnClosedIssueIsFoundByItsRecordedCauseAndConfirmationRaisesIt() throws Exception {
    Scenario scenario = ScenarioLoader.bundled("cpu-spike");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Sandbox sandbox = Sandbox.start(scenario, Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE), quiet)) {
      for (Scenario.FollowUp n : scenario.notifications()) {
        sandbox.deliver(n, Demo.SESSION_TIMEOUT);
      }
      FakeGitHub.Issue issue = sandbox.github().issues().getFirst();
      assertThat(issue.state).as("the scenario recovers and closes its issue").isEqualTo("closed");
      Map<String, Object> query = Map.of("service", "ui", "symptoms", "ui 파드 CPU 사용률 급증", "category", "cpu-stress-workload");

      SimilarIncidentsResult.Match found = similar(sandbox, query);
      call(sandbox, ToolNames.GITHUB_UPDATE_ISSUE, Map.of("issue_number", issue.number, "add_labels", List.of(LabelNames.FEEDBACK_CORRECT)));
      SimilarIncidentsResult.Match confirmed = similar(sandbox, query);

      assertThat(found.number()).isEqualTo(issue.number);
      assertThat(found.rootCause()).startsWith("cpu-stress-workload");
      assertThat(found.breakdown().rootCause()).isEqualTo(15);
      assertThat(found.breakdown().service()).isEqualTo(40);
      assertThat(confirmed.breakdown().rootCause()).isEqualTo(20);
      assertThat(confirmed.score()).isGreaterThan(found.score());
      assertThat(confirmed.rootCause()).endsWith("(confirmed by /feedback)");
    }
  }

  private static SimilarIncidentsResult.Match similar(Sandbox sandbox, Map<String, Object> query) throws Exception {
    JsonNode r = call(sandbox, ToolNames.GITHUB_FIND_SIMILAR, query);
    SimilarIncidentsResult result = Json.MAPPER.convertValue(r.path("structuredContent"), SimilarIncidentsResult.class);
    assertThat(result.matches()).as(r.toString()).isNotEmpty();
    return result.matches().getFirst();
  }

  private static JsonNode call(Sandbox sandbox, String tool, Map<String, Object> arguments) throws Exception {
    byte[] event = Json.write(Map.of("method", "tools/call", "name", tool, "arguments", arguments, "sessionId", "sess-similar-1"))
        .getBytes(StandardCharsets.UTF_8);
    JsonNode r = sandbox.invoke("GitHubToolFunction", event, Demo.SESSION_TIMEOUT);
    assertThat(r.path("isError").asBoolean(false)).as(r.toString()).isFalse();
    return r;
  }
}
