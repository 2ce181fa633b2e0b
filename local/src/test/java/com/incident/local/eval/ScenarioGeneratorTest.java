package com.incident.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.local.eval.Expectation.AlarmShape;
import com.incident.local.eval.Expectation.Decoy;
import com.incident.local.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {
  private static final List<GeneratedIncident> SHIPPED = new ScenarioGenerator(ScenarioGenerator.SHIPPED_SEED).generate();
  /** Words that would name a cause. */
  private static final Set<String> CATEGORY_WORDS = categoryWords();

  @Test
  void theSameSeedGivesTheSameIncidents() {
    List<String> again = new ScenarioGenerator(ScenarioGenerator.SHIPPED_SEED).generate().stream().map(i -> Json.write(i.json())).toList();

    assertThat(again).isEqualTo(SHIPPED.stream().map(i -> Json.write(i.json())).toList());
  }

  @Test
  void anotherSeedGivesOtherNamesForTheSameTemplates() {
    List<GeneratedIncident> other = new ScenarioGenerator(7).generate();

    assertThat(other).extracting(i -> i.expectation().template())
        .isEqualTo(SHIPPED.stream().map(i -> i.expectation().template()).toList());
    assertThat(other).extracting(i -> i.json().path("alarm").path("AlarmName").asText())
        .isNotEqualTo(SHIPPED.stream().map(i -> i.json().path("alarm").path("AlarmName").asText()).toList());
  }

  @Test
  void generatesAtLeastFortyIncidentsWithUniqueNames() {
    assertThat(SHIPPED).hasSizeGreaterThanOrEqualTo(40);
    assertThat(SHIPPED).extracting(GeneratedIncident::name).doesNotHaveDuplicates();
  }

  @Test
  void coversEveryCategoryTheAnalyzerFindsAndUnknown() {
    assertThat(SHIPPED).extracting(i -> i.expectation().top1()).contains(RootCauseCategory.CPU_STRESS_WORKLOAD,
        RootCauseCategory.BAD_IMAGE_ROLLOUT, RootCauseCategory.SCALED_TO_ZERO, RootCauseCategory.MEMORY_LEAK_OOM,
        RootCauseCategory.APP_ERROR_AFTER_DEPLOY, RootCauseCategory.DEPENDENCY_FAILURE, RootCauseCategory.NODE_SATURATION,
        RootCauseCategory.UNKNOWN);
  }

  @Test
  void everyDecoyKindAndAlarmShapeIsPresent() {
    Set<Decoy> decoys = EnumSet.noneOf(Decoy.class);
    SHIPPED.forEach(i -> decoys.addAll(i.expectation().decoys()));

    assertThat(decoys).containsExactlyInAnyOrder(Decoy.values());
    assertThat(SHIPPED).extracting(i -> i.expectation().shape()).contains(AlarmShape.values());
  }

  @Test
  void alarmShapesAreWhatCloudWatchSends() {
    for (GeneratedIncident i : SHIPPED) {
      JsonNode alarm = i.json().path("alarm");
      switch (i.expectation().shape()) {
        case COMPOSITE -> assertThat(alarm.path("AlarmRule").asText()).as(i.name()).startsWith("ALARM(\"");
        case METRIC_MATH -> assertThat(alarm.path("Trigger").path("Metrics").findValuesAsText("Expression")).as(i.name())
            .containsExactly("(m1/m2)*100");
        case ANOMALY_BAND -> assertThat(alarm.path("Trigger").path("ThresholdMetricId").asText()).as(i.name()).isEqualTo("ad1");
        case SINGLE_METRIC -> assertThat(alarm.path("Trigger").path("Namespace").asText()).as(i.name()).isNotEmpty();
        case NON_KUBERNETES -> assertThat(alarm.path("Trigger").path("Namespace").asText()).as(i.name()).isNotEqualTo("ContainerInsights");
      }
    }
  }

  @Test
  void noObjectOrContainerIsNamedAfterACause() {
    for (GeneratedIncident i : SHIPPED) {
      for (String name : names(i.json())) {
        assertThat(CATEGORY_WORDS).as(i.name() + ": " + name).doesNotContain(name);
      }
    }
  }

  @Test
  void theObjectsARemediationChangesNeverCarryTheirCauseInTheirName() {
    for (GeneratedIncident i : SHIPPED) {
      for (String changed : i.expectation().changed()) {
        String name = changed.substring(changed.indexOf('/') + 1);
        assertThat(name).as(i.name()).doesNotContain("stress", "load", "chaos", "bad", "broken", "zero", "oom", "leak");
      }
    }
  }

  @Test
  void lookalikeNamesRunNginxAndLoadGeneratorsHaveInnocentNames() {
    GeneratedIncident lookalike = SHIPPED.stream().filter(i -> i.expectation().decoys().contains(Decoy.LOOKALIKE_NAME)).findFirst()
        .orElseThrow();
    List<JsonNode> stressNamed = objects(lookalike.json(), "Deployment").stream()
        .filter(d -> ScenarioGenerator.LOOKALIKE_NAMES.contains(d.path("metadata").path("name").asText())).toList();

    assertThat(stressNamed).isNotEmpty().allSatisfy(d -> assertThat(
        d.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText()).startsWith(
        "public.ecr.aws/nginx/nginx:"));
  }

  @Test
  void remediationIsExpectedOnlyWhereChaosCleanupMayAct() {
    for (GeneratedIncident i : SHIPPED) {
      Expectation e = i.expectation();
      assertThat(e.changed().isEmpty()).as(i.name()).isEqualTo(e.remediation() == ChaosScenario.NONE);
      if (e.decoys().contains(Decoy.STRESS_IN_KUBE_SYSTEM) || e.decoys().contains(Decoy.BAD_IMAGE_OUTSIDE_ALLOWED)
          || e.decoys().contains(Decoy.OVER_ACTION_LIMIT) || e.abstain()) {
        assertThat(e.changed()).as(i.name()).isEmpty();
      }
      assertThat(i.json().path("expected").path("rootCauseCategory").asText()).isEqualTo(e.top1().id());
    }
  }

  @Test
  void everyIncidentCarriesEventsPodLogsAndContainerCommands() {
    for (GeneratedIncident i : SHIPPED) {
      assertThat(objects(i.json(), "Event")).as(i.name()).isNotEmpty().allSatisfy(e -> {
        assertThat(e.path("firstTimestamp").asText()).endsWith("Z");
        assertThat(e.path("involvedObject").path("name").asText()).isNotEmpty();
      });
      assertThat(i.json().path("podLogs")).as(i.name()).isNotEmpty();
      assertThat(objects(i.json(), "Pod")).as(i.name()).anySatisfy(p -> assertThat(p.path("spec").path("containers").path(0)
          .has("command") || p.path("spec").path("containers").path(0).has("args")).isTrue());
    }
  }

  @Test
  void podLogsAndEventsReferToObjectsOfTheIncident() {
    for (GeneratedIncident i : SHIPPED) {
      Set<String> pods = new HashSet<>();
      Set<String> all = new HashSet<>();
      i.json().path("cluster").path("objects").forEach(o -> {
        all.add(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText());
        if (o.path("kind").asText().equals("Pod")) {
          pods.add(o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText());
        }
      });
      i.json().path("podLogs").forEach(l -> assertThat(pods).as(i.name()).contains(l.path("namespace").asText() + "/" + l.path("pod").asText()));
      objects(i.json(), "Event").forEach(e -> assertThat(all).as(i.name())
          .contains(e.path("involvedObject").path("kind").asText() + "/" + e.path("involvedObject").path("name").asText()));
    }
  }

  @Test
  void everyIncidentIsAValidScenarioFile() {
    for (GeneratedIncident i : SHIPPED) {
      ScenarioLoader.Lint lint = ScenarioLoader.lint(i.name() + ".json", Json.write(i.json()));

      assertThat(lint.problems()).as(i.name()).isEmpty();
    }
  }

  private static Set<String> categoryWords() {
    Set<String> words = new HashSet<>(List.of("stress", "oom", "leak", "zero", "bad-image", "saturation", "dependency", "chaos",
        "memory-leak", "crashloop", "unknown"));
    for (RootCauseCategory c : RootCauseCategory.values()) {
      words.add(c.id());
    }
    for (ChaosScenario s : ChaosScenario.values()) {
      words.add(s.id().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private static List<String> names(JsonNode scenario) {
    List<String> out = new ArrayList<>();
    scenario.path("cluster").path("objects").forEach(o -> {
      if (!o.path("kind").asText().equals("Event")) {
        out.add(o.path("metadata").path("name").asText());
      }
      o.path("spec").path("containers").forEach(c -> out.add(c.path("name").asText()));
      o.path("spec").path("template").path("spec").path("containers").forEach(c -> out.add(c.path("name").asText()));
    });
    return out;
  }

  private static List<JsonNode> objects(JsonNode scenario, String kind) {
    List<JsonNode> out = new ArrayList<>();
    scenario.path("cluster").path("objects").forEach(o -> {
      if (o.path("kind").asText().equals(kind)) {
        out.add(o);
      }
    });
    return out;
  }
}
