package com.incident.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final LintCommand lint = new LintCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
      new PrintStream(stderr, true, StandardCharsets.UTF_8));

  @Test
  void aFileWithProblemsListsThemAllAndExitsNonZero(@TempDir Path dir) throws Exception {
    ObjectNode s = ScenarioLoaderTest.valid();
    s.remove("description");
    ((ArrayNode) s.get("metrics").get(0).get("points")).addArray().add(-5).add(1.0);
    s.get("metrics").get(0).withObject("recoversWhen").put("kind", "Deployment").put("namespace", "shop")
        .put("name", "carts").put("state", "available");
    Path file = dir.resolve("mine.json");
    Files.writeString(file, Json.write(s));

    int code = lint.run(List.of(file.toString()));

    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(out).contains(file + ": 4 problem(s)")
        .contains("  - problem: $: required property 'description' not found")
        .contains("  - problem: $.metrics[0].points[2]: minute -5.0 does not come after 0.0")
        .contains("  - problem: $.metrics[0].recoversWhen: the series has no afterRemediation part")
        .contains("  - problem: $.metrics[0].recoversWhen: Deployment/shop/carts is not in cluster.objects");
  }

  @Test
  void anEventOrPodLogAboutSomethingTheFileDoesNotHaveNamesTheFileAndThePath(@TempDir Path dir) throws Exception {
    ObjectNode s = ScenarioLoaderTest.withPodAndEvent();
    ((ObjectNode) s.get("cluster").get("objects").get(1).get("involvedObject"))
        .put("kind", "Deployment").put("name", "orders");
    s.putArray("podLogs").addObject().put("namespace", "shop").put("pod", "orders-7d9c-x2k4p").put("container", "app")
        .putArray("current").add("started");
    Path file = dir.resolve("orders-oom.json");
    Files.writeString(file, Json.write(s));

    int code = lint.run(List.of(file.toString()));

    assertThat(code).isEqualTo(1);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(file + ": 2 problem(s)")
        .contains("  - problem: $.cluster.objects[1].involvedObject: Deployment/shop/orders is not in cluster.objects")
        .contains("  - problem: $.podLogs[0].container: Pod/shop/orders-7d9c-x2k4p has no container app (it has [orders])");
  }

  @Test
  void aShippedScenarioIsValidAndSaysWhatTheAnalyzerCannotRead() {
    int code = lint.run(List.of(Path.of("..", "scenarios", "statefulset-no-endpoints.json").toString()));

    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(out).containsPattern("statefulset-no-endpoints.json: valid, \\d+ note\\(s\\)")
        .contains("  - not read by the analyzer: $.cluster.objects[22]: no tool reads StatefulSet objects")
        .contains("  - not read by the analyzer: $.cluster.objects[24]: no tool reads Service objects")
        .doesNotContain("problem");
  }

  @Test
  void withoutAFileItIsAUsageError() {
    assertThat(lint.run(List.of())).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("scenario lint needs at least one scenario file");
  }
}
