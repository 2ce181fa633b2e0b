package com.incident.kube.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final String NS = "shop";
  private final List<Pod> pods = new ArrayList<>();
  private final List<Deployment> deployments = new ArrayList<>();
  private final List<ReplicaSet> replicaSets = new ArrayList<>();
  private final List<Job> jobs = new ArrayList<>();
  private final List<HorizontalPodAutoscaler> hpas = new ArrayList<>();

  static final String NODE = "ip-10-0-1-23.us-west-2.compute.internal";
  static final IncidentScope UI_CPU = new IncidentScope(NS, "ui", null, null, Resource.CPU);

  @Test
  void anotherToolsAnnotationIsNeverTheReplicaCountButLastAppliedIs() {
    Deployment applied = deployment("orders", 0, "orders:2", Map.of("kubectl.kubernetes.io/last-applied-configuration",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":4}}"));
    replicaSet(applied, 1, "orders:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "3"));

    assertThat(Planner.restoreReplicas(applied, snapshot()))
        .hasValue(new Planner.Restore(4, "its kubectl.kubernetes.io/last-applied-configuration"));
  }

  @Test
  void thenFromTheNewestReplicaSetThatRecordsANonZeroDesiredCount() {
    Deployment d = deployment("orders", 0, "orders:2", Map.of());
    replicaSet(d, 1, "orders:1", 0, Map.of("deployment.kubernetes.io/desired-replicas", "2"));
    replicaSet(d, 2, "orders:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "0"));

    assertThat(Planner.restoreReplicas(d, snapshot())).hasValueSatisfying(r -> {
      assertThat(r.replicas()).isEqualTo(2);
      assertThat(r.source()).contains("revision 1");
    });
  }

  @Test
  void withoutATrustworthyCountItDoesNotGuess() {
    Deployment d = deployment("catalog", 0, "catalog:2", Map.of("incident.chaos/original-replicas", "9"));
    replicaSet(d, 1, "catalog:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "0"));

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.SCALED_TO_ZERO), new IncidentScope(NS, "catalog", null, null, null));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).singleElement().satisfies(s -> {
      assertThat(s.outOfScope()).isFalse();
      assertThat(s.reason()).startsWith("no trustworthy replica count in its own history");
    });
  }

  @Test
  void nightlyExportAtAnIntentionalZeroIsOutOfScopeAndCatalogIsRestoredFromItsOwnHistory() {
    Deployment export = deployment("nightly-export", 0, "export:1", Map.of("downscaler/original-replicas", "3",
        "downscaler/downtime", "Mon-Fri 08:00-20:00 Asia/Seoul"));
    replicaSet(export, 1, "export:1", 0, Map.of("deployment.kubernetes.io/desired-replicas", "0"));
    Deployment catalog = deployment("catalog", 0, "catalog:2", Map.of());
    replicaSet(catalog, 1, "catalog:1", 0, Map.of("deployment.kubernetes.io/desired-replicas", "2"));
    replicaSet(catalog, 2, "catalog:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "0"));

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.SCALED_TO_ZERO), new IncidentScope(NS, "catalog", null, null, null));

    assertThat(plan.actions()).singleElement().satisfies(a -> {
      assertThat(a.target().name()).isEqualTo("catalog");
      assertThat(((Deployment) a.change()).getSpec().getReplicas()).isEqualTo(2);
    });
    assertThat(plan.skipped()).singleElement().satisfies(s -> {
      assertThat(s.target().name()).isEqualTo("nightly-export");
      assertThat(s.outOfScope()).isTrue();
    });
  }

  @Test
  void scaleToZeroToolsMarkTheZeroAsIntended() {
    hpas.add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("keda-hpa-reports").withNamespace(NS)
        .addToLabels("scaledobject.keda.sh/name", "reports").endMetadata()
        .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("reports").endScaleTargetRef()
        .withMinReplicas(1).withMaxReplicas(10).endSpec().build());
    hpas.add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("batch").withNamespace(NS).endMetadata()
        .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("batch").endScaleTargetRef()
        .withMinReplicas(0).withMaxReplicas(4).endSpec().build());
    Map<String, String> history = Map.of("deployment.kubernetes.io/desired-replicas", "2");
    for (var d : List.of(
        deployment("nightly", 0, "n:1", Map.of("downscaler/original-replicas", "3")),
        deployment("paused", 0, "p:1", Map.of("autoscaling.keda.sh/paused-replicas", "0")),
        deployment("reports", 0, "r:1", Map.of()),
        deployment("batch", 0, "b:1", Map.of()),
        deployment("declared", 0, "d:1", Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"spec\":{\"replicas\":0}}")),
        deployment("opted-out", 0, "o:1", Map.of("incident.chaos/intentional-scale-down", "true")))) {
      replicaSet(d, 1, "x", 0, history);
    }

    assertThat(deployments).allSatisfy(d -> assertThat(Planner.intendedZero(d, snapshot())).isPresent());
    assertThat(deployments).extracting(d -> Planner.intendedZero(d, snapshot()).orElseThrow()).containsExactly(
        "managed by kube-downscaler (annotation downscaler/original-replicas)",
        "paused by KEDA (annotation autoscaling.keda.sh/paused-replicas=0)",
        "managed by KEDA (HorizontalPodAutoscaler keda-hpa-reports)",
        "HorizontalPodAutoscaler batch allows minReplicas 0",
        "its last-applied-configuration declares replicas 0",
        "annotated incident.chaos/intentional-scale-down=true");
  }

  @Test
  void aKedaScaledObjectTargetingTheDeploymentMeansKedaOwnsTheZero() {
    Deployment d = deployment("queue-worker", 0, "w:1", Map.of());
    GenericKubernetesResource so = new GenericKubernetesResourceBuilder().withApiVersion("keda.sh/v1alpha1").withKind("ScaledObject")
        .withNewMetadata().withName("queue-worker").withNamespace(NS).endMetadata()
        .addToAdditionalProperties("spec", Map.of("scaleTargetRef", Map.of("name", "queue-worker"))).build();

    NamespaceSnapshot withKeda = new NamespaceSnapshot(NS, pods, deployments, replicaSets, jobs, hpas, List.of(so));

    assertThat(Planner.intendedZero(d, withKeda)).hasValue("managed by KEDA ScaledObject queue-worker (minReplicaCount 0, the default)");
  }

  @Test
  void rollbackTargetsTheNewestEarlierRevisionThatWasAvailableAndHasAnotherImage() {
    Deployment d = deployment("catalog", 3, "catalog:bad", Map.of());
    replicaSet(d, 1, "catalog:1.0", 0, Map.of());
    replicaSet(d, 2, "catalog:1.1", 3, Map.of("team", "catalog"));
    replicaSet(d, 3, "catalog:1.2", 0, Map.of());
    ReplicaSet bad = replicaSet(d, 4, "catalog:bad", 0, Map.of());
    failingPod(bad);

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.BAD_IMAGE), new IncidentScope(NS, "catalog", null, null, null));

    PlannedAction a = plan.actions().getFirst();
    assertThat(a.type()).isEqualTo(ActionType.ROLLBACK);
    assertThat(a.after()).isEqualTo("pod template of revision 2 images {catalog=catalog:1.1}");
    assertThat(a.undo().command()).isEqualTo("kubectl -n shop rollout undo deployment/catalog --to-revision=4");
    assertThat(a.undo().revision()).isEqualTo(4L);
    Deployment desired = (Deployment) a.change();
    assertThat(desired.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("catalog:1.1");
    assertThat(desired.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "catalog").doesNotContainKey("pod-template-hash");
    assertThat(desired.getMetadata().getAnnotations()).containsEntry("team", "catalog")
        .containsEntry("deployment.kubernetes.io/revision", "4");
    assertThat(desired.getMetadata().getResourceVersion()).isEqualTo("41");
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).as("input untouched").isEqualTo("catalog:bad");
  }

  @Test
  void withoutAnEarlierImageOrWhenPausedTheRollbackIsLeftToAPerson() {
    Deployment first = deployment("carts", 2, "carts:bad", Map.of());
    failingPod(replicaSet(first, 1, "carts:bad", 0, Map.of()));
    Deployment paused = new DeploymentBuilder(deployment("orders", 2, "orders:bad", Map.of())).editSpec().withPaused(true).endSpec().build();
    deployments.set(1, paused);
    replicaSet(paused, 1, "orders:1", 2, Map.of());
    failingPod(replicaSet(paused, 2, "orders:bad", 0, Map.of()));

    Plan carts = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.BAD_IMAGE), new IncidentScope(NS, "carts", null, null, null));
    Plan orders = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.BAD_IMAGE), new IncidentScope(NS, null, "orders-r2-p", null, null));

    assertThat(carts.actions()).isEmpty();
    assertThat(orders.actions()).isEmpty();
    assertThat(carts.skipped()).extracting(s -> s.target().name() + ": " + s.reason()).containsExactly(
        "carts: pods cannot pull their image but there is no earlier revision with a different image to roll back to",
        "orders: out of scope: pods cannot pull their image, but it is not the alarmed workload (namespace shop, workload carts)");
    assertThat(orders.skipped()).extracting(s -> s.target().name() + ": " + s.reason()).contains(
        "orders: Deployment is paused; resume it before rolling back");
  }

  @Test
  void onlyTheAlarmedWorkloadIsRolledBack() {
    Deployment catalog = deployment("catalog", 2, "catalog:bad", Map.of());
    replicaSet(catalog, 1, "catalog:1", 2, Map.of());
    failingPod(replicaSet(catalog, 2, "catalog:bad", 0, Map.of()));
    Deployment carts = deployment("carts", 2, "carts:bad", Map.of());
    replicaSet(carts, 1, "carts:1", 2, Map.of());
    failingPod(replicaSet(carts, 2, "carts:bad", 0, Map.of()));

    Plan plan = Planner.plan(snapshot(), EnumSet.allOf(ChaosScenario.class), new IncidentScope(NS, "carts", null, null, null));

    assertThat(plan.actions()).extracting(a -> a.target().name()).containsExactly("carts");
    assertThat(plan.skipped()).extracting(s -> s.target().name(), Skipped::outOfScope).containsExactly(tuple("catalog", true));
  }

  // --- stress-workload: the decoys of the ui CPU alarm and the real stress pod next to them ---

  @Test
  void withTheAlarmOnUiOnlyTheRunningCpuStressPodIsRemovedAndTheDecoysAreNotEvenCandidates() {
    owned("web-entrypoint", new ContainerBuilder().withName("web").withImage("public.ecr.aws/nginx/nginx:1.27").withCommand("sh", "-c",
        "stress --version >/dev/null 2>&1 || echo 'no stress tool'; exec nginx -g 'daemon off;'").build(), NODE, Map.of());
    owned("search-api", new ContainerBuilder().withName("api").withImage("public.ecr.aws/nginx/nginx:1.27").withCommand("sh", "-c",
        "[ \"$LOAD_TEST\" = 1 ] && stress-ng --cpu 2 --timeout 600s; exec nginx -g 'daemon off;'").build(), NODE, Map.of());
    owned("checkout-canary", new ContainerBuilder().withName("nginx").withImage("public.ecr.aws/nginx/nginx:1.27").build(), NODE,
        Map.of("chaos", "true"));
    owned("cpu-burner", new ContainerBuilder().withName("load").withImage("ghcr.io/colinianking/stress-ng:0.18.06")
        .withArgs("--cpu", "4", "--cpu-load", "100").build(), NODE, Map.of());

    Plan plan = Planner.plan(snapshot(), EnumSet.allOf(ChaosScenario.class), UI_CPU);

    assertThat(plan.actions()).singleElement().satisfies(a -> {
      assertThat(a.target()).isEqualTo(new ObjectRef("Deployment", NS, "cpu-burner"));
      assertThat(a.type()).isEqualTo(ActionType.DELETE);
      assertThat(a.evidence()).isEqualTo("pod cpu-burner-r1-p on node " + NODE + ": container load image "
          + "ghcr.io/colinianking/stress-ng:0.18.06 runs `stress-ng --cpu 4 --cpu-load 100` (stresses cpu), running; "
          + "the alarm is about cpu in namespace shop");
    });
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void aLoadGeneratorThatDoesNotExplainTheAlarmIsReportedOutOfScope() {
    owned("memory-hog", new ContainerBuilder().withName("hog").withImage("alpine").withCommand("sh", "-c", "exec stress-ng --vm 2").build(),
        NODE, Map.of());
    Pod stopped = owned("finished-burn", new ContainerBuilder().withName("burn").withImage("alexeiled/stress-ng").withArgs("--cpu", "1").build(),
        NODE, Map.of());
    stopped.getStatus().setPhase("Succeeded");

    Plan cpu = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD), UI_CPU);
    Plan restarts = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD), new IncidentScope(NS, "ui", null, null, null));

    assertThat(cpu.actions()).isEmpty();
    assertThat(cpu.skipped()).allSatisfy(s -> assertThat(s.outOfScope()).isTrue()).extracting(Skipped::reason).containsExactly(
        "out of scope: pod memory-hog-r1-p: container hog entrypoint runs `stress-ng --vm 2` (stresses memory); the alarm is about cpu, which it does not load",
        "out of scope: pod finished-burn-r1-p: its load generator is not running (phase Succeeded), so it consumes nothing");
    assertThat(restarts.actions()).isEmpty();
    assertThat(restarts.skipped()).extracting(Skipped::reason)
        .allMatch(r -> r.endsWith("the alarm is not about CPU or memory, so it does not explain it"));
  }

  @Test
  void onePodWhoseLoadExplainsTheAlarmIsEnoughToRemoveItsOwnerWhateverThePodOrder() {
    Pod pending = owned("burner", new ContainerBuilder().withName("b").withImage("alpine").withCommand("stress-ng", "--cpu", "2").build(),
        NODE, Map.of());
    pending.getStatus().setPhase("Pending");
    Pod running = new PodBuilder(pending).editMetadata().withName("burner-r1-q").endMetadata().build();
    running.getStatus().setPhase("Running");
    pods.add(running);

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD), UI_CPU);

    assertThat(plan.actions()).singleElement().satisfies(a -> {
      assertThat(a.target().name()).isEqualTo("burner");
      assertThat(a.pods()).containsExactly("burner-r1-q");
    });
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void forANodeAlarmOnlyLoadGeneratorsOnThatNodeAreInScope() {
    owned("burn-here", new ContainerBuilder().withName("b").withImage("alpine").withCommand("stress-ng", "--cpu", "2").build(), NODE, Map.of());
    owned("burn-elsewhere", new ContainerBuilder().withName("b").withImage("alpine").withCommand("stress-ng", "--cpu", "2").build(),
        "ip-10-0-9-99.us-west-2.compute.internal", Map.of());

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD), new IncidentScope(null, null, null, NODE, Resource.CPU));

    assertThat(plan.actions()).extracting(a -> a.target().name()).containsExactly("burn-here");
    assertThat(plan.skipped()).singleElement().satisfies(s -> {
      assertThat(s.target().name()).isEqualTo("burn-elsewhere-r1-p");
      assertThat(s.reason()).isEqualTo("out of scope: runs a load generator on node ip-10-0-9-99.us-west-2.compute.internal, not on the alarmed node " + NODE);
    });
  }

  @Test
  void stressPodsWhoseOwnerWouldRecreateThemOrIsNotHandledAreReportedNotDeleted() {
    Job cronJobRun = new JobBuilder().withNewMetadata().withName("stress-28711").withNamespace(NS)
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("CronJob").withName("stress").withController(true).build()).endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().addToContainers(new ContainerBuilder().withName("s").withImage("stress-ng").build())
        .endSpec().endTemplate().endSpec().build();
    jobs.add(cronJobRun);
    pods.add(stressPod("stress-28711-x", "Job", "stress-28711"));
    pods.add(stressPod("node-burn-abcde", "DaemonSet", "node-burn"));

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD), UI_CPU);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).extracting(Skipped::reason).containsExactly(
        "Job stress-28711 is created by CronJob stress, which would start it again; suspend or delete that CronJob by hand",
        "owned by DaemonSet node-burn; only Deployments, Jobs and bare Pods are removed automatically");
  }

  @Test
  void aLoadGeneratorDeploymentAtZeroIsNotScaledBackUpEvenWhenAlarmed() {
    Deployment d = deployment("cpu-stress", 0, "alexeiled/stress-ng:latest", Map.of());
    d.getSpec().getTemplate().getSpec().getContainers().getFirst().setArgs(List.of("--cpu", "1"));
    replicaSet(d, 1, "alexeiled/stress-ng:latest", 0, Map.of("deployment.kubernetes.io/desired-replicas", "1"));

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.SCALED_TO_ZERO), new IncidentScope(NS, "cpu-stress", null, null, null));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).extracting(Skipped::reason).containsExactly("runs a load generator; scaling it up would start a fault");
  }

  private NamespaceSnapshot snapshot() {
    return new NamespaceSnapshot(NS, pods, deployments, replicaSets, jobs, hpas);
  }

  private Deployment deployment(String name, int replicas, String image, Map<String, String> annotations) {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).withUid("uid-" + name)
        .withResourceVersion("41").addToAnnotations(annotations).addToAnnotations("deployment.kubernetes.io/revision", "4").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addToContainers(new ContainerBuilder().withName(name).withImage(image).build()).endSpec().endTemplate().endSpec()
        .build();
    deployments.add(d);
    return d;
  }

  private ReplicaSet replicaSet(Deployment d, int revision, String image, int available, Map<String, String> annotations) {
    String name = d.getMetadata().getName();
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName(name + "-r" + revision).withNamespace(NS)
        .addToAnnotations(annotations).addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName(name).withUid("uid-" + name).withController(true).build())
        .endMetadata()
        .withNewSpec().withNewTemplate().withNewMetadata().addToLabels("app", name).addToLabels("pod-template-hash", "r" + revision).endMetadata()
        .withNewSpec().addToContainers(new ContainerBuilder().withName(name).withImage(image).build()).endSpec().endTemplate().endSpec()
        .withNewStatus().withAvailableReplicas(available).endStatus()
        .build();
    replicaSets.add(rs);
    return rs;
  }

  private void failingPod(ReplicaSet rs) {
    pods.add(new PodBuilder().withNewMetadata().withName(rs.getMetadata().getName() + "-p").withNamespace(NS)
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName(rs.getMetadata().getName()).withController(true).build())
        .endMetadata()
        .withNewStatus().addNewContainerStatus().withName("c").withImage("x")
        .withNewState().withNewWaiting().withReason("ImagePullBackOff").endWaiting().endState().endContainerStatus().endStatus()
        .build());
  }

  private static Pod stressPod(String name, String ownerKind, String ownerName) {
    return running(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withOwnerReferences(new OwnerReferenceBuilder().withKind(ownerKind).withName(ownerName).withController(true).build()).endMetadata()
        .withNewSpec().withNodeName(NODE)
        .addToContainers(new ContainerBuilder().withName("s").withImage("alexeiled/stress-ng").withArgs("--cpu", "1").build()).endSpec()
        .build());
  }

  /** A Deployment with one ReplicaSet and one running pod of the given container, on {@code node}. */
  private Pod owned(String name, Container c, String node, Map<String, String> podLabels) {
    Deployment d = deployment(name, 1, c.getImage(), Map.of());
    d.getSpec().getTemplate().getSpec().setContainers(List.of(c));
    ReplicaSet rs = replicaSet(d, 1, c.getImage(), 1, Map.of());
    rs.getSpec().getTemplate().getSpec().setContainers(List.of(c));
    Pod pod = running(new PodBuilder().withNewMetadata().withName(rs.getMetadata().getName() + "-p").withNamespace(NS).withLabels(podLabels)
        .withOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName(rs.getMetadata().getName()).withController(true).build())
        .endMetadata().withNewSpec().withNodeName(node).withContainers(c).endSpec().build());
    pods.add(pod);
    return pod;
  }

  private static Pod running(Pod pod) {
    pod.setStatus(new PodStatusBuilder().withPhase("Running").withContainerStatuses(pod.getSpec().getContainers().stream()
        .map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
            .withNewState().withNewRunning().endRunning().endState().build()).toList()).build());
    return pod;
  }
}
