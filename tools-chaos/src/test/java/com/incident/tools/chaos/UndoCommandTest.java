package com.incident.tools.chaos;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.kube.chaos.Planner;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import com.incident.tools.chaos.support.RecordingMetrics;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The undo chaos-cleanup reports for each action type, checked against the cluster it acted on (fabric8 mock API in
 * CRUD mode): the exact command, and that what the command restores is what the object was before the action.
 */
class UndoCommandTest {
  static final String BAD_CATALOG = RetailStoreCluster.IMAGE_REPO + "catalog:9.9.9-does-not-exist";

  private KubeMock kube;
  private KubernetesClient client;
  private RetailStoreCluster cluster;

  @BeforeEach
  void seed() {
    kube = KubeMock.start();
    client = kube.client();
    cluster = new RetailStoreCluster(client).seedApp(NAMESPACE);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void aDeletedStressDeploymentIsUndoneByApplyingItsManifestWhichReCreatesTheSameSpec() throws Exception {
    Deployment before = cluster.stressDeployment(NAMESPACE, "cpu-stress");

    ChaosCleanupResult.Action a = done(Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu"));

    assertThat(a.undo().command()).isEqualTo("kubectl -n retail-store apply -f manifest.yaml");
    assertThat(a.undo().revision()).isNull();
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("cpu-stress").get()).isNull();
    Deployment recreated = (Deployment) reapply(a.undo().manifest());
    assertThat(recreated.getSpec()).isEqualTo(before.getSpec());
  }

  @Test
  void aDeletedStressJobIsUndoneByApplyingAManifestTheApiServerAcceptsAsANewJob() throws Exception {
    Job before = cluster.stressJob(NAMESPACE, "memory-hog");

    ChaosCleanupResult.Action a = done(Map.of("namespace", NAMESPACE, "workload", "orders", "resource", "memory",
        "scenarios", List.of("stress-workload")));

    assertThat(a.kind()).isEqualTo("Job");
    assertThat(a.undo().command()).isEqualTo("kubectl -n retail-store apply -f manifest.yaml");
    assertThat(a.undo().manifest()).extractingByKey("spec").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKey("selector");
    Job recreated = (Job) reapply(a.undo().manifest());
    assertThat(recreated.getSpec().getTemplate().getSpec().getContainers())
        .isEqualTo(before.getSpec().getTemplate().getSpec().getContainers());
  }

  @Test
  void aDeletedBareStressPodIsUndoneByApplyingItsManifest() throws Exception {
    Pod before = client.resource(new PodBuilder()
        .withNewMetadata().withName("stress-once").withNamespace(NAMESPACE).addToLabels("run", "stress-once").endMetadata()
        .withNewSpec().withNodeName(RetailStoreCluster.NODE).addToContainers(new ContainerBuilder().withName("stress")
            .withImage("ghcr.io/colinianking/stress-ng:0.17.08").withArgs("--cpu", "2", "--timeout", "600s").build()).endSpec()
        .withNewStatus().withPhase("Running").addNewContainerStatus().withName("stress").withReady(true)
        .withNewState().withNewRunning().withStartedAt("2026-11-21T02:10:00Z").endRunning().endState().endContainerStatus()
        .endStatus().build()).create();

    ChaosCleanupResult.Action a = done(Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu",
        "scenarios", List.of("stress-workload")));

    assertThat(a.kind()).isEqualTo("Pod");
    assertThat(a.undo().command()).isEqualTo("kubectl -n retail-store apply -f manifest.yaml");
    Pod recreated = (Pod) reapply(a.undo().manifest());
    assertThat(recreated.getSpec().getContainers()).isEqualTo(before.getSpec().getContainers());
  }

