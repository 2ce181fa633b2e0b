package com.incident.tools.kubernetes;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NODE;

import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The retail store on the fabric8 mock API server with one incident of each kind the read-only tools must show:
 * orders OOM-killed and restarting, catalog rolled out to an image that does not exist, carts scaled to zero by
 * hand, a stress-ng load generator in a Deployment with an innocent name, and nginx in a container named like a
 * stress test; stress-ng in kube-system, where chaos-cleanup never acts. Plus the node, the Services with their
 * endpoints, events and pod logs.
 */
final class IncidentCluster {
  static final String BAD_IMAGE = RetailStoreCluster.IMAGE_REPO + "catalog:9.9.9-typo";
  static final String GOOD_CATALOG = RetailStoreCluster.image("catalog", RetailStoreCluster.VERSION);
  static final String HIDDEN_STRESS = "payment-reconciler";
  static final String LOOKALIKE = "stress-dashboard";
  static final String LEAKED_KEY = "AKIAIOSFODNN7EXAMPLE";

  final KubeMock kube;
  final RetailStoreCluster retail;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  Pod oomPod;

  IncidentCluster(KubeMock kube) {
    this.kube = kube;
    this.retail = new RetailStoreCluster(kube.client()).seedApp(NAMESPACE);
  }

  KubernetesClient client() {
    return kube.client();
  }

  static IncidentCluster seeded(KubeMock kube) {
    IncidentCluster c = new IncidentCluster(kube);
    c.node();
    c.services();
    c.oomKilledOrders();
    c.retail.badImageRollout(NAMESPACE, "catalog", BAD_IMAGE);
    c.scaledToZeroCarts();
    c.hiddenStress();
    c.lookalike();
    c.retail.stressInKubeSystem();
    c.events();
    return c;
  }

