package com.incident.tools.chaos;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Outcome;
import com.incident.common.tool.result.ChaosCleanupResult.VerificationStatus;
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

  static final Map<String, Object> UI_CPU = Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu");

  @Test
  void removesTheStressWorkloadThatExplainsTheCpuAlarmAndChangesNothingElseInTheCluster() throws Exception {
    ClusterState before = ClusterState.of(client);

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE); var audit = new LogCapture("com.incident.tools.chaos.audit")) {
      result = call(config(5, RemediationMode.AUTO), UI_CPU);
      assertThat(audit.lines()).singleElement().satisfies(line -> assertThat(line).startsWith("chaos-audit")
          .contains("status=done", "mode=auto", "target=\"Deployment retail-store/cpu-stress\"", "manifest={"));
    }

    ClusterState after = ClusterState.of(client);
    assertThat(before.changedIn(after)).isNotEmpty().allMatch(k -> k.contains(NAMESPACE + "/cpu-stress"));
    assertThat(after.objects()).noneSatisfy((k, v) -> assertThat(k).contains("/cpu-stress"));

    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.outcome()).isEqualTo(Outcome.DONE);
    assertThat(report.actions()).extracting(ChaosCleanupResult.Action::scenario, ChaosCleanupResult.Action::action, ChaosCleanupResult.Action::name,
            ChaosCleanupResult.Action::status, a -> a.verification().status())
        .containsExactly(tuple(ChaosScenario.STRESS_WORKLOAD, ActionType.DELETE, "cpu-stress", ActionStatus.DONE, VerificationStatus.PODS_GONE));
    assertThat(report.actions().getFirst().undo().manifest()).containsEntry("kind", "Deployment");
    assertThat(report.leftAlone()).extracting(ChaosCleanupResult.LeftAlone::name, ChaosCleanupResult.LeftAlone::outOfScope)
        .containsExactlyInAnyOrder(tuple("catalog", true), tuple("carts", true), tuple("reports-batch", true));
    assertThat(result.text()).contains("chaos-cleanup done: 1 of 1 action(s) done", "Verified: pods gone (2/2)",
            "scope: namespace retail-store, workload ui, resource cpu", "out of scope: pods cannot pull their image")
        .doesNotContain("stress-test-ui", "node-stress", "payments");
    assertThat(result.text().getBytes(StandardCharsets.UTF_8)).as("compact model input").hasSizeLessThan(2500);
    assertThat(metrics.named("ChaosAction")).singleElement().satisfies(m -> assertThat(m.dimensions()).containsEntry("status", "done"));
  }

  @Test
  void rollsBackOnlyTheAlarmedWorkload() throws Exception {
    ClusterState before = ClusterState.of(client);

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      result = call(config(5, RemediationMode.AUTO), Map.of("namespace", NAMESPACE, "workload", "catalog"));
    }

    assertThat(before.changedIn(ClusterState.of(client))).containsExactly("Deployment retail-store/catalog");
    Deployment catalog = deployment(NAMESPACE, "catalog");
    assertThat(catalog.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image("catalog", RetailStoreCluster.VERSION));
    assertThat(catalog.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.actions()).singleElement().satisfies(a -> {
      assertThat(a.undo().previousImages()).containsEntry("catalog", BAD_CATALOG);
      assertThat(a.before()).contains("revision 3");
      assertThat(a.after()).contains("revision 2", image("catalog", RetailStoreCluster.VERSION));
      assertThat(a.verification().status()).isEqualTo(VerificationStatus.AVAILABLE);
    });
    assertThat(report.leftAlone()).anySatisfy(l -> {
      assertThat(l.name()).isEqualTo("cpu-stress");
      assertThat(l.reason()).endsWith("the alarm is not about CPU or memory, so it does not explain it");
    });
  }

  @Test
  void restoresTheAlarmedDeploymentAtZeroToTheCountInItsOwnHistory() throws Exception {
    ClusterState before = ClusterState.of(client);

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      result = call(config(5, RemediationMode.AUTO), Map.of("namespace", NAMESPACE, "workload", "carts", "scenarios", List.of("scaled-to-zero")));
    }

    assertThat(before.changedIn(ClusterState.of(client))).containsExactly("Deployment retail-store/carts");
    assertThat(deployment(NAMESPACE, "carts").getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment(NAMESPACE, "reports-batch").getSpec().getReplicas()).isZero();
    ChaosCleanupResult.Action a = ((ChaosCleanupResult) result.structured()).actions().getFirst();
    assertThat(a.after()).contains("replicas 2", "revision 1");
    assertThat(a.undo().previousReplicas()).isZero();
  }

  @Test
  void dryRunPlansAndChangesNothing() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(5, RemediationMode.AUTO), with(UI_CPU, "dry_run", true));

    assertThat(ClusterState.of(client)).isEqualTo(before);
    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(report.actions()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(ActionStatus.DRY_RUN);
      assertThat(a.reason()).isEqualTo("the call asked for dry_run");
      assertThat(a.verification()).isNull();
    });
    assertThat(result.text()).contains("dry run (the call asked for dry_run): 1 action(s) would be taken; nothing was changed");
    assertThat(metrics.named("ChaosAction")).allSatisfy(m -> assertThat(m.dimensions()).containsEntry("status", "dry-run"));
  }

  @Test
  void remediationModeDryRunWinsOverACallThatAsksToAct() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(5, RemediationMode.DRY_RUN), with(UI_CPU, "dry_run", false));

    assertThat(ClusterState.of(client)).isEqualTo(before);
    assertThat(result.text()).contains("dry run (REMEDIATION_MODE is dry-run)");
    assertThat(((ChaosCleanupResult) result.structured()).mode()).isEqualTo(RemediationMode.DRY_RUN);
  }

  @Test
  void remediationModeOffRefusesEveryActionWithTheReason() {
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(5, RemediationMode.OFF), with(UI_CPU, "dry_run", false));

    assertThat(ClusterState.of(client)).isEqualTo(before);
    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(report.actions()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(ActionStatus.REFUSED);
      assertThat(a.reason()).isEqualTo("REMEDIATION_MODE is off: remediation is switched off for this deployment");
    });
  }

  @Test
  void moreFaultsThanTheActionLimitDoesNothingAndSaysWhy() {
    cluster.stressDeployment(NAMESPACE, "cpu-stress-2");
    ClusterState before = ClusterState.of(client);

    ToolResult result = call(config(1, RemediationMode.AUTO), UI_CPU);

    assertThat(ClusterState.of(client)).isEqualTo(before);
    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(report.actions()).hasSize(2).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(ActionStatus.NOT_RUN);
      assertThat(a.reason()).isEqualTo("2 actions needed but at most 1 are allowed per call");
    });
    assertThat(result.text()).contains("NOTHING WAS DONE: 2 actions needed but at most 1 are allowed per call");
    assertThat(metrics.named("ChaosAction")).hasSize(2).allSatisfy(m -> assertThat(m.dimensions()).containsEntry("status", "not-run"));
  }

  @Test
  void aCallWithoutTheIncidentsScopeIsRejected() {
    ClusterState before = ClusterState.of(client);

    assertThatThrownBy(() -> call(config(5, RemediationMode.AUTO), Map.of("scenarios", List.of("stress-workload"))))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("Give the incident's scope: namespace (and workload or pod) and/or node");
    assertThat(ClusterState.of(client)).isEqualTo(before);
  }

  @Test
  void protectedNamespacesAreRefusedEvenWhenAllowlisted() {
    ClusterState before = ClusterState.of(client);

    assertThatThrownBy(() -> call(config(5, RemediationMode.AUTO), Map.of("namespace", "kube-system", "workload", "node-stress", "resource", "cpu")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("Nothing was done: namespace kube-system refused: protected platform namespace");
    assertThat(ClusterState.of(client)).isEqualTo(before);
  }

  @Test
  void namespacesOutsideTheAllowlistAreRefused() {
    assertThatThrownBy(() -> call(config(5, RemediationMode.AUTO), Map.of("namespace", "payments", "workload", "payments-api")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("namespace payments refused: not in the allowlist");
    assertThat(deployment("payments", "payments-api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example.com/payments-api:bad");
  }

  @Test
  void anEmptyAllowlistRefusesEveryCall() {
    assertThatThrownBy(() -> call(new Config(List.of("kube-system"), 5, RemediationMode.AUTO, Duration.ZERO), UI_CPU))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("Nothing was done: namespace retail-store refused: not in the allowlist");
    assertThatThrownBy(() -> call(new Config(List.of("kube-system"), 5, RemediationMode.AUTO, Duration.ZERO),
            Map.of("node", RetailStoreCluster.NODE, "resource", "cpu")))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("CHAOS_ALLOWED_NAMESPACES is empty or lists only protected namespaces");
  }

  @Test
  void aNodeAlarmScansTheAllowedNamespacesForLoadOnThatNodeOnly() {
    ToolResult result = call(config(5, RemediationMode.AUTO), Map.of("node", RetailStoreCluster.NODE, "resource", "cpu", "dry_run", true));

    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.namespaces()).containsExactly(NAMESPACE, "staging");
    assertThat(report.actions()).extracting(ChaosCleanupResult.Action::name).containsExactly("cpu-stress");
  }

  @Test
  void aMemoryStressJobIsDeletedForAMemoryAlarmButAStressSidecarInAnApplicationIsNot() throws Exception {
    cluster.stressJob(NAMESPACE, "memory-hog");
    cluster.stressSidecar(NAMESPACE, "recommendations");

    ToolResult result;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      result = call(config(5, RemediationMode.AUTO), Map.of("namespace", NAMESPACE, "workload", "orders", "resource", "memory",
          "scenarios", List.of("stress-workload")));
    }

    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.actions()).extracting(ChaosCleanupResult.Action::kind, ChaosCleanupResult.Action::name)
        .containsExactly(tuple("Job", "memory-hog"));
    assertThat(report.actions().getFirst().evidence()).contains("runs `stress-ng --vm 2 --vm-bytes 512M --timeout 1h` (stresses memory)")
        .doesNotContain("label");
    assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withName("memory-hog").get()).isNull();
    assertThat(deployment(NAMESPACE, "cpu-stress")).as("loads CPU, the alarm is about memory").isNotNull();
    assertThat(deployment(NAMESPACE, "recommendations")).isNotNull();
    assertThat(report.leftAlone()).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("recommendations");
      assertThat(s.reason()).endsWith("the alarm is about memory, which it does not load");
    });
    ChaosCleanupResult cpu = (ChaosCleanupResult) call(config(5, RemediationMode.AUTO), with(UI_CPU, "dry_run", true)).structured();
    assertThat(cpu.leftAlone()).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("recommendations");
      assertThat(s.outOfScope()).isFalse();
      assertThat(s.reason()).contains("application containers [recommendations]");
    });
  }

  @Test
  void verificationSaysWhenTheClusterHasNotRecoveredYet() {
    // No controllers run here, so nothing can recover; the short window only bounds the wait.
    ToolResult result = call(new Config(List.of(NAMESPACE), 5, RemediationMode.AUTO, Duration.ofMillis(300)),
        Map.of("namespace", NAMESPACE, "workload", "catalog"));

    ChaosCleanupResult report = (ChaosCleanupResult) result.structured();
    assertThat(report.actions()).singleElement().satisfies(a -> {
      assertThat(a.verification().status()).isEqualTo(VerificationStatus.TIMED_OUT);
      assertThat(a.verification().detail()).contains("not available yet", "2/2 available, 1/2 updated");
    });
    assertThat(result.text()).contains("NOT verified (timed out): not available yet after the verification window");
  }

  @Test
  void aCleanNamespaceSaysSo() {
    ToolResult result = call(config(5, RemediationMode.AUTO), Map.of("scenarios", List.of("bad-image"), "namespace", "staging", "workload", "ui"));

    assertThat(((ChaosCleanupResult) result.structured()).outcome()).isEqualTo(Outcome.CLEAN);
    assertThat(result.text()).startsWith("chaos-cleanup clean: no chaos fault related to the incident found");
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(base);
    out.put(key, value);
    return out;
  }

  private ToolResult call(Config config, Map<String, ?> args) {
    ChaosCleanup target = new ChaosCleanup(() -> client, config, metrics, Clock.systemUTC());
    ToolContext context = new ToolContext("sess-chaos-1", Clock.systemUTC().instant().plus(Duration.ofSeconds(40)), Clock.systemUTC());
    return target.call("chaos-cleanup", ToolArguments.of(args), context);
  }

  private static Config config(int maxActions, RemediationMode mode) {
    // kube-system is allowlisted on purpose: the hard denylist must still win.
    return new Config(List.of(NAMESPACE, "staging", "kube-system"), maxActions, mode, Duration.ofSeconds(20));
  }

  private Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }
}
