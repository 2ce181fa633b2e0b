package com.incident.tools.chaos;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import com.incident.tools.chaos.support.LogCapture;
import com.incident.tools.chaos.support.RecordingMetrics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChaosCleanupTest {
  static final String BAD_CATALOG = RetailStoreCluster.IMAGE_REPO + "catalog:9.9.9-does-not-exist";

  private final RecordingMetrics metrics = new RecordingMetrics();
  private KubeMock kube;
  private KubernetesClient client;
  private RetailStoreCluster cluster;

  @BeforeEach
  void seedRetailStoreWithFaultsAndDecoys() {
    kube = KubeMock.start();
    client = kube.client();
    cluster = new RetailStoreCluster(client).seedApp(NAMESPACE);
    cluster.stressDeployment(NAMESPACE, "cpu-stress");
    cluster.badImageRollout(NAMESPACE, "catalog", BAD_CATALOG);
    cluster.scaleToZero(NAMESPACE, "carts");
    cluster.stressInKubeSystem();
    cluster.lookalike(NAMESPACE);
    cluster.intentionallyZero(NAMESPACE);
    cluster.workload("payments", "payments-api", Map.of("app.kubernetes.io/name", "payments-api"), 2, List.of(
        List.of(RetailStoreCluster.appContainer("api", "example.com/payments-api:2.0.0")),
        List.of(RetailStoreCluster.appContainer("api", "example.com/payments-api:2.1.0"))));
    cluster.badImageRollout("payments", "payments-api", "example.com/payments-api:bad");
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void removesTheThreeFaultsAndChangesNothingElse() throws Exception {
    ClusterState before = ClusterState.of(client);

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE); var audit = new LogCapture("com.incident.tools.chaos.audit")) {
      result = call(config(5, false), Map.of());
      assertThat(audit.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("chaos-audit").contains("status=done"));
      assertThat(audit.lines().get(0)).contains("target=\"Deployment retail-store/cpu-stress\"", "manifest={");
    }

    ClusterState after = ClusterState.of(client);
    assertThat(before.changedIn(after))
        .allMatch(k -> k.contains("/cpu-stress") || k.equals("Deployment retail-store/catalog") || k.equals("Deployment retail-store/carts"))
        .contains("Deployment retail-store/cpu-stress", "Deployment retail-store/catalog", "Deployment retail-store/carts");
    assertThat(after.objects()).noneSatisfy((k, v) -> assertThat(k).contains("/cpu-stress"));

    Deployment catalog = deployment(NAMESPACE, "catalog");
    assertThat(catalog.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image("catalog", RetailStoreCluster.VERSION));
    assertThat(catalog.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
    assertThat(deployment(NAMESPACE, "carts").getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment(NAMESPACE, "reports-batch").getSpec().getReplicas()).isZero();
    assertThat(deployment("payments", "payments-api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example.com/payments-api:bad");
    assertThat(deployment("kube-system", "node-stress")).isNotNull();

    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.outcome()).isEqualTo("done");
    assertThat(report.actions()).extracting(ChaosReport.Action::scenario, ChaosReport.Action::action, ChaosReport.Action::name,
            ChaosReport.Action::status, a -> a.verification().status())
        .containsExactly(
            tuple("stress-workload", "delete", "cpu-stress", "done", "pods-gone"),
            tuple("bad-image", "rollback", "catalog", "done", "available"),
            tuple("scaled-to-zero", "scale", "carts", "done", "available"));
    assertThat(report.actions().get(0).undo().manifest()).containsEntry("kind", "Deployment");
    assertThat(report.actions().get(1).undo().previousImages()).containsEntry("catalog", BAD_CATALOG);
    assertThat(report.actions().get(1).before()).contains("revision 3");
    assertThat(report.actions().get(1).after()).contains("revision 2", image("catalog", RetailStoreCluster.VERSION));
    assertThat(report.actions().get(2).after()).contains("replicas 2", "revision 1");
    assertThat(report.actions().get(2).undo().previousReplicas()).isZero();
    assertThat(report.leftAlone()).extracting(ChaosReport.LeftAlone::name).containsExactly("reports-batch");
    assertThat(result.text()).contains("chaos-cleanup done: 3 of 3 action(s) done", "Verified: pods gone (2/2)",
            "Verified: Deployment available (2/2 available, 2/2 updated)")
        .doesNotContain("stress-test-ui", "node-stress", "payments");
    assertThat(result.text().getBytes(StandardCharsets.UTF_8)).as("compact model input").hasSizeLessThan(2500);
    assertThat(metrics.named("ChaosAction")).hasSize(3)
        .allSatisfy(m -> assertThat(m.dimensions()).containsEntry("status", "done"));
  }

  @Test
  void dryRunPlansEverythingAndChangesNothing() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(5, false), Map.of("dry_run", true));

    assertThat(ClusterState.of(client)).isEqualTo(before);
    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.outcome()).isEqualTo("planned");
    assertThat(report.actions()).hasSize(3).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo("planned");
      assertThat(a.verification()).isNull();
    });
    assertThat(result.text()).contains("dry run (dry_run=true): 3 action(s) would be taken; nothing was changed");
    assertThat(metrics.named("ChaosAction")).allSatisfy(m -> assertThat(m.dimensions()).containsEntry("status", "planned"));
  }

  @Test
  void globalDryRunWinsOverACallThatAsksToAct() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(new Config(List.of(NAMESPACE), 5, true, Duration.ZERO), Map.of("dry_run", false));

    assertThat(ClusterState.of(client)).isEqualTo(before);
    assertThat(result.text()).contains("dry run (global CHAOS_DRY_RUN)");
  }

  @Test
  void moreFaultsThanTheActionLimitDoesNothingAndSaysWhy() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(2, false), Map.of());

    assertThat(ClusterState.of(client)).isEqualTo(before);
    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.outcome()).isEqualTo("refused");
    assertThat(report.actions()).hasSize(3).allSatisfy(a -> assertThat(a.status()).isEqualTo("not-run"));
    assertThat(result.text()).contains("NOTHING WAS DONE: 3 actions needed but at most 2 are allowed per call");
    assertThat(metrics.named("ChaosAction")).hasSize(3).allSatisfy(m -> assertThat(m.dimensions()).containsEntry("status", "not-run"));
  }

  @Test
  void narrowingTheScenariosBringsTheCallUnderTheLimit() throws Exception {
    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      result = call(config(2, false), Map.of("scenarios", List.of("stress-workload", "scaled-to-zero")));
    }

    assertThat(((ChaosReport) result.structured()).actions()).extracting(ChaosReport.Action::name).containsExactly("cpu-stress", "carts");
    assertThat(deployment(NAMESPACE, "cpu-stress")).isNull();
    assertThat(deployment(NAMESPACE, "catalog").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(BAD_CATALOG);
  }

  @Test
  void protectedNamespacesAreRefusedEvenWhenAllowlisted() {
    ClusterState before = ClusterState.of(client);

    assertThatThrownBy(() -> call(config(5, false), Map.of("namespaces", List.of("kube-system"))))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("Nothing was done: namespace kube-system refused: protected platform namespace");
    assertThat(ClusterState.of(client)).isEqualTo(before);
  }

  @Test
  void namespacesOutsideTheAllowlistAreRefused() {
    assertThatThrownBy(() -> call(config(5, false), Map.of("namespaces", List.of("payments"))))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("namespace payments refused: not in the allowlist");
    assertThat(deployment("payments", "payments-api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example.com/payments-api:bad");
  }

  @Test
  void aMixedRequestScansTheAllowedNamespaceAndReportsTheRefusedOnes() {
    ToolResult result = call(config(5, false), Map.of("namespaces", List.of(NAMESPACE, "kube-system", "payments"), "dry_run", true));

    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.namespaces()).containsExactly(NAMESPACE);
    assertThat(report.rejectedNamespaces()).extracting(r -> r.namespace()).containsExactly("kube-system", "payments");
    assertThat(result.text()).contains("refused kube-system", "refused payments");
  }

  @Test
  void anEmptyAllowlistRefusesEveryCall() {
    assertThatThrownBy(() -> call(new Config(List.of("kube-system"), 5, false, Duration.ZERO), Map.of()))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("CHAOS_ALLOWED_NAMESPACES is empty or lists only protected namespaces");
  }

  @Test
  void stressJobsAndBarePodsAreDeletedButAStressSidecarInAnApplicationIsNot() throws Exception {
    cluster.stressJob(NAMESPACE, "memory-hog");
    cluster.stressSidecar(NAMESPACE, "recommendations");

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      result = call(config(5, false), Map.of("scenarios", List.of("stress-workload")));
    }

    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.actions()).extracting(ChaosReport.Action::kind, ChaosReport.Action::name)
        .containsExactly(tuple("Deployment", "cpu-stress"), tuple("Job", "memory-hog"));
    assertThat(report.actions().get(1).evidence()).contains("labelled app=chaos-test");
    assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withName("memory-hog").get()).isNull();
    assertThat(client.pods().inNamespace(NAMESPACE).withLabel("job-name", "memory-hog").list().getItems()).isEmpty();
    assertThat(deployment(NAMESPACE, "recommendations")).isNotNull();
    assertThat(report.leftAlone()).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("recommendations");
      assertThat(s.reason()).contains("application containers [recommendations]");
    });
  }

  @Test
  void verificationSaysWhenTheClusterHasNotRecoveredYet() {
    // No controllers run here, so nothing can recover; the short window only bounds the wait.
    ToolResult result = call(new Config(List.of(NAMESPACE), 5, false, Duration.ofMillis(300)), Map.of());

    ChaosReport report = (ChaosReport) result.structured();
    assertThat(report.actions()).allSatisfy(a -> assertThat(a.verification().status()).isEqualTo("timed-out"));
    assertThat(report.actions().get(0).verification().detail()).contains("2 of 2 pods still present");
    assertThat(report.actions().get(1).verification().detail()).contains("not available yet", "2/2 available, 1/2 updated");
    assertThat(report.actions().get(2).verification().detail()).contains("0/2 available");
    assertThat(result.text()).contains("NOT verified (timed out): after the verification window");
  }

  @Test
  void aCleanNamespaceSaysSo() {
    ToolResult result = call(config(5, false), Map.of("scenarios", List.of("bad-image"), "namespaces", List.of("staging")));

    assertThat(((ChaosReport) result.structured()).outcome()).isEqualTo("clean");
    assertThat(result.text()).startsWith("chaos-cleanup clean: no chaos fault found");
  }

  private ToolResult call(Config config, Map<String, ?> args) {
    ChaosCleanup target = new ChaosCleanup(() -> client, config, metrics, Clock.systemUTC());
    ToolContext context = new ToolContext("sess-chaos-1", Clock.systemUTC().instant().plus(Duration.ofSeconds(40)), Clock.systemUTC());
    return target.call("chaos-cleanup", ToolArguments.of(args), context);
  }

  private static Config config(int maxActions, boolean dryRun) {
    // kube-system is allowlisted on purpose: the hard denylist must still win.
    return new Config(List.of(NAMESPACE, "staging", "kube-system"), maxActions, dryRun, dryRun ? Duration.ZERO : Duration.ofSeconds(20));
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }
}
