package com.incident.local.sandbox;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the core v1 Events the sandbox's controllers would have the real ones emit (deployment-controller,
 * replicaset-controller, statefulset-controller, kubelet), so `kubectl get events` and the Kubernetes tools see what
 * a rollout or a scale did to the cluster during the run.
 */
final class ClusterEvents {
  static final String WARNING = "Warning";
  static final String NORMAL = "Normal";

  private final KubernetesClient client;

  ClusterEvents(KubernetesClient client) {
    this.client = client;
  }

  /** One event about {@code about}, seen once now, named as the API server names them ({@code <object>.<hex>}). */
  void emit(HasMetadata about, String type, String reason, String message, String component) {
    String now = Instant.now().toString();
    String ns = about.getMetadata().getNamespace();
    client.v1().events().inNamespace(ns).resource(new EventBuilder()
        .withNewMetadata().withName(about.getMetadata().getName() + "." + suffix()).withNamespace(ns).endMetadata()
        .withNewInvolvedObject().withApiVersion(about.getApiVersion()).withKind(about.getKind()).withNamespace(ns)
        .withName(about.getMetadata().getName()).withUid(about.getMetadata().getUid()).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(now).withLastTimestamp(now)
        .withNewSource().withComponent(component).endSource()
        .build()).create();
  }

  private static String suffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
