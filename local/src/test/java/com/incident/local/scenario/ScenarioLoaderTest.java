package com.incident.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

public class ScenarioLoaderTest {
  static final java.util.List<String> BUNDLED = ScenarioLoader.BUNDLED;

  @ParameterizedTest
  @FieldSource("BUNDLED")
  void everyShippedScenarioValidatesAndNamesItsFile(String name) {
    Scenario s = ScenarioLoader.bundled(name);

    assertThat(s.name()).isEqualTo(name);
    assertThat(s.cluster().objects()).isNotEmpty();
    assertThat(s.metrics()).isNotEmpty();
    assertThat(s.logs()).isNotEmpty();
    assertThat(s.expected().rootCauseCategory()).isNotNull();
  }

  @Test
  void theShippedFilesInTheRepositoryAreTheOnesBundled() throws Exception {
    Path dir = Path.of("..", "scenarios");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> !f.equals("schema.json")))
          .containsExactlyInAnyOrderElementsOf(BUNDLED.stream().map(n -> n + ".json").toList());
    }
  }

  @Test
  void expectationsUseTheSharedVocabulary() {
    Scenario s = ScenarioLoader.bundled("pod-restarts");

    assertThat(s.expected().rootCauseCategory()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    assertThat(s.expected().remediation()).isEqualTo(ChaosScenario.BAD_IMAGE);
    assertThat(s.expected().closed()).isTrue();
    assertThat(s.expected().issueCount()).isEqualTo(1);
  }

  @Test
  void flappingDeliversThreeNotificationsOfOneAlarm() {
    Scenario s = ScenarioLoader.bundled("flapping");

    assertThat(s.notifications()).extracting(n -> n.alarm().path("NewStateValue").asText())
        .containsExactly("ALARM", "ALARM", "OK");
    assertThat(s.notifications()).extracting(Scenario.FollowUp::afterMinutes).containsExactly(0.0, 8.0, 14.0);
  }

  @Test
  void schemaErrorsNameEveryProblemWithItsPath() {
    ObjectNode s = valid();
    ((ObjectNode) s.get("expected")).put("rootCauseCategory", "gremlins");
    s.remove("description");

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("scenario mine.json is invalid")
        .hasMessageContaining("description")
        .hasMessageContaining("$.expected.rootCauseCategory");
  }

  @Test
  void pointsMustMoveForwardInTime() {
    ObjectNode s = valid();
    ArrayNode points = (ArrayNode) s.get("metrics").get(0).get("points");
    points.add(Json.MAPPER.createArrayNode().add(-5).add(1.0));

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .hasMessageContaining("$.metrics[0].points[2]: minute -5.0 does not come after 0.0");
  }

  @Test
  void aFollowUpMustBeTheSameAlarm() {
    ObjectNode s = valid();
    ObjectNode other = ((ObjectNode) s.get("alarm").deepCopy()).put("AlarmName", "someone-else");
    s.putArray("followUps").addObject().put("afterMinutes", 5).set("alarm", other);

    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", Json.write(s)))
        .hasMessageContaining("$.followUps[0].alarm.AlarmName: 'someone-else' is not the scenario's alarm");
  }

  @Test
  void brokenJsonSaysWhere() {
    assertThatThrownBy(() -> ScenarioLoader.parse("mine.json", "{\n  \"name\": \"x\",,\n}"))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 2");
  }

  @Test
  void aMissingFileOrUnknownNameIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ScenarioLoader.file(dir.resolve("nope.json"))).hasMessageContaining("file not found");
    assertThatThrownBy(() -> ScenarioLoader.bundled("nope")).hasMessageContaining("bundled: cpu-spike, pod-restarts");
  }

  @Test
  void aValidFileOfTheUsersOwnLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.json");
    Files.writeString(file, Json.write(valid()));

    assertThat(ScenarioLoader.file(file).name()).isEqualTo("mine");
  }

  public static ObjectNode valid() {
    ObjectNode s = Json.object().put("name", "mine").put("description", "my own incident");
    s.putObject("alarm").put("AlarmName", "my-alarm").put("NewStateValue", "ALARM");
    s.putObject("cluster").put("name", "c1").putArray("objects");
    ObjectNode m = s.putArray("metrics").addObject().put("metricName", "pod_cpu_utilization");
    m.putObject("dimensions").put("ClusterName", "c1");
    ArrayNode points = m.putArray("points");
    points.addArray().add(-1).add(10.0);
    points.addArray().add(0).add(95.0);
    s.putObject("expected").put("rootCauseCategory", "unknown").put("remediation", "none").put("closed", false);
    return s;
  }
}