  void node() {
    client().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus()
        .addToAllocatable("cpu", new Quantity("3920m")).addToAllocatable("memory", new Quantity("15Gi"))
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
        .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory").endCondition()
        .addNewCondition().withType("DiskPressure").withStatus("False").endCondition()
        .addNewCondition().withType("PIDPressure").withStatus("False").endCondition()
        .endStatus().build()).create();
  }

  /** A Service per app with its endpoints: orders has one ready and one not-ready address, carts none. */
  void services() {
    for (String app : RetailStoreCluster.SERVICES) {
      client().resource(new ServiceBuilder().withNewMetadata().withName(app).withNamespace(NAMESPACE).endMetadata()
          .withNewSpec().withSelector(Map.of("app.kubernetes.io/instance", app, "app.kubernetes.io/name", app))
          .addNewPort().withPort(80).endPort().endSpec().build()).create();
      var endpoints = new EndpointsBuilder().withNewMetadata().withName(app).withNamespace(NAMESPACE).endMetadata();
      if (app.equals("orders")) {
        endpoints.addNewSubset().addNewAddress().withIp("10.0.12.10").endAddress()
            .addNewNotReadyAddress().withIp("10.0.12.11").endNotReadyAddress().endSubset();
      } else if (!app.equals("carts")) {
        endpoints.addNewSubset().addNewAddress().withIp("10.0.12.20").endAddress().addNewAddress().withIp("10.0.12.21")
            .endAddress().endSubset();
      }
      client().resource(endpoints.build()).create();
    }
  }

  /** orders: one of its pods was OOM-killed three times and now waits in CrashLoopBackOff. */
  void oomKilledOrders() {
    ReplicaSet current = currentReplicaSet("orders");
    Pod healthy = client().pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getOwnerReferences().getFirst().getName().equals(current.getMetadata().getName()))
        .findFirst().orElseThrow();
    client().resource(healthy).delete();
    var status = new ContainerStatusBuilder().withName("orders").withImage(RetailStoreCluster.image("orders", RetailStoreCluster.VERSION))
        .withReady(false).withRestartCount(3)
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
        .withMessage("back-off 40s restarting failed container=orders").endWaiting().endState()
        .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
        .withStartedAt("2026-11-21T03:10:00Z").withFinishedAt("2026-11-21T03:12:00Z").endTerminated().endLastState().build();
    oomPod = retail.pod(current, 7, current.getSpec().getTemplate(), "Running", List.of(status));
    kube.putPodLog(NAMESPACE, oomPod.getMetadata().getName(), "orders", false,
        "Started OrdersApplication in 4.2 seconds\nGET /orders 200\n");
    kube.putPodLog(NAMESPACE, oomPod.getMetadata().getName(), "orders", true, String.join("\n",
        "Started OrdersApplication in 4.1 seconds",
        "loading order cache with aws_access_key_id=" + LEAKED_KEY,
        "java.lang.OutOfMemoryError: Java heap space",
        "\tat com.amazon.sample.orders.OrderCache.load(OrderCache.java:88)") + "\n");
  }

  /** carts: scaled to zero by `kubectl scale` although its last applied manifest says 2. */
  void scaledToZeroCarts() {
    retail.scaleToZero(NAMESPACE, "carts");
    Deployment d = client().apps().deployments().inNamespace(NAMESPACE).withName("carts").get();
    d.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration",
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":2}}");
    client().resource(d).update();
  }

  /** stress-ng started from a shell in a container called "worker" of a Deployment called like an application. */
  void hiddenStress() {
    retail.workload(NAMESPACE, HIDDEN_STRESS, Map.of("app.kubernetes.io/name", HIDDEN_STRESS), 1, List.of(List.of(
        new ContainerBuilder().withName("worker").withImage("public.ecr.aws/docker/library/alpine:3.20")
            .withCommand("/bin/sh", "-c", "apk add --no-cache stress-ng >/dev/null; exec stress-ng --cpu 2 --cpu-load 95 --timeout 1h")
            .withNewResources().addToRequests("cpu", new Quantity("1500m")).addToRequests("memory", new Quantity("64Mi")).endResources()
            .build())));
  }

  /** nginx in a container named stress-runner of a Deployment named stress-dashboard. */
  void lookalike() {
    retail.workload(NAMESPACE, LOOKALIKE, Map.of("app.kubernetes.io/name", LOOKALIKE), 1, List.of(List.of(
        new ContainerBuilder().withName("stress-runner").withImage("public.ecr.aws/nginx/nginx:1.27")
            .withArgs("nginx", "-g", "daemon off;").build())));
  }

  /** Warnings for catalog's new pod and orders' pod, a Normal one, and a warning from long before the incident. */
  void events() {
    Pod catalogPod = client().pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> p.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getState().getWaiting() != null
            && "ImagePullBackOff".equals(s.getState().getWaiting().getReason())))
        .findFirst().orElseThrow();
    event("catalog-pull-1", "Warning", "Failed", catalogPod, "Failed to pull image \"" + BAD_IMAGE + "\": not found", 4, 9, 2);
    event("catalog-pull-2", "Warning", "Failed", catalogPod, "Failed to pull image \"" + BAD_IMAGE + "\": not found", 3, 3, 1);
    event("catalog-backoff", "Warning", "BackOff", catalogPod, "Back-off pulling image \"" + BAD_IMAGE + "\"", 12, 8, 1);
    event("orders-oom", "Warning", "BackOff", oomPod, "Back-off restarting failed container orders", 5, 6, 2);
    event("orders-pulled", "Normal", "Pulled", oomPod, "Container image already present on machine", 1, 6, 2);
    event("ancient", "Warning", "FailedMount", oomPod, "an old problem", 1, 300, 290);
  }

  private void event(String name, String type, String reason, Pod pod, String message, int count, int firstMinutesAgo,
      int lastMinutesAgo) {
    client().resource(new EventBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withType(type).withReason(reason).withMessage(message).withCount(count)
        .withFirstTimestamp(now.minus(firstMinutesAgo, ChronoUnit.MINUTES).toString())
        .withLastTimestamp(now.minus(lastMinutesAgo, ChronoUnit.MINUTES).toString())
        .withNewInvolvedObject().withKind("Pod").withNamespace(NAMESPACE).withName(pod.getMetadata().getName()).endInvolvedObject()
        .build()).create();
  }

  ReplicaSet currentReplicaSet(String deployment) {
    Deployment d = client().apps().deployments().inNamespace(NAMESPACE).withName(deployment).get();
    String revision = d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
    return client().apps().replicaSets().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(rs -> rs.getMetadata().getOwnerReferences().getFirst().getName().equals(deployment)
            && revision.equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
        .findFirst().orElseThrow();
  }
}
