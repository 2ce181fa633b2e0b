package com.incident.tools.chaos;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.RemediationMode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.Outcome;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import com.incident.tools.chaos.support.LogCapture;
import com.incident.tools.chaos.support.RecordingMetrics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan hash is the approval's subject, enforced by the tool on the fabric8 mock in CRUD mode: the approved plan
 * runs only when a fresh plan is identical, and REMEDIATION_MODE approval never acts without one.
 */
class PlanApprovalTest {
  static final Map<String, Object> UI_CPU = Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu",
      "scenarios", List.of("stress-workload"));
  static final Map<String, Object> CATALOG = Map.of("namespace", NAMESPACE, "workload", "catalog",
      "scenarios", List.of("bad-image"));

  private final RecordingMetrics metrics = new RecordingMetrics();
  private KubeMock kube;
  private KubernetesClient client;

  @BeforeEach
  void seed() {
    kube = KubeMock.start();
    client = kube.client();
    RetailStoreCluster cluster = new RetailStoreCluster(client).seedApp(NAMESPACE);
    cluster.stressDeployment(NAMESPACE, "cpu-stress");
    cluster.badImageRollout(NAMESPACE, "catalog", RetailStoreCluster.IMAGE_REPO + "catalog:9.9.9-does-not-exist");
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void anIdenticalReplanRunsTheApprovedPlanAndNamesTheApprover() throws Exception {
    ChaosCleanupResult plan = report(call(with(UI_CPU, "dry_run", true)));
    ClusterState before = ClusterState.of(client);

    ChaosCleanupResult done;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE);
        var audit = new LogCapture("com.incident.tools.chaos.audit")) {
      done = report(call(approved(UI_CPU, plan.planHash(), "alice")));
      assertThat(audit.lines()).singleElement().satisfies(line -> assertThat(line)
          .contains("status=done", "mode=approval", "approved_by=alice", "target=\"Deployment retail-store/cpu-stress\""));
    }

    assertThat(done.outcome()).isEqualTo(Outcome.DONE);
    assertThat(done.planHash()).isEqualTo(plan.planHash());
    assertThat(done.actions()).singleElement().returns(ActionStatus.DONE, ChaosCleanupResult.Action::status);
    assertThat(before.changedIn(ClusterState.of(client))).isNotEmpty()
        .allMatch(k -> k.contains(NAMESPACE + "/cpu-stress"));
  }

  @Test
  void theSamePlanHasTheSameHashAndADifferentPlanAnother() {
    String first = report(call(with(UI_CPU, "dry_run", true))).planHash();

    assertThat(first).matches(PlanHash.PATTERN);
    assertThat(report(call(with(UI_CPU, "dry_run", true))).planHash()).isEqualTo(first);
    assertThat(report(call(with(CATALOG, "dry_run", true))).planHash()).isNotEqualTo(first);
  }

  @Test
  void aScaledObjectBetweenPlanAndApprovalRefusesAndChangesNothing() {
    ChaosCleanupResult plan = report(call(with(UI_CPU, "dry_run", true)));
    Deployment stress = deployment("cpu-stress");
    client.resource(new DeploymentBuilder(stress).editSpec().withReplicas(3).endSpec().build()).update();
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(approved(UI_CPU, plan.planHash(), "alice"));

    ChaosCleanupResult refused = report(result);
    assertThat(refused.outcome()).isEqualTo(Outcome.PLAN_CHANGED);
    assertThat(refused.planHash()).isNotEqualTo(plan.planHash());
    assertThat(refused.actions()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(ActionStatus.NOT_RUN);
      assertThat(a.reason()).startsWith("the plan changed since it was approved");
    });
    assertThat(result.text()).contains("NOTHING WAS DONE: the plan changed since it was approved");
    assertThat(ClusterState.of(client)).isEqualTo(before);
    assertThat(deployment("cpu-stress").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void aNewImageBetweenPlanAndApprovalRefusesTheRollback() {
    ChaosCleanupResult plan = report(call(with(CATALOG, "dry_run", true)));
    assertThat(plan.actions()).singleElement().returns(ChaosCleanupResult.ActionType.ROLLBACK, ChaosCleanupResult.Action::action);
    Deployment catalog = deployment("catalog");
    catalog.getSpec().getTemplate().getSpec().getContainers().getFirst()
        .setImage(RetailStoreCluster.IMAGE_REPO + "catalog:9.9.10-also-missing");
    client.resource(catalog).update();
    ClusterState before = ClusterState.of(client);

    ChaosCleanupResult refused = report(call(approved(CATALOG, plan.planHash(), "alice")));

    assertThat(refused.outcome()).isEqualTo(Outcome.PLAN_CHANGED);
    assertThat(ClusterState.of(client)).isEqualTo(before);
  }

  @Test
  void approvalModeRefusesToActWithoutAnApprovedPlanButStillPlans() {
    ClusterState before = ClusterState.of(client);

    ToolResult refused = call(with(UI_CPU, "dry_run", false));
    ChaosCleanupResult planned = report(call(with(UI_CPU, "dry_run", true)));

    assertThat(report(refused).outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(report(refused).actions()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(ActionStatus.REFUSED);
      assertThat(a.reason()).startsWith("REMEDIATION_MODE is approval: only an approved plan runs");
    });
    assertThat(refused.text()).contains("NOTHING WAS DONE: REMEDIATION_MODE is approval");
    assertThat(planned.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(ClusterState.of(client)).isEqualTo(before);
  }

  @Test
  void anApprovedPlanThatFoundNothingAnymoreIsAChangedPlan() {
    ChaosCleanupResult plan = report(call(with(UI_CPU, "dry_run", true)));
    client.apps().deployments().inNamespace(NAMESPACE).withName("cpu-stress").delete();

    ChaosCleanupResult refused = report(call(approved(UI_CPU, plan.planHash(), "alice")));

    assertThat(refused.outcome()).isEqualTo(Outcome.PLAN_CHANGED);
    assertThat(refused.actions()).isEmpty();
  }

  private static Map<String, Object> approved(Map<String, Object> scope, String hash, String login) {
    Map<String, Object> out = new LinkedHashMap<>(scope);
    out.put("expected_plan_hash", hash);
    out.put("approved_by", login);
    return out;
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    out.put(key, value);
    return out;
  }

  private ToolResult call(Map<String, ?> args) {
    ChaosCleanup target = new ChaosCleanup(() -> client,
        new Config(List.of(NAMESPACE), 5, RemediationMode.APPROVAL, Duration.ofSeconds(20)), metrics, Clock.systemUTC());
    ToolContext context = new ToolContext("sess-approval-1", Clock.systemUTC().instant().plus(Duration.ofSeconds(40)),
        Clock.systemUTC());
    return target.call("chaos-cleanup", ToolArguments.of(args), context);
  }

  private static ChaosCleanupResult report(ToolResult result) {
    return (ChaosCleanupResult) result.structured();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }
}
