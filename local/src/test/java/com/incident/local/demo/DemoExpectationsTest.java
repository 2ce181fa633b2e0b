package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario checker counts an action only when it was done, and holds the whole cluster to the expected changes. */
class DemoExpectationsTest {

  @Test
  void theV1RunThatScaledUpTheIntentionalZeroAndClosedIsNotMet() {
    DemoResult r = result(ScenarioLoader.bundled("intentional-zero"),
        List.of(new DemoResult.Action("scaled-to-zero", "Deployment", "default", "nightly-export", "scale", "done", null)),
        List.of("Deployment default/nightly-export"), "closed");

    assertThat(Demo.unmet(r)).contains(
        "expected exactly [Deployment default/catalog] to change in the cluster, changed: [Deployment default/nightly-export]",
        "chaos-cleanup changed Deployment default/nightly-export, which the scenario does not expect to change");
  }

  @Test
  void aDryRunOrRefusedActionIsNotARemediation() {
    DemoResult r = result(ScenarioLoader.bundled("cpu-spike"), List.of(
            new DemoResult.Action("stress-workload", "Deployment", "default", "stress-ng", "delete", "dry-run", "REMEDIATION_MODE is dry-run"),
            new DemoResult.Action("stress-workload", "Deployment", "default", "stress-ng", "delete", "refused", "REMEDIATION_MODE is off")),
        List.of(), "open");

    assertThat(Demo.unmet(r)).contains("expected remediation stress-workload done, done: []",
        "expected exactly [Deployment default/stress-ng] to change in the cluster, changed: []");
  }

  @Test
  void aChangeAnywhereElseInTheClusterFailsARunThatExpectsNoRemediation() {
    DemoResult r = result(ScenarioLoader.bundled("error-burst"), List.of(), List.of("Deployment default/checkout-canary"), "open");

    assertThat(Demo.unmet(r)).contains("expected exactly [] to change in the cluster, changed: [Deployment default/checkout-canary]");
  }

  @Test
  void jsonCarriesEachActionsRealStatusAndReason() {
    DemoResult r = result(ScenarioLoader.bundled("cpu-spike"), List.of(
        new DemoResult.Action("stress-workload", "Deployment", "default", "stress-ng", "delete", "not-run",
            "2 actions needed but at most 1 are allowed per call")), List.of(), "open");

    JsonNode json = DemoReport.json(r);

    assertThat(json.at("/remediation/actions/0/status").asText()).isEqualTo("not-run");
    assertThat(json.at("/remediation/actions/0/reason").asText()).isEqualTo("2 actions needed but at most 1 are allowed per call");
    assertThat(json.at("/remediation/changed").isEmpty()).isTrue();
    assertThat(json.path("expectedMet").asBoolean()).isFalse();
  }

  private static DemoResult result(Scenario s, List<DemoResult.Action> actions, List<String> changed, String state) {
    List<DemoResult.Issue> issues = List.of(new DemoResult.Issue(1, "[인시던트] " + s.alarmName(), state, List.of("incident"), "본문", List.of()));
    DemoResult draft = new DemoResult(s, "offline", issues, List.of(), actions, changed, List.of(),
        new DemoResult.Stats(0, 0, 0, 0, 0, 1), List.of(), List.of(), List.of());
    return new DemoResult(s, "offline", issues, List.of(), actions, changed, Demo.unmet(draft), draft.stats(), List.of(), List.of(),
        List.of());
  }
}