  @Test
  void aRollbackIsUndoneByRollingBackToTheRevisionThatWasLiveBeforeItWhoseReplicaSetStillHoldsTheBadImage() throws Exception {
    Deployment before = cluster.badImageRollout(NAMESPACE, "catalog", BAD_CATALOG);

    ChaosCleanupResult.Action a = done(Map.of("namespace", NAMESPACE, "workload", "catalog", "scenarios", List.of("bad-image")));

    long liveRevision = Planner.revision(before);
    assertThat(a.undo().command()).isEqualTo("kubectl -n retail-store rollout undo deployment/catalog --to-revision=" + liveRevision);
    assertThat(liveRevision).isEqualTo(3);
    assertThat(a.undo().revision()).isEqualTo(liveRevision);
    // `rollout undo --to-revision=3` copies the pod template of the Deployment's ReplicaSet annotated revision 3.
    Deployment now = client.apps().deployments().inNamespace(NAMESPACE).withName("catalog").get();
    ReplicaSet target = Planner.history(now, client.apps().replicaSets().inNamespace(NAMESPACE).list().getItems()).stream()
        .filter(rs -> Planner.revision(rs) == liveRevision).findFirst().orElseThrow();
    assertThat(Planner.images(target.getSpec().getTemplate())).isEqualTo(Planner.images(before.getSpec().getTemplate()))
        .isEqualTo(a.undo().previousImages()).containsEntry("catalog", BAD_CATALOG);
    assertThat(Planner.images(now.getSpec().getTemplate())).isNotEqualTo(a.undo().previousImages());
  }

  @Test
  void aScaleUpIsUndoneByScalingBackToTheReplicasTheDeploymentHadBefore() throws Exception {
    Deployment before = cluster.scaleToZero(NAMESPACE, "carts");

    ChaosCleanupResult.Action a = done(Map.of("namespace", NAMESPACE, "workload", "carts", "scenarios", List.of("scaled-to-zero")));

    assertThat(a.undo().command()).isEqualTo("kubectl -n retail-store scale deployment/carts --replicas=0");
    assertThat(a.undo().previousReplicas()).isEqualTo(before.getSpec().getReplicas()).isZero();
    assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("carts").get().getSpec().getReplicas()).isEqualTo(2);
  }

  /**
   * kubectl parses every reported command: flags and arguments are checked before it contacts a server, so against an
   * address nobody listens on, a command kubectl accepts fails only on the connection.
   */
  @Test
  void kubectlAcceptsEveryReportedCommand() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed: the syntax check of the undo commands is SKIPPED");
    cluster.stressDeployment(NAMESPACE, "cpu-stress");
    cluster.badImageRollout(NAMESPACE, "catalog", BAD_CATALOG);
    cluster.scaleToZero(NAMESPACE, "carts");
    List<String> commands = List.of(
        done(Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu", "scenarios", List.of("stress-workload"))),
        done(Map.of("namespace", NAMESPACE, "workload", "catalog", "scenarios", List.of("bad-image"))),
        done(Map.of("namespace", NAMESPACE, "workload", "carts", "scenarios", List.of("scaled-to-zero"))))
        .stream().map(a -> a.undo().command()).toList();

    File dir = java.nio.file.Files.createTempDirectory("undo").toFile();
    java.nio.file.Files.writeString(dir.toPath().resolve("manifest.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    for (String command : commands) {
      assertThat(command).startsWith("kubectl -n retail-store ");
      List<String> argv = new ArrayList<>(Arrays.asList(command.split(" ")));
      argv.addAll(1, List.of("--server=http://127.0.0.1:1", "--request-timeout=2s"));
      Process p = new ProcessBuilder(argv).directory(dir).redirectErrorStream(true).start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).as(command).contains("connection refused")
          .doesNotContain("unknown flag", "unknown command", "required flag", "Usage:", "error: must");
    }
  }

  private ChaosCleanupResult.Action done(Map<String, ?> args) throws Exception {
    ChaosCleanupResult report;
    try (var controllers = ControllerSimulator.start(client, NAMESPACE)) {
      ChaosCleanup target = new ChaosCleanup(() -> client, new Config(List.of(NAMESPACE), 5, RemediationMode.AUTO,
          Duration.ofSeconds(20)), new RecordingMetrics(), Clock.systemUTC());
      report = (ChaosCleanupResult) target.call("chaos-cleanup", ToolArguments.of(args),
          new ToolContext("sess-undo", Clock.systemUTC().instant().plus(Duration.ofSeconds(40)), Clock.systemUTC())).structured();
    }
    assertThat(report.actions()).singleElement().extracting(ChaosCleanupResult.Action::status).isEqualTo(ActionStatus.DONE);
    return report.actions().getFirst();
  }

  /** What `kubectl apply -f manifest.yaml` does to an absent object: creates it from the manifest as written. */
  private HasMetadata reapply(Map<String, Object> manifest) {
    return client.resource(Json.write(manifest)).create();
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> new File(dir, program).canExecute());
  }
}
