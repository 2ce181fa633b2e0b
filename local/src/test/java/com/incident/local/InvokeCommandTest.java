package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Main main = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
  private final String testTemplate = Path.of("src/test/resources/runner-template.yaml").toAbsolutePath().toString();

  @TempDir
  Path tmp;

  @Test
  void printsTheHandlersResponseResolvingParametersAndPseudoParameters() throws Exception {
    int code = main.run(new String[] {"invoke", "EchoFunction", event("{}"), "--template", testTemplate, "--region", "eu-west-1"});

    assertThat(code).isZero();
    JsonNode out = Json.tree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(out.path("greeting").asText()).isEqualTo("hello");
    assertThat(out.path("stage").asText()).isEqualTo("incident-local-eu-west-1");
    assertThat(out.path("remainingPositive").asBoolean()).isTrue();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("stray print");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("stray print")
        .contains("TABLE refers to a deployed resource and is not set");
  }

  @Test
  void envVarsFileOverridesLikeSamLocal() throws Exception {
    Path env = tmp.resolve("env.json");
    Files.writeString(env, "{\"Parameters\":{\"GREETING\":\"annyeong\"},\"EchoFunction\":{\"STAGE\":\"test\",\"UNDECLARED\":\"x\"}}");

    int code = main.run(new String[] {"invoke", "EchoFunction", event("{}"), "--template", testTemplate, "--env-vars", env.toString()});

    assertThat(code).isZero();
    JsonNode out = Json.tree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(out.path("greeting").asText()).isEqualTo("annyeong");
    assertThat(out.path("stage").asText()).isEqualTo("test");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("ignoring UNDECLARED");
  }

  @Test
  void aThrowingHandlerPrintsTheLambdaErrorObjectAndExitsOne() throws Exception {
    int code = main.run(new String[] {"invoke", "EchoFunction", event("{\"boom\":true}"), "--template", testTemplate});

    assertThat(code).isEqualTo(1);
    JsonNode out = Json.tree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(out.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(out.path("errorMessage").asText()).isEqualTo("Downstream said no");
  }

  @Test
  void unknownFunctionsAndBadUsageExitTwo() throws Exception {
    assertThat(main.run(new String[] {"invoke", "NoSuchFunction", event("{}"), "--template", testTemplate})).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("no function 'NoSuchFunction'").contains("EchoFunction");
    assertThat(main.run(new String[] {"invoke", "EchoFunction"})).isEqualTo(2);
    assertThat(main.run(new String[] {"frobnicate"})).isEqualTo(2);
  }

  @Test
  void everyToolFunctionListsItsToolsFromTheSampleEvent() throws Exception {
    Map<String, ToolNames.Target> functions = Map.of(
        "ContainerInsightToolFunction", ToolNames.Target.CONTAINER_INSIGHT,
        "OpenSearchToolFunction", ToolNames.Target.OPENSEARCH,
        "DatadogToolFunction", ToolNames.Target.DATADOG,
        "GitHubToolFunction", ToolNames.Target.GITHUB,
        "ChaosToolFunction", ToolNames.Target.CHAOS,
        "KubernetesToolFunction", ToolNames.Target.KUBERNETES);
    String envVars = Repo.ROOT.resolve("local/env.json").toString();
    String event = Repo.ROOT.resolve("events/tool-list.json").toString();
    for (Map.Entry<String, ToolNames.Target> f : functions.entrySet()) {
      stdout.reset();
      int code = main.run(new String[] {"invoke", f.getKey(), event, "--env-vars", envVars,
          "--template", Repo.ROOT.resolve("template.yaml").toString()});
      assertThat(code).as(f.getKey() + ": " + stdout).isZero();
      JsonNode tools = Json.tree(stdout.toString(StandardCharsets.UTF_8)).path("tools");
      assertThat(tools.size()).as(f.getKey()).isPositive();
      tools.forEach(t -> assertThat(t.path("name").asText()).startsWith(f.getValue().prefix()));
    }
  }

  private String event(String json) throws Exception {
    Path file = tmp.resolve("event-" + System.nanoTime() + ".json");
    Files.writeString(file, json);
    return file.toString();
  }
}
