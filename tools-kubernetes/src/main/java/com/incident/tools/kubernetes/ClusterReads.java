package com.incident.tools.kubernetes;

import com.incident.kube.chaos.NamespaceReader;
import com.incident.kube.chaos.NamespaceSnapshot;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything this target reads from the cluster, and the only class that holds the client: get, list and the pod log
 * subresource, nothing else. No Secret or ConfigMap is ever read. Kubernetes failures propagate as
 * {@link io.fabric8.kubernetes.client.KubernetesClientException}; {@link KubernetesTarget} turns them into answers.
 */
final class ClusterReads {
  static final String RBAC_DOC = "docs/tools-kubernetes.md";
  private final Supplier<KubernetesClient> client;
  private final NamespaceReader namespaces;

  ClusterReads(Supplier<KubernetesClient> client) {
    this.client = client;
    this.namespaces = new NamespaceReader(client, RBAC_DOC);
  }

  private KubernetesClient c() {
    return client.get();
  }

  NamespaceSnapshot chaosSnapshot(String namespace) {
    return namespaces.snapshot(namespace);
  }

  Pod pod(String namespace, String name) {
    return c().pods().inNamespace(namespace).withName(name).get();
  }

  List<Pod> pods(String namespace) {
    return c().pods().inNamespace(namespace).list().getItems();
  }

  List<Pod> pods(String namespace, String labelSelector) {
    return c().pods().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems();
  }

  /**
   * Pods scheduled on the node. One list of every pod, filtered here: the API server's spec.nodeName field selector
   * would send less, but not every API implementation (the fabric8 mock server among them) evaluates it.
   */
  List<Pod> podsOnNode(String node) {
    return allPods().stream().filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName())).toList();
  }

  List<Pod> allPods() {
    return c().pods().inAnyNamespace().list().getItems();
  }

  Deployment deployment(String namespace, String name) {
    return c().apps().deployments().inNamespace(namespace).withName(name).get();
  }

  StatefulSet statefulSet(String namespace, String name) {
    return c().apps().statefulSets().inNamespace(namespace).withName(name).get();
  }

  DaemonSet daemonSet(String namespace, String name) {
    return c().apps().daemonSets().inNamespace(namespace).withName(name).get();
  }

  Job job(String namespace, String name) {
    return c().batch().v1().jobs().inNamespace(namespace).withName(name).get();
  }

  ReplicaSet replicaSet(String namespace, String name) {
    return c().apps().replicaSets().inNamespace(namespace).withName(name).get();
  }

  List<Deployment> deployments(String namespace, String labelSelector) {
    return c().apps().deployments().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems();
  }

  List<StatefulSet> statefulSets(String namespace, String labelSelector) {
    return c().apps().statefulSets().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems();
  }

  List<DaemonSet> daemonSets(String namespace, String labelSelector) {
    return c().apps().daemonSets().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems();
  }

  List<Job> jobs(String namespace, String labelSelector) {
    return c().batch().v1().jobs().inNamespace(namespace).withLabelSelector(labelSelector).list().getItems();
  }

  List<ReplicaSet> replicaSets(String namespace) {
    return c().apps().replicaSets().inNamespace(namespace).list().getItems();
  }

  List<ControllerRevision> controllerRevisions(String namespace) {
    return c().apps().controllerRevisions().inNamespace(namespace).list().getItems();
  }

  List<Service> services(String namespace) {
    return c().services().inNamespace(namespace).list().getItems();
  }

  Endpoints endpoints(String namespace, String name) {
    return c().endpoints().inNamespace(namespace).withName(name).get();
  }

  List<HorizontalPodAutoscaler> autoscalers(String namespace) {
    return c().autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems();
  }

  List<Event> events(String namespace) {
    return c().v1().events().inNamespace(namespace).list().getItems();
  }

  List<Node> nodes() {
    return c().nodes().list().getItems();
  }

  Node node(String name) {
    return c().nodes().withName(name).get();
  }

  /** The tail of the running (or last) container's log, at most {@code limitBytes} bytes. */
  String log(String namespace, String pod, String container, int tailLines, int limitBytes) {
    return c().pods().inNamespace(namespace).withName(pod).inContainer(container).limitBytes(limitBytes)
        .tailingLines(tailLines).getLog();
  }

  /** The tail of the previous container instance's log ({@code kubectl logs --previous}). */
  String previousLog(String namespace, String pod, String container, int tailLines) {
    return c().pods().inNamespace(namespace).withName(pod).inContainer(container).terminated().tailingLines(tailLines)
        .getLog();
  }
}
