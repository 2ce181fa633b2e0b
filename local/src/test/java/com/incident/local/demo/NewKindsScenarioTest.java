package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of issue #21, end to end with the rule-based analyzer, on what makes each one: an orphan the suite
 * must see but cannot remove, a dependency outage behind a StatefulSet, and a fix of the wrong object that must not
 * be rewarded with a close. (ScenarioSuiteTest checks their expectations in both model modes.)
 */
class NewKindsScenarioTest {

  @Test
  void anOrphanedJobPodIsDiagnosedAndReportedButNotDeleted() {
    DemoResult r = run("orphaned-job-pod");

    assertThat(r.unmet()).isEmpty();
    assertThat(r.analyses().getFirst().topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(r.applied()).isEmpty();
    assertThat(chaosOutput(r)).as("chaos-cleanup saw the orphan and said why it left it")
        .contains("Pod default/stress-x9f2k: owner Job load-test not found");
    assertThat(r.issues()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("open"));
  }

  @Test
  void aFixOfTheWrongObjectDoesNotRecoverTheAlarmSoTheIssueIsNotClosed() {
    DemoResult r = run("wrong-fix");

    assertThat(r.unmet()).isEmpty();
    assertThat(r.applied()).extracting(DemoResult.Action::target).containsExactly("Job default/stress-probe");
    assertThat(r.changed()).containsExactly("Job default/stress-probe");
    assertThat(chaosOutput(r)).contains("DaemonSet stress-ng-node");
    assertThat(r.issues()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("open"));
  }

  @Test
  void aStatefulSetReplicaThatIsNotReadyBehindItsServiceIsADependencyFailure() {
    DemoResult r = run("statefulset-no-endpoints");

    assertThat(r.unmet()).isEmpty();
    assertThat(r.analyses().getFirst().topCategory()).isEqualTo(RootCauseCategory.DEPENDENCY_FAILURE);
    assertThat(r.changed()).isEmpty();
  }

  @Test
  void anAlarmStormIsDeliveredInOrderAndOnTimeAcrossAFix() throws Exception {
    ObjectNode storm = (ObjectNode) Json.tree(Files.readString(Path.of("..", "scenarios", "cpu-spike.json")));
    ObjectNode node = (ObjectNode) Json.tree(Files.readString(Path.of("..", "scenarios", "node-cpu-high.json"))).get("alarm");
    ObjectNode ok = ((ObjectNode) storm.get("alarm").deepCopy()).put("NewStateValue", "OK").put("OldStateValue", "ALARM");
    ArrayNode followUps = storm.putArray("followUps");
    followUps.addObject().put("afterMinutes", 7).set("alarm", node);
    followUps.addObject().put("afterMinutes", 9).set("alarm", ok);
    ((ObjectNode) storm.get("expected")).put("issues", 2);

    DemoResult r = Demo.run(ScenarioLoader.parse("storm.json", Json.write(storm)),
        Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(r.issues()).extracting(DemoResult.Issue::title).satisfiesExactly(
        t -> assertThat(t).contains("netaiops-cpu-spike"), t -> assertThat(t).contains("netaiops-node-cpu-high"));
    assertThat(r.applied()).as("the first incident was fixed before the second alarm").isNotEmpty();
    Instant first = alarmTime(r.issues().get(0).body());
    Instant second = alarmTime(r.issues().get(1).body());
    assertThat(Duration.between(first, second)).isEqualTo(Duration.ofMinutes(7));
  }

  private static Instant alarmTime(String issueBody) {
    Matcher m = Pattern.compile("\\| 발생 시각 \\| (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) KST").matcher(issueBody);
    assertThat(m.find()).as("the issue states when the alarm fired").isTrue();
    return LocalDateTime.parse(m.group(1).replace(' ', 'T')).atZone(java.time.ZoneId.of("Asia/Seoul")).toInstant();
  }

  private static DemoResult run(String name) {
    return Demo.run(ScenarioLoader.bundled(name), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static String chaosOutput(DemoResult r) {
    return String.join("\n", r.toolOutputs().stream().filter(t -> t.startsWith("chaos-cleanup")).toList());
  }
}
