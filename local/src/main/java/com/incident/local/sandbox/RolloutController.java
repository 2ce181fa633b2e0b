package com.incident.local.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The part of the Deployment controller a remediation's verification depends on, which the mock API server and the
 * chaos fixtures' simulator lack: the ReplicaSet whose template matches the Deployment becomes the newest revision
 * (a rollback re-stamps it) and owns all the replicas, the others are scaled to zero and their pods removed, and
 * missing pods of the current ReplicaSet are started (Running, ready).
 */
final class RolloutController implements AutoCloseable {
  static final String REVISION = "deployment.kubernetes.io/revision";

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Map<String, String> seeded = new java.util.HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Deployments are left as the scenario seeded them (a stuck rollout stays stuck) until their spec changes. */
  RolloutController(KubernetesClient client, List<String> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
    namespaces.forEach(ns -> client.apps().deployments().inNamespace(ns).list().getItems()
        .forEach(d -> seeded.put(key(d), spec(d))));
    this.thread = Thread.ofPlatform().daemon().name("sandbox-rollout-controller").start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        namespaces.forEach(this::reconcile);
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException e) {
        // A concurrent write (chaos-cleanup or the other simulator); the next round sees the new state.
      }
    }
  }

  void reconcile(String ns) {
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
        if (!Objects.equals(rs.getSpec().getReplicas(), target)) {
          client.apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName())
              .edit(r -> { r.getSpec().setReplicas(target); return r; });
        }
        List<Pod> mine = pods.stream().filter(p -> ownedBy(p, "ReplicaSet", rs.getMetadata().getName())).toList();
        mine.stream().skip(target).forEach(p -> client.resource(p).delete());
        for (int i = mine.size(); i < target; i++) {
          start(rs);
        }
      }
    }
  }

  private static String key(Deployment d) {
    return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
  }

  private static String spec(Deployment d) {
    return d.getSpec().getReplicas() + "|" + withoutHash(d.getSpec().getTemplate());
  }

  private void start(ReplicaSet rs) {
    String name = rs.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5);
    Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(rs.getMetadata().getNamespace())
        .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
            .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid()).withController(true).build())
        .endMetadata().withSpec(rs.getSpec().getTemplate().getSpec()).build();
    Pod created = client.resource(pod).create();
    created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
        .withContainerStatuses(rs.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
            .withName(c.getName()).withImage(c.getImage()).withReady(true).withStarted(true).withRestartCount(0)
            .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build()).toList())
        .build());
    client.resource(created).updateStatus();
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
