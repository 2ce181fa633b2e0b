package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import com.incident.local.scenario.ScenarioLoaderTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxClusterTest {

  @Test
  void seedsObjectsWithTheirStatusAndOwnership() {
    Scenario s = ScenarioLoader.bundled("pod-restarts");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      Deployment catalog = cluster.client().apps().deployments().inNamespace("default").withName("catalog").get();
      ReplicaSet bad = cluster.client().apps().replicaSets().inNamespace("default").list().getItems().stream()
          .filter(rs -> "4".equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
          .findFirst().orElseThrow();
      Pod pulling = cluster.client().pods().inNamespace("default").list().getItems().stream()
          .filter(p -> p.getMetadata().getOwnerReferences().getFirst().getName().equals(bad.getMetadata().getName()))
          .findFirst().orElseThrow();

      assertThat(bad.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo(catalog.getMetadata().getUid());
      assertThat(pulling.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason())
          .isIn("ImagePullBackOff", "ErrImagePull");
      assertThat(cluster.namespaces()).containsExactly("default");
    }
  }

  @Test
  void theStateIgnoresStatusButSeesEveryChangeAndAttributesItToTheTopLevelObject() {
    Scenario s = ScenarioLoader.bundled("cpu-spike");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      SandboxCluster.State before = cluster.state();
      Deployment ui = cluster.client().apps().deployments().inNamespace("default").withName("ui").get();
      ui.getStatus().setReadyReplicas(0);
      cluster.client().resource(ui).updateStatus();
      assertThat(before.changedIn(cluster.state())).isEmpty();

      cluster.client().apps().deployments().inNamespace("default").withName("stress-ng").delete();
      var pod = cluster.client().pods().inNamespace("default").list().getItems().stream()
          .filter(p -> p.getMetadata().getName().startsWith("catalog-")).findFirst().orElseThrow();
      pod.getMetadata().getLabels().put("touched", "yes");
      cluster.client().resource(pod).update();

      assertThat(before.changedWorkloads(cluster.state())).containsExactly("Deployment default/catalog", "Deployment default/stress-ng");
    }
  }

  @Test
  void seedsEveryKindOfTheScenarioAndResolvesOwnersThatExist() {
    Scenario s = ScenarioLoader.bundled("statefulset-no-endpoints");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var c = cluster.client();
      var redis = c.apps().statefulSets().inNamespace("default").withName("redis").get();
      Pod redis0 = c.pods().inNamespace("default").withName("redis-0").get();
      var job = c.batch().v1().jobs().inNamespace("default").withName("carts-cleanup-29395860").get();

      assertThat(redis0.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo(redis.getMetadata().getUid());
      assertThat(job.getMetadata().getOwnerReferences().getFirst().getUid())
          .isEqualTo(c.batch().v1().cronjobs().inNamespace("default").withName("carts-cleanup").get().getMetadata().getUid());
      assertThat(c.endpoints().inNamespace("default").withName("redis").get().getSubsets().getFirst().getNotReadyAddresses())
          .extracting(a -> a.getTargetRef().getName()).containsExactly("redis-0");
      assertThat(c.resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class).inNamespace("default")
          .withName("redis-x7m2q").get().getEndpoints().getFirst().getConditions().getReady()).isFalse();
      assertThat(c.resources(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class).inNamespace("default")
          .withName("redis").get().getStatus().getDisruptionsAllowed()).isZero();
      assertThat(c.configMaps().inNamespace("default").withName("redis-config").get().getData()).containsKey("redis.conf");
      assertThat(c.v1().events().inNamespace("default").withName("redis-0.1879f2a1c3d4e5f6").get().getReason()).isEqualTo("Unhealthy");

      assertThat(cluster.holds(Scenario.RecoversWhen.available("StatefulSet", "default", "redis"))).isFalse();
      assertThat(cluster.holds(Scenario.RecoversWhen.available("Service", "default", "redis"))).isFalse();
      assertThat(cluster.holds(Scenario.RecoversWhen.available("Deployment", "default", "carts"))).isTrue();
      assertThat(cluster.holds(Scenario.RecoversWhen.deleted("Pod/default/redis-0"))).isFalse();
      assertThat(cluster.holds(Scenario.RecoversWhen.deleted("Node/ip-10-0-9-99.us-west-2.compute.internal"))).isTrue();
    }
  }

  @Test
  void aSeededOrphanStaysAnOrphanWhileNewOrphansAreCollected() {
    Scenario s = ScenarioLoader.bundled("orphaned-job-pod");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      Pod orphan = cluster.client().pods().inNamespace("default").withName("stress-x9f2k").get();
      assertThat(orphan.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(r -> assertThat(r.getKind() + "/" + r.getName()).isEqualTo("Job/load-test"));

      SandboxCluster.State before = cluster.state();
      // A pod whose Job is deleted after the start is collected; once it is gone, the collector has run over both.
      Pod later = new io.fabric8.kubernetes.api.model.PodBuilder(orphan).editMetadata().withName("stress-later")
          .withUid(null).withResourceVersion(null).editFirstOwnerReference().withName("load-test-2").endOwnerReference()
          .endMetadata().build();
      cluster.client().resource(later).create();
      cluster.client().pods().inNamespace("default").withName("stress-later")
          .waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(cluster.client().pods().inNamespace("default").withName("stress-x9f2k").get()).isNotNull();
      assertThat(before.changedIn(cluster.state())).isEmpty();
    }
  }

  @Test
  void deletingAJobDeletesItsPods() {
    Scenario s = ScenarioLoader.bundled("wrong-fix");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var pods = cluster.client().pods().inNamespace("default");
      assertThat(pods.withName("stress-probe-m7k2d").get()).isNotNull();

      cluster.client().batch().v1().jobs().inNamespace("default").withName("stress-probe").delete();

      pods.withName("stress-probe-m7k2d").waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(pods.withName("stress-ng-node-8qz4v").get()).as("the DaemonSet's pod is not the Job's").isNotNull();
      assertThat(cluster.holds(Scenario.RecoversWhen.deleted("Job/default/stress-probe"))).isTrue();
      assertThat(cluster.holds(Scenario.RecoversWhen.deleted("DaemonSet/default/stress-ng-node"))).isFalse();
    }
  }

  @Test
  void scalingAStatefulSetKeepsItsOrdinalsAndItsNotReadyReplica() {
    Scenario s = ScenarioLoader.bundled("statefulset-no-endpoints");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var sets = cluster.client().apps().statefulSets().inNamespace("default");
      sets.withName("redis").scale(3);

      var scaled = sets.withName("redis").waitUntilCondition(set -> set.getStatus() != null
          && Integer.valueOf(3).equals(set.getStatus().getReplicas()), 10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(cluster.client().pods().inNamespace("default").withLabel("app.kubernetes.io/name", "redis").list().getItems())
          .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("redis-0", "redis-1", "redis-2");
      assertThat(scaled.getStatus().getReadyReplicas()).as("redis-0 is still not ready").isEqualTo(2);
      assertThat(cluster.holds(Scenario.RecoversWhen.available("StatefulSet", "default", "redis"))).isFalse();

      sets.withName("redis").scale(0);
      cluster.client().pods().inNamespace("default").withName("redis-2")
          .waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);
      cluster.client().pods().inNamespace("default").withName("redis-0")
          .waitUntilCondition(java.util.Objects::isNull, 10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aRollbackCreatesPodsOfThePreviousRevision() throws InterruptedException {
    Scenario s = ScenarioLoader.bundled("pod-restarts");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var replicaSets = cluster.client().apps().replicaSets().inNamespace("default").list().getItems();
      ReplicaSet previous = replicaSets.stream()
          .filter(rs -> "3".equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))).findFirst().orElseThrow();
      cluster.client().apps().deployments().inNamespace("default").withName("catalog").edit(d -> {
        d.getSpec().setTemplate(previous.getSpec().getTemplate());
        return d;
      });

      cluster.client().apps().deployments().inNamespace("default").withName("catalog").waitUntilCondition(
          d -> cluster.holds(Scenario.RecoversWhen.available("Deployment", "default", "catalog")), 10, java.util.concurrent.TimeUnit.SECONDS);
      // The controller creates a pod first and marks it ready in a later step: wait for that step, not only for the
      // Deployment's counts.
      java.util.function.Supplier<java.util.List<Pod>> ofPrevious = () -> cluster.client().pods().inNamespace("default").list()
          .getItems().stream()
          .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
              .anyMatch(r -> r.getName().equals(previous.getMetadata().getName())))
          .toList();
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      java.util.List<Pod> pods = ofPrevious.get();
      while (System.nanoTime() < until && (pods.isEmpty() || !pods.stream().allMatch(RolloutController::ready))) {
        Thread.sleep(50);
        pods = ofPrevious.get();
      }
      assertThat(pods)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(RolloutController.ready(p)).isTrue());
    }
  }

  @Test
  void seedsEventsAndPodLogsWithTheirTimesMovedOntoTheReplayedAlarm() {
    ObjectNode file = ScenarioLoaderTest.withPodAndEvent();
    ObjectNode log = ((ArrayNode) file.putArray("podLogs")).addObject().put("namespace", "shop")
        .put("pod", "orders-7d9c-x2k4p").put("container", "orders");
    log.putArray("current").add("2026-11-21 03:14:31.207  INFO 1 --- [main] Started OrdersApplication in 7.9 seconds");
    log.putArray("previous").add("2026-11-21T03:13:58.441Z ERROR 1 --- [http-nio-8080-exec-7] o.a.c.c.C.[.[.[/].[dispatcherServlet]")
        .add("java.lang.OutOfMemoryError: Java heap space");
    Scenario s = ScenarioLoader.parse("orders-oom.json", Json.write(file));
    // The replayed alarm is 9 days and 2 hours after the captured one.
    Instant minuteZero = Instant.parse("2026-11-30T05:15:12.345Z");

    try (SandboxCluster cluster = SandboxCluster.start(s, minuteZero)) {
      var pods = cluster.client().pods().inNamespace("shop");
      List<Event> events = cluster.client().v1().events().inNamespace("shop").list().getItems();

      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.getReason()).isEqualTo("BackOff");
        assertThat(e.getInvolvedObject().getName()).isEqualTo("orders-7d9c-x2k4p");
        assertThat(e.getCount()).isEqualTo(9);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-30T05:05:14Z");
        assertThat(e.getLastTimestamp()).isEqualTo("2026-11-30T05:15:09Z");
      });
      assertThat(pods.withName("orders-7d9c-x2k4p").inContainer("orders").terminated().getLog()).isEqualTo(
          "2026-11-30T05:13:58.441Z ERROR 1 --- [http-nio-8080-exec-7] o.a.c.c.C.[.[.[/].[dispatcherServlet]\n"
              + "java.lang.OutOfMemoryError: Java heap space\n");
      assertThat(pods.withName("orders-7d9c-x2k4p").getLog())
          .isEqualTo("2026-11-30 05:14:31.207  INFO 1 --- [main] Started OrdersApplication in 7.9 seconds\n");
      assertThat(pods.withName("orders-7d9c-x2k4p").get().getStatus().getContainerStatuses().getFirst().getLastState()
          .getTerminated().getFinishedAt()).isEqualTo("2026-11-30T05:14:02Z");
      assertThat(pods.withName("orders-7d9c-x2k4p").get().getSpec().getContainers().getFirst().getCommand())
          .containsExactly("java", "-jar", "/app/app.jar");
    }
  }

  @Test
  void scalingUpARolloutStuckOnAMissingImageStartsPodsThatCannotPullItAndSaysSoInEvents() {
    Scenario s = ScenarioLoader.bundled("pod-restarts");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var c = cluster.client();
      String badImage = c.apps().deployments().inNamespace("default").withName("catalog").get()
          .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
      java.util.Set<String> seeded = names(c.pods().inNamespace("default").list().getItems());

      c.apps().deployments().inNamespace("default").withName("catalog").scale(3);

      Pod added = await(() -> c.pods().inNamespace("default").list().getItems().stream()
          .filter(p -> !seeded.contains(p.getMetadata().getName()) && p.getStatus() != null).findFirst().orElse(null));
      assertThat(added.getSpec().getContainers().getFirst().getImage()).isEqualTo(badImage);
      assertThat(added.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
      assertThat(RolloutController.ready(added)).isFalse();
      List<Event> aboutPod = await(() -> atLeast(5, eventsAbout(cluster, "Pod", added.getMetadata().getName())));
      assertThat(aboutPod).extracting(Event::getType, Event::getReason).contains(
          org.assertj.core.groups.Tuple.tuple("Warning", "Failed"), org.assertj.core.groups.Tuple.tuple("Normal", "BackOff"));
      assertThat(aboutPod).extracting(Event::getMessage).contains("Back-off pulling image \"" + badImage + "\"");
      Event scaled = await(() -> eventsAbout(cluster, "Deployment", "catalog").stream()
          .filter(e -> e.getMessage().endsWith(" from 2 to 3")).findFirst().orElse(null));
      assertThat(scaled.getMessage()).as("the newest revision, stuck on the missing image, is the one scaled")
          .isEqualTo("Scaled up replica set " + added.getMetadata().getOwnerReferences().getFirst().getName() + " from 2 to 3");
      assertThat(scaled.getType()).isEqualTo("Normal");
      assertThat(scaled.getReason()).isEqualTo("ScalingReplicaSet");
      assertThat(cluster.holds(Scenario.RecoversWhen.available("Deployment", "default", "catalog"))).isFalse();
    }
  }

  @Test
  void podsAControllerStartsKeepTheTemplatesCommandAndArgsAndAScaleToZeroIsAnEventOnTheDeployment() {
    Scenario s = ScenarioLoader.bundled("cpu-spike");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      var c = cluster.client();
      java.util.Set<String> seeded = names(c.pods().inNamespace("default").list().getItems());
      var template = c.apps().deployments().inNamespace("default").withName("stress-ng").get().getSpec().getTemplate();

      c.apps().deployments().inNamespace("default").withName("stress-ng").scale(2);
      Pod added = await(() -> c.pods().inNamespace("default").list().getItems().stream()
          .filter(p -> !seeded.contains(p.getMetadata().getName()) && p.getStatus() != null).findFirst().orElse(null));
      assertThat(added.getSpec().getContainers().getFirst().getArgs())
          .isEqualTo(template.getSpec().getContainers().getFirst().getArgs()).contains("--cpu");
      assertThat(RolloutController.ready(added)).isTrue();
      assertThat(await(() -> atLeast(3, eventsAbout(cluster, "Pod", added.getMetadata().getName())))).extracting(Event::getReason)
          .containsExactlyInAnyOrder("Pulled", "Created", "Started");

      c.apps().deployments().inNamespace("default").withName("stress-ng").scale(0);
      Event scaledDown = await(() -> eventsAbout(cluster, "Deployment", "stress-ng").stream()
          .filter(e -> e.getMessage().startsWith("Scaled down")).findFirst().orElse(null));
      assertThat(scaledDown.getMessage()).matches("Scaled down replica set stress-ng-\\w+ from 2 to 0");
      assertThat(scaledDown.getReason()).isEqualTo("ScalingReplicaSet");
      Event killing = await(() -> eventsAbout(cluster, "Pod", added.getMetadata().getName()).stream()
          .filter(e -> e.getReason().equals("Killing")).findFirst().orElse(null));
      assertThat(killing.getMessage()).isEqualTo("Stopping container stress-ng");
    }
  }

  private static java.util.Set<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
  }

  private static List<Event> eventsAbout(SandboxCluster cluster, String kind, String name) {
    return cluster.client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName())).toList();
  }

  /** The list once it has {@code n} elements, null before (what {@link #await} polls for). */
  private static <T> List<T> atLeast(int n, List<T> list) {
    return list.size() >= n ? list : null;
  }

  /** Polls what the controllers write asynchronously, for up to 10 seconds (a bound, not a timing assertion). */
  private static <T> T await(java.util.function.Supplier<T> probe) {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    T value = probe.get();
    while (value == null && System.nanoTime() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      value = probe.get();
    }
    assertThat(value).as("the controllers' effect within 10 s").isNotNull();
    return value;
  }
}
