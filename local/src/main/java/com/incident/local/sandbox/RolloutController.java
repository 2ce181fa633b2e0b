package com.incident.local.sandbox;

import com.incident.tools.chaos.fixtures.ClusterChanges;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The parts of the Deployment and StatefulSet controllers a remediation's verification depends on, which the mock
 * API server and the chaos fixtures' simulator lack. Deployment: the ReplicaSet whose template matches the
 * Deployment becomes the newest revision (a rollback re-stamps it) and owns all the replicas, the others are scaled
 * to zero and their pods removed, and missing pods of the current ReplicaSet are started (Running, ready).
 * StatefulSet: scaling keeps ordinals {@code name-0..n-1}, removing the highest first and starting missing ones
 * (Running, ready); its status counts the ready replicas, so a replica seeded not ready stays not ready.
 *
 * <p>A pod started with an image the scenario's pods fail to pull (their container waits in {@code ErrImagePull},
 * {@code ImagePullBackOff} or {@code InvalidImageName}) does not start either: it waits in {@code ImagePullBackOff}.
 * Each step emits the events the real controllers and the kubelet would ({@code ScalingReplicaSet},
 * {@code SuccessfulCreate}/{@code SuccessfulDelete}, {@code Pulled}/{@code Created}/{@code Started}, or
 * {@code Pulling}/{@code Failed}/{@code BackOff}; {@code Killing} for a removed pod).
 */
final class RolloutController implements AutoCloseable {
  static final String REVISION = "deployment.kubernetes.io/revision";
  /** Waiting reasons of a container whose image cannot be pulled. */
  private static final java.util.Set<String> PULL_FAILURES = java.util.Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Map<String, String> seeded = new java.util.HashMap<>();
  private final Map<String, Integer> seededSets = new java.util.HashMap<>();
  private final java.util.Set<String> unpullable = new java.util.HashSet<>();
  private final ClusterEvents events;
  private final ClusterChanges changes;
  private final Thread thread;
  private volatile boolean running = true;

  /** Deployments are left as the scenario seeded them (a stuck rollout stays stuck) until their spec changes. */
  RolloutController(KubernetesClient client, List<String> namespaces, ClusterChanges changes) {
    this.client = client;
    this.namespaces = namespaces;
    this.events = new ClusterEvents(client);
    namespaces.forEach(ns -> client.pods().inNamespace(ns).list().getItems().forEach(this::learnPullFailures));
    namespaces.forEach(ns -> client.apps().deployments().inNamespace(ns).list().getItems()
        .forEach(d -> seeded.put(key(d), spec(d))));
    namespaces.forEach(ns -> client.apps().statefulSets().inNamespace(ns).list().getItems()
        .forEach(set -> seededSets.put(key(set), replicas(set.getSpec().getReplicas()))));
    this.changes = changes;
    this.thread = Thread.ofPlatform().daemon().name("sandbox-rollout-controller").start(this::loop);
  }

