package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kubernetes API: fabric8's mock server in CRUD mode on 127.0.0.1, seeded with the scenario's
 * objects (status included), with the garbage collector and Deployment controller the mock lacks simulated per
 * namespace, so chaos-cleanup's changes have the effects it verifies.
 */
public final class SandboxCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxCluster.class);

  private final KubeMock mock;
  private final List<ControllerSimulator> controllers = new ArrayList<>();
  private final List<String> namespaces;
  private RolloutController rollouts;

  private SandboxCluster(KubeMock mock, List<String> namespaces) {
    this.mock = mock;
    this.namespaces = namespaces;
  }

  public static SandboxCluster start(List<ObjectNode> objects) {
    KubeMock mock = KubeMock.start();
    List<String> namespaces = objects.stream().map(o -> o.path("metadata").path("namespace").asText(""))
        .filter(n -> !n.isEmpty()).distinct().sorted().toList();
    SandboxCluster cluster = new SandboxCluster(mock, namespaces);
    Map<String, String> uids = new HashMap<>();
    objects.stream().sorted(Comparator.comparingInt(o -> SEED_ORDER.indexOf(o.path("kind").asText())))
        .forEach(o -> cluster.seed(o, uids));
    for (String ns : namespaces) {
      cluster.controllers.add(ControllerSimulator.start(mock.client(), ns));
    }
    cluster.rollouts = new RolloutController(mock.client(), namespaces);
    return cluster;
  }

  /** Owners before what they own, so owner references can point at the uids the API server assigned. */
  private static final List<String> SEED_ORDER = List.of("Namespace", "Node", "Deployment", "StatefulSet", "DaemonSet",
      "Job", "ReplicaSet", "Pod");

  private void seed(ObjectNode json, Map<String, String> uids) {
    HasMetadata object = Serialization.unmarshal(Json.write(json), HasMetadata.class);
    String what = object.getKind() + " " + object.getMetadata().getName();
    String ns = Objects.requireNonNullElse(object.getMetadata().getNamespace(), "");
    if (object.getMetadata().getOwnerReferences() != null) {
      // The API server assigns uids; the scenario's references are by kind and name.
      object.getMetadata().getOwnerReferences().forEach(r -> r.setUid(
          uids.getOrDefault(r.getKind() + "/" + ns + "/" + r.getName(), r.getUid())));
    }
    try {
      HasMetadata created = mock.client().resource(object).create();
      uids.put(object.getKind() + "/" + ns + "/" + object.getMetadata().getName(), created.getMetadata().getUid());
      object.getMetadata().setUid(created.getMetadata().getUid());
      object.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
      if (json.has("status") && !"Node".equals(object.getKind())) {
        // The API server ignores status on create; controllers (here: the scenario) write it afterwards.
        mock.client().resource(object).updateStatus();
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot seed " + what + " into the sandbox cluster: " + e.getMessage(), e);
    }
    LOG.debug("Seeded {}", what);
  }

  public KubernetesClient client() {
    return mock.client();
  }

  /** The API server URL, for kubectl/curl while `serve` runs. */
  public String url() {
    return mock.client().getMasterUrl().toString();
  }

  public List<String> namespaces() {
    return namespaces;
  }

  /**
   * What chaos-cleanup can change, without the status fields controllers keep rewriting: Deployments with their
   * replicas and images, ReplicaSets and Pods by name. Equal fingerprints mean nothing was remediated.
   */
  public String fingerprint() {
    TreeSet<String> out = new TreeSet<>();
    for (String ns : namespaces) {
      client().apps().deployments().inNamespace(ns).list().getItems().forEach(d -> out.add("deploy/" + ns + "/"
          + d.getMetadata().getName() + "/" + d.getSpec().getReplicas() + "/" + d.getSpec().getTemplate().getSpec()
          .getContainers().stream().map(c -> c.getImage()).collect(Collectors.joining(","))));
      client().apps().replicaSets().inNamespace(ns).list().getItems()
          .forEach(r -> out.add("rs/" + ns + "/" + r.getMetadata().getName() + "/" + r.getSpec().getReplicas()));
      client().pods().inNamespace(ns).list().getItems().forEach(p -> out.add("pod/" + ns + "/" + p.getMetadata().getName()));
      client().batch().v1().jobs().inNamespace(ns).list().getItems().forEach(j -> out.add("job/" + ns + "/" + j.getMetadata().getName()));
    }
    return String.join("\n", out);
  }

  /** Deployments, their ready replicas and images, for the demo's final report. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    for (String ns : namespaces) {
      client().apps().deployments().inNamespace(ns).list().getItems().forEach(d -> out.add(ns + "/" + d.getMetadata().getName()
          + " replicas=" + d.getSpec().getReplicas() + " image=" + d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()
          + " available=" + (d.getStatus() == null ? null : Objects.requireNonNullElse(d.getStatus().getAvailableReplicas(), 0))));
    }
    return out;
  }

  @Override
  public void close() {
    if (rollouts != null) {
      try {
        rollouts.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ControllerSimulator c : controllers) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    mock.close();
  }
}
