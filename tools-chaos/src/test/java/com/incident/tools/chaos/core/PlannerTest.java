package com.incident.tools.chaos.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.ChaosScenario;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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

  @Test
  void replicasComeFromTheScaleDownAnnotationFirst() {
    Deployment d = deployment("orders", 0, "orders:2", Map.of("downscaler/original-replicas", "4"));
    replicaSet(d, 1, "orders:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "3"));

    assertThat(Planner.restoreReplicas(d, snapshot())).isEqualTo(new Planner.Restore(4, "annotation downscaler/original-replicas"));
  }

  @Test
  void thenFromTheNewestReplicaSetThatRecordsANonZeroDesiredCount() {
    Deployment d = deployment("orders", 0, "orders:2", Map.of());
    replicaSet(d, 1, "orders:1", 0, Map.of("deployment.kubernetes.io/desired-replicas", "2"));
    replicaSet(d, 2, "orders:2", 0, Map.of("deployment.kubernetes.io/desired-replicas", "0"));

    assertThat(Planner.restoreReplicas(d, snapshot()).replicas()).isEqualTo(2);
    assertThat(Planner.restoreReplicas(d, snapshot()).source()).contains("revision 1");
  }

  @Test
  void thenFromTheAutoscalerMinimumThenOne() {
    Deployment d = deployment("ui", 0, "ui:2", Map.of());
    Deployment other = deployment("checkout", 0, "checkout:2", Map.of());
    hpas.add(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("ui-hpa").withNamespace(NS).endMetadata()
        .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("ui").endScaleTargetRef()
        .withMinReplicas(3).withMaxReplicas(10).endSpec().build());

    assertThat(Planner.restoreReplicas(d, snapshot())).isEqualTo(new Planner.Restore(3, "HorizontalPodAutoscaler ui-hpa minReplicas"));
    assertThat(Planner.restoreReplicas(other, snapshot()).replicas()).isEqualTo(1);
  }

  @Test
  void rollbackTargetsTheNewestEarlierRevisionThatWasAvailableAndHasAnotherImage() {
    Deployment d = deployment("catalog", 3, "catalog:bad", Map.of());
    replicaSet(d, 1, "catalog:1.0", 0, Map.of());
    replicaSet(d, 2, "catalog:1.1", 3, Map.of("team", "catalog"));
    replicaSet(d, 3, "catalog:1.2", 0, Map.of());
    ReplicaSet bad = replicaSet(d, 4, "catalog:bad", 0, Map.of());
    failingPod(bad);

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.BAD_IMAGE));

    PlannedAction a = plan.actions().getFirst();
    assertThat(a.type()).isEqualTo(ActionType.ROLLBACK);
    assertThat(a.after()).isEqualTo("pod template of revision 2 images {catalog=catalog:1.1}");
    assertThat(a.undo().how()).isEqualTo("kubectl -n shop rollout undo deployment/catalog --to-revision=4");
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

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.BAD_IMAGE));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).extracting(s -> s.target().name() + ": " + s.reason()).containsExactly(
        "carts: pods cannot pull their image but there is no earlier revision with a different image to roll back to",
        "orders: Deployment is paused; resume it before rolling back");
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

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.STRESS_WORKLOAD));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).extracting(Skipped::reason).containsExactly(
        "Job stress-28711 is created by CronJob stress, which would start it again; suspend or delete that CronJob by hand",
        "owned by DaemonSet node-burn; only Deployments, Jobs and bare Pods are removed automatically");
  }

  @Test
  void aChaosDeploymentAtZeroIsNotScaledBackUp() {
    deployment("cpu-stress", 0, "alexeiled/stress-ng:latest", Map.of());
    deployment("orders", 0, "orders:2", Map.of("incident.chaos/intentional-scale-down", "true"));

    Plan plan = Planner.plan(snapshot(), EnumSet.of(ChaosScenario.SCALED_TO_ZERO));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.skipped()).extracting(Skipped::reason).containsExactly(
        "a chaos workload; scaling it up would restart the fault",
        "annotated incident.chaos/intentional-scale-down=true (intentionally scaled down)");
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
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
        .withOwnerReferences(new OwnerReferenceBuilder().withKind(ownerKind).withName(ownerName).withController(true).build()).endMetadata()
        .withNewSpec().addToContainers(new ContainerBuilder().withName("s").withImage("alexeiled/stress-ng").build()).endSpec()
        .build();
  }
}