  /** The images a seeded pod cannot pull: the cluster's registry does not have them, so no new pod can either. */
  private void learnPullFailures(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return;
    }
    for (var status : pod.getStatus().getContainerStatuses()) {
      if (status.getState() != null && status.getState().getWaiting() != null
          && PULL_FAILURES.contains(status.getState().getWaiting().getReason())) {
        pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(status.getName()))
            .forEach(c -> unpullable.add(c.getImage()));
      }
    }
  }

  private void loop() {
    while (running) {
      try {
        long mark = changes.generation();
        namespaces.forEach(this::reconcile);
        changes.awaitChangeAfter(mark, ClusterChanges.IDLE_ROUND);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException e) {
        // A concurrent write (chaos-cleanup or the other simulator); the next round sees the new state.
      }
    }
  }

  void reconcile(String ns) {
    reconcileDeployments(ns);
    reconcileStatefulSets(ns);
  }

  /** Statefulsets are left as seeded (a not-ready replica stays so) until their replica count changes. */
  private void reconcileStatefulSets(String ns) {
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    for (StatefulSet set : client.apps().statefulSets().inNamespace(ns).list().getItems()) {
      int desired = replicas(set.getSpec().getReplicas());
      if (Objects.equals(seededSets.get(key(set)), desired)) {
        continue;
      }
      String name = set.getMetadata().getName();
      List<Pod> mine = pods.stream().filter(p -> ownedBy(p, "StatefulSet", name)).toList();
      List<Pod> kept = new java.util.ArrayList<>();
      for (Pod p : mine) {
        if (ordinal(p, name) >= desired) {
          delete(p);
          events.emit(set, ClusterEvents.NORMAL, "SuccessfulDelete",
              "delete Pod " + p.getMetadata().getName() + " in StatefulSet " + name + " successful", "statefulset-controller");
        } else {
          kept.add(p);
        }
      }
      for (int i = 0; i < desired; i++) {
        String podName = name + "-" + i;
        if (kept.stream().noneMatch(p -> p.getMetadata().getName().equals(podName))) {
          kept.add(start(set, podName, set.getSpec().getTemplate()));
          events.emit(set, ClusterEvents.NORMAL, "SuccessfulCreate",
              "create Pod " + podName + " in StatefulSet " + name + " successful", "statefulset-controller");
        }
      }
      int ready = (int) kept.stream().filter(RolloutController::ready).count();
      StatefulSetStatus status = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
      if (!Objects.equals(status.getReplicas(), desired) || !Objects.equals(status.getReadyReplicas(), ready)) {
        set.setStatus(new StatefulSetStatusBuilder(status).withReplicas(desired).withReadyReplicas(ready)
            .withAvailableReplicas(ready).withCurrentReplicas(desired).withUpdatedReplicas(desired).build());
        client.resource(set).updateStatus();
      }
    }
  }

  private static int ordinal(Pod p, String set) {
    String suffix = p.getMetadata().getName().substring(Math.min(p.getMetadata().getName().length(), set.length() + 1));
    try {
      return Integer.parseInt(suffix);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  static boolean ready(Pod p) {
    if (p.getStatus() == null) {
      return false;
    }
    if (p.getStatus().getConditions() != null && !p.getStatus().getConditions().isEmpty()) {
      return p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
    return p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
        && p.getStatus().getContainerStatuses().stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  private void reconcileDeployments(String ns) {
    List<ReplicaSet> all = client.apps().replicaSets().inNamespace(ns).list().getItems();
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    for (Deployment d : client.apps().deployments().inNamespace(ns).list().getItems()) {
      if (spec(d).equals(seeded.get(key(d)))) {
        continue;
      }
      List<ReplicaSet> owned = all.stream().filter(rs -> ownedBy(rs, "Deployment", d.getMetadata().getName())).toList();
      ReplicaSet current = owned.stream().filter(rs -> sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
          .findFirst().orElse(null);
      if (current == null) {
        continue;
      }
      long newest = owned.stream().mapToLong(RolloutController::revision).max().orElse(0);
      if (revision(current) < newest) {
        current.getMetadata().getAnnotations().put(REVISION, String.valueOf(newest + 1));
        client.resource(current).update();
      }
      int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      for (ReplicaSet rs : owned) {
        int target = rs == current ? desired : 0;
        int had = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        if (had != target) {
          client.apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName())
              .edit(r -> { r.getSpec().setReplicas(target); return r; });
          events.emit(d, ClusterEvents.NORMAL, "ScalingReplicaSet", "Scaled " + (target > had ? "up" : "down")
              + " replica set " + rs.getMetadata().getName() + " from " + had + " to " + target, "deployment-controller");
        }
        List<Pod> mine = pods.stream().filter(p -> ownedBy(p, "ReplicaSet", rs.getMetadata().getName())).toList();
        mine.stream().skip(target).forEach(p -> {
          delete(p);
          events.emit(rs, ClusterEvents.NORMAL, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName(),
              "replicaset-controller");
        });
        // A pod this controller created whose status write lost a race with the other simulator: start it now.
        mine.stream().limit(target).filter(p -> p.getStatus() == null).forEach(p -> run(p, rs.getSpec().getTemplate()));
        for (int i = mine.size(); i < target; i++) {
          Pod started = start(rs, rs.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5),
              rs.getSpec().getTemplate());
          events.emit(rs, ClusterEvents.NORMAL, "SuccessfulCreate", "Created pod: " + started.getMetadata().getName(),
              "replicaset-controller");
        }
      }
    }
  }

  private static String key(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static String spec(Deployment d) {
    return d.getSpec().getReplicas() + "|" + withoutHash(d.getSpec().getTemplate());
  }

  /** Deletes a pod; the kubelet stops its containers. */
  private void delete(Pod p) {
    client.resource(p).delete();
    p.getSpec().getContainers().forEach(c -> events.emit(p, ClusterEvents.NORMAL, "Killing",
        "Stopping container " + c.getName(), "kubelet"));
  }

  /**
   * Starts a pod of the owner's template (its spec as it is: images, command, args, resources), Running and ready,
   * or waiting in ImagePullBackOff when an image cannot be pulled.
   */
  private Pod start(io.fabric8.kubernetes.api.model.HasMetadata owner, String name, PodTemplateSpec template) {
    Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(owner.getKind())
            .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build())
        .endMetadata().withSpec(template.getSpec()).build();
    Pod running = run(client.resource(pod).create(), template);
    for (var c : template.getSpec().getContainers()) {
      if (unpullable.contains(c.getImage())) {
        String image = "\"" + c.getImage() + "\"";
        events.emit(running, ClusterEvents.NORMAL, "Pulling", "Pulling image " + image, "kubelet");
        events.emit(running, ClusterEvents.WARNING, "Failed", "Failed to pull image " + image + ": rpc error: code = NotFound"
            + " desc = failed to pull and unpack image " + image + ": failed to resolve reference " + image + ": not found", "kubelet");
        events.emit(running, ClusterEvents.WARNING, "Failed", "Error: ErrImagePull", "kubelet");
        events.emit(running, ClusterEvents.NORMAL, "BackOff", "Back-off pulling image " + image, "kubelet");
        events.emit(running, ClusterEvents.WARNING, "Failed", "Error: ImagePullBackOff", "kubelet");
      } else {
        events.emit(running, ClusterEvents.NORMAL, "Pulled", "Container image \"" + c.getImage() + "\" already present on machine", "kubelet");
        events.emit(running, ClusterEvents.NORMAL, "Created", "Created container " + c.getName(), "kubelet");
        events.emit(running, ClusterEvents.NORMAL, "Started", "Started container " + c.getName(), "kubelet");
      }
    }
    return running;
  }

  /**
   * Writes a created pod's status as the kubelet would: Running and ready once its containers started, or Pending
   * with the containers whose image cannot be pulled waiting in ImagePullBackOff.
   */
  private Pod run(Pod created, PodTemplateSpec template) {
    boolean pulled = template.getSpec().getContainers().stream().noneMatch(c -> unpullable.contains(c.getImage()));
    created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(pulled ? "Running" : "Pending")
        .withConditions(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready")
            .withStatus(pulled ? "True" : "False").withReason(pulled ? null : "ContainersNotReady").build())
        .withContainerStatuses(template.getSpec().getContainers().stream().map(c -> unpullable.contains(c.getImage())
            ? new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(false).withStarted(false)
                .withRestartCount(0).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"" + c.getImage() + "\"").endWaiting().endState().build()
            : new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true).withStarted(true)
                .withRestartCount(0).withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning()
                .endState().build()).toList())
        .build());
    return client.resource(created).updateStatus();
  }

  private static boolean ownedBy(io.fabric8.kubernetes.api.model.HasMetadata o, String kind, String name) {
    return o.getMetadata().getOwnerReferences() != null && o.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> kind.equals(r.getKind()) && name.equals(r.getName()));
  }

  private static boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
    return withoutHash(a).equals(withoutHash(b));
  }

  private static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
    Map<String, String> labels = new LinkedHashMap<>(Objects.requireNonNullElse(copy.getMetadata().getLabels(), Map.of()));
    labels.remove("pod-template-hash");
    copy.getMetadata().setLabels(labels);
    return copy;
  }

  static long revision(io.fabric8.kubernetes.api.model.HasMetadata o) {
    try {
      return Long.parseLong(Objects.requireNonNullElse(o.getMetadata().getAnnotations(), Map.<String, String>of())
          .getOrDefault(REVISION, "0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
  }
}
