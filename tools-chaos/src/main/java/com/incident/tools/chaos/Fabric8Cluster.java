package com.incident.tools.chaos;

import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Verification;
import com.incident.common.tool.result.ChaosCleanupResult.VerificationStatus;
import com.incident.kube.chaos.NamespaceReader;
import com.incident.kube.chaos.NamespaceSnapshot;
import com.incident.kube.chaos.PlannedAction;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Changes and watches the cluster through fabric8 (reads through the shared {@link NamespaceReader}). Every Kubernetes failure becomes a short English reason. */
final class Fabric8Cluster {
  /** The first re-read comes soon (a controller often reacts within 100 ms), later ones every 500 ms at most. */
  static final Duration FIRST_POLL = Duration.ofMillis(100);
  static final Duration MAX_POLL = Duration.ofMillis(500);
  private final Supplier<KubernetesClient> client;
  private final NamespaceReader reader;
  private final Clock clock;

  Fabric8Cluster(Supplier<KubernetesClient> client, Clock clock) {
    this.client = client;
    this.reader = new NamespaceReader(client, "docs/tools-chaos.md");
    this.clock = clock;
  }

  NamespaceSnapshot snapshot(String namespace) {
    return reader.snapshot(namespace);
  }

  /** Applies one action; returns null on success or the reason it failed. */
  String apply(PlannedAction action) {
    KubernetesClient c = client.get();
    try {
      if (action.type() == ActionType.DELETE) {
        // Background propagation: batch/v1 Jobs default to orphaning their pods, which would leave the stress running.
        List<StatusDetails> deleted = c.resource(action.change()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        return deleted.isEmpty() ? "already gone when the delete was sent" : null;
      }
      c.resource((Deployment) action.change()).update();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return "the object changed since it was read (HTTP 409 conflict); run chaos-cleanup again to re-plan";
      }
      return NamespaceReader.reason(e);
    }
  }

  /** Waits until the Deployment is available or the stress pods are gone, at most until {@code deadline}. */
  Verification verify(PlannedAction action, Instant deadline) {
    try {
      return action.type() == ActionType.DELETE ? podsGone(action, deadline) : deploymentAvailable(action, deadline);
    } catch (KubernetesClientException e) {
      return new Verification(VerificationStatus.NOT_CHECKED, "could not watch: " + NamespaceReader.reason(e));
    }
  }

  private Verification podsGone(PlannedAction action, Instant deadline) {
    var pods = client.get().pods().inNamespace(action.target().namespace());
    Set<String> watched = Set.copyOf(action.pods());
    List<String> remaining = pollUntil(
        () -> pods.list().getItems().stream().map(p -> p.getMetadata().getName()).filter(watched::contains).sorted().toList(),
        List::isEmpty, deadline);
    int total = watched.size();
    if (remaining.isEmpty()) {
      return new Verification(VerificationStatus.PODS_GONE, "pods gone (" + total + "/" + total + ")");
    }
    return new Verification(VerificationStatus.TIMED_OUT, "after " + waited(deadline) + ", " + remaining.size() + " of " + total
        + " pods still present (terminating): " + String.join(", ", remaining));
  }

  private Verification deploymentAvailable(PlannedAction action, Instant deadline) {
    var resource = client.get().apps().deployments().inNamespace(action.target().namespace()).withName(action.target().name());
    Deployment d = pollUntil(resource::get, Fabric8Cluster::available, deadline);
    if (available(d)) {
      return new Verification(VerificationStatus.AVAILABLE, "Deployment available (" + counts(d) + ")");
    }
    return new Verification(VerificationStatus.TIMED_OUT, "not available yet after " + waited(deadline) + " (" + counts(d) + ")");
  }

  /**
   * Reads until {@code done} or the deadline. Polling rather than a watch: a watch opened just after the
   * last change can miss it, and a few GETs a second are nothing for the API server.
   */
  private <T> T pollUntil(Supplier<T> read, Predicate<T> done, Instant deadline) {
    T value = read.get();
    long interval = FIRST_POLL.toMillis();
    while (!done.test(value)) {
      long left = millisUntil(deadline);
      if (left <= 0) {
        return value;
      }
      try {
        Thread.sleep(Math.min(interval, left));
        interval = Math.min(interval * 2, MAX_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return value;
      }
      value = read.get();
    }
    return value;
  }

  /** Available the way `kubectl rollout status` means it: the new template is rolled out and every replica is available. */
  static boolean available(Deployment d) {
    if (d == null || d.getStatus() == null || d.getSpec() == null) {
      return false;
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    DeploymentStatus s = d.getStatus();
    Long generation = d.getMetadata().getGeneration();
    boolean observed = generation == null || (s.getObservedGeneration() != null && s.getObservedGeneration() >= generation);
    return observed && desired > 0 && n(s.getUpdatedReplicas()) >= desired && n(s.getAvailableReplicas()) >= desired;
  }

  private static String counts(Deployment d) {
    if (d == null) {
      return "Deployment no longer exists";
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    return n(s.getAvailableReplicas()) + "/" + desired + " available, " + n(s.getUpdatedReplicas()) + "/" + desired + " updated";
  }

  private long millisUntil(Instant deadline) {
    return Duration.between(clock.instant(), deadline).toMillis();
  }

  private String waited(Instant deadline) {
    return "the verification window (until " + deadline + ")";
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }
}
