package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.RootCauseCategory;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  private static DemoResult run(String name) {
    return Demo.run(ScenarioLoader.bundled(name), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static String chaosOutput(DemoResult r) {
    return String.join("\n", r.toolOutputs().stream().filter(t -> t.startsWith("chaos-cleanup")).toList());
  }
}
