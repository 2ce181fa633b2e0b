package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every sample event (events/) run the way `invoke --sandbox` runs it, moved onto the sandbox clock: each one answers
 * with data, not "no data" or an error. The Datadog samples and the error summary need a scenario with Datadog data
 * and error logs (error-burst); the others describe the cpu-spike incident.
 */
class SampleEventsTest {
  static final Path EVENTS = Path.of("..", "events");
  /** What a tool says when its window holds nothing. */
  static final Pattern NO_DATA = Pattern.compile(
      "(?i)hits: 0 |not enough data|no datapoints|no spans matched|HTTP 5xx\\): 0\\b|no log lines");
  /**
   * No bundled scenario has Datadog metrics or APM spans (the local Datadog answers spans with an empty list), so
   * these two samples can only be checked for answering without an error until a scenario carries such data.
   */
  static final List<String> NO_SCENARIO_DATA = List.of("datadog-get-traces", "datadog-query-metrics");
  static final Predicate<String> NEEDS_ERROR_BURST = n -> n.contains("datadog") || n.contains("error-summary");

  @Test
  void everySampleEventAnswersWithDataInTheSandbox() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(EVENTS)) {
      // create-issue first: add-comment and close-issue act on the issue it opens (#1 in a fresh sandbox); alarms
      // last, as each re-anchors the sandbox clock at its own time.
      files = s.filter(p -> p.toString().endsWith(".json")).sorted(Comparator
          .comparing((Path p) -> !p.getFileName().toString().contains("create-issue"))
          .thenComparing(p -> p.getFileName().toString().startsWith("sns-"))
          .thenComparing(Path::toString)).toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    SoftAssertions softly = new SoftAssertions();
    run("cpu-spike", files.stream().filter(p -> !NEEDS_ERROR_BURST.test(p.getFileName().toString())).toList(), softly);
    run("error-burst", files.stream().filter(p -> NEEDS_ERROR_BURST.test(p.getFileName().toString())).toList(), softly);
    softly.assertAll();
  }

  private static void run(String scenario, List<Path> files, SoftAssertions softly) throws IOException {
    try (Sandbox sandbox = Sandbox.start(ScenarioLoader.bundled(scenario),
        Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        JsonNode response = sandbox.invoke(function(name), sandbox.onSandboxClock(Files.readAllBytes(file)),
            Duration.ofSeconds(120));
        for (String problem : problems(name, response)) {
          softly.fail("%s (scenario %s): %s%n%s", name, scenario, problem, Json.write(response));
        }
      }
    }
  }

  /** Why a response is not data: an error, an empty result, a tool saying its window is empty. */
  static List<String> problems(String name, JsonNode response) throws IOException {
    List<String> out = new ArrayList<>();
    JsonNode result = response;
    if (response.has("statusCode")) {
      JsonNode body = Json.tree(response.path("body").asText("{}"));
      if (name.startsWith("agent-")) {
        return response.path("statusCode").asInt() == 202 ? out : List.of("status " + response.path("statusCode"));
      }
      if (name.startsWith("github-")) {
        // The delivery is verified (re-signed with the sandbox's secret) and answered; its issue is none of the
        // sandbox's incidents, so the webhook acknowledges it without forwarding a command.
        int status = response.path("statusCode").asInt();
        return status == 200 || status == 202 ? out : List.of("status " + status + " " + body);
      }
      if (body.has("error") || !body.has("result")) {
        return List.of("JSON-RPC error " + body.path("error"));
      }
      result = body.path("result");
    }
    if (name.startsWith("sns-")) {
      if (response.path("results").isEmpty() || response.path("results").findValue("error") != null) {
        out.add("alarm-trigger handled nothing");
      }
      return out;
    }
    if (result.has("tools")) {
      return result.path("tools").isEmpty() ? List.of("no tools listed") : out;
    }
    if (result.has("protocolVersion")) {
      return out;
    }
    if (result.path("isError").asBoolean(true)) {
      out.add("isError");
    }
    if (NO_SCENARIO_DATA.stream().anyMatch(name::contains)) {
      return out;
    }
    String text = result.path("content").findValues("text").stream().map(JsonNode::asText).reduce("", String::concat);
    if (NO_DATA.matcher(text).find() || result.path("structuredContent").has("noDataReason")) {
      out.add("no data");
    }
    return out;
  }

  static String function(String name) {
    if (name.startsWith("sns-")) {
      return "AlarmTriggerFunction";
    }
    if (name.startsWith("mcp-")) {
      return "McpGatewayFunction";
    }
    if (name.startsWith("agent-")) {
      return "AgentRuntimeFunction";
    }
    if (name.startsWith("github-")) {
      return "GitHubWebhookFunction";
    }
    for (var target : java.util.Map.of("tool-container-insight", "ContainerInsightToolFunction", "tool-opensearch",
        "OpenSearchToolFunction", "tool-datadog", "DatadogToolFunction", "tool-github", "GitHubToolFunction",
        "tool-chaos", "ChaosToolFunction").entrySet()) {
      if (name.startsWith(target.getKey())) {
        return target.getValue();
      }
    }
    return "ContainerInsightToolFunction"; // tool-list.json: any tool function answers tools/list
  }
}
