package com.incident.tools.kubernetes;

import com.incident.common.redact.Redactor;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.kube.chaos.Resource;
import com.incident.kube.chaos.Signatures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure conversions from fabric8 objects to the contract's records; every free text passes the shared redactor. */
final class Views {
  /** Longest free text (messages, annotation values, command words) kept; the rest is cut with an ellipsis. */
  static final int MAX_TEXT = 300;

  private Views() {}

  static String text(String s) {
    if (s == null) {
      return null;
    }
    String redacted = Redactor.DEFAULT.redact(s);
    return redacted.length() <= MAX_TEXT ? redacted : redacted.substring(0, MAX_TEXT) + "…";
  }

  static List<String> texts(List<String> words) {
    return words == null ? List.of() : words.stream().map(Views::text).toList();
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  static int n(Integer i) {
    return i == null ? 0 : i;
  }

  /** The controlling owner (or the first owner when none is marked as controller). */
  static Optional<OwnerReference> controller(ObjectMeta meta) {
    List<OwnerReference> refs = list(meta.getOwnerReferences());
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().or(() -> refs.stream().findFirst());
  }

  static boolean controlledBy(ObjectMeta child, String kind, ObjectMeta owner) {
    return controller(child).map(o -> o.getKind().equals(kind) && o.getName().equals(owner.getName())
        && (o.getUid() == null || owner.getUid() == null || o.getUid().equals(owner.getUid()))).orElse(false);
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && list(pod.getStatus().getConditions()).stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Ready from the Ready condition, or, when the status carries no conditions, from every container being ready. */
  static boolean podReady(Pod pod) {
    if (pod.getStatus() == null) {
      return false;
    }
    if (!list(pod.getStatus().getConditions()).isEmpty()) {
      return ready(pod);
    }
    List<ContainerStatus> statuses = list(pod.getStatus().getContainerStatuses());
    return "Running".equals(pod.getStatus().getPhase()) && !statuses.isEmpty()
        && statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
  }

  static int restarts(Pod pod) {
    return pod.getStatus() == null ? 0
        : list(pod.getStatus().getContainerStatuses()).stream().mapToInt(s -> n(s.getRestartCount())).sum();
  }

  /** How unhealthy a pod looks, for ordering: not ready, a waiting or terminated container, restarts. */
  static int trouble(Pod pod) {
    int score = podReady(pod) ? 0 : 4;
    if (pod.getStatus() != null && list(pod.getStatus().getContainerStatuses()).stream()
        .anyMatch(s -> s.getState() != null && (s.getState().getWaiting() != null || s.getState().getTerminated() != null))) {
      score += 2;
    }
    return score + (restarts(pod) > 0 ? 1 : 0);
  }

  static K8sWorkloadResult.Pod pod(Pod p) {
    String revision = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("controller-revision-hash");
    Optional<OwnerReference> owner = controller(p.getMetadata());
    if (owner.isPresent() && owner.get().getKind().equals("ReplicaSet")) {
      revision = owner.get().getName();
    }
    List<K8sWorkloadResult.Container> containers = new ArrayList<>();
    for (Container c : list(p.getSpec() == null ? null : p.getSpec().getContainers())) {
      ContainerStatus status = p.getStatus() == null ? null : list(p.getStatus().getContainerStatuses()).stream()
          .filter(s -> c.getName().equals(s.getName())).findFirst().orElse(null);
      containers.add(container(c, status, p));
    }
    return new K8sWorkloadResult.Pod(p.getMetadata().getName(), p.getStatus() == null ? "Unknown" : orUnknown(p.getStatus().getPhase()),
        p.getSpec() == null ? null : p.getSpec().getNodeName(), revision, podReady(p), p.getMetadata().getCreationTimestamp(),
        containers);
  }

  static K8sWorkloadResult.Container container(Container c, ContainerStatus s, Pod pod) {
    String state;
    String reason = null;
    String message = null;
    String startedAt = null;
    ContainerState st = s == null ? null : s.getState();
    if (st != null && st.getRunning() != null) {
      state = "running";
      startedAt = st.getRunning().getStartedAt();
    } else if (st != null && st.getTerminated() != null) {
      state = "terminated";
      reason = st.getTerminated().getReason();
      message = st.getTerminated().getMessage();
      startedAt = st.getTerminated().getStartedAt();
    } else {
      state = "waiting";
      if (st != null && st.getWaiting() != null) {
        reason = st.getWaiting().getReason();
        message = st.getWaiting().getMessage();
      } else {
        // No status yet: the pod's own conditions say why (e.g. PodScheduled False, Unschedulable).
        Optional<PodCondition> failing = pod.getStatus() == null ? Optional.empty() : list(pod.getStatus().getConditions())
            .stream().filter(k -> "False".equals(k.getStatus()) && k.getReason() != null).findFirst();
        reason = failing.map(PodCondition::getReason).orElse(null);
        message = failing.map(PodCondition::getMessage).orElse(null);
      }
    }
    ContainerStateTerminated last = s == null || s.getLastState() == null ? null : s.getLastState().getTerminated();
    K8sWorkloadResult.Termination termination = last == null ? null
        : new K8sWorkloadResult.Termination(last.getReason(), last.getExitCode(), last.getStartedAt(), last.getFinishedAt());
    return new K8sWorkloadResult.Container(c.getName(), c.getImage(), texts(c.getCommand()), texts(c.getArgs()), state, reason, text(message), startedAt,
        s == null ? 0 : n(s.getRestartCount()), termination, resources(c.getResources()), loadGenerator(c).orElse(null));
  }

  static K8sWorkloadResult.Resources resources(ResourceRequirements r) {
    Map<String, Quantity> requests = r == null ? Map.of() : map(r.getRequests());
    Map<String, Quantity> limits = r == null ? Map.of() : map(r.getLimits());
    return new K8sWorkloadResult.Resources(str(requests.get("cpu")), str(limits.get("cpu")), str(requests.get("memory")),
        str(limits.get("memory")));
  }

  private static String str(Quantity q) {
    return q == null ? null : q.toString();
  }

  /** The shared chaos signature: whether the container's long-running process is a load generator. */
  static Optional<K8sWorkloadResult.LoadGenerator> loadGenerator(Container c) {
    return Signatures.stress(c).map(s -> new K8sWorkloadResult.LoadGenerator(texts(s.process()),
        s.stresses().stream().sorted().map(Resource::id).toList(), text(s.evidence())));
  }

  /** The first load generator among the pod's containers. */
  static Optional<K8sWorkloadResult.LoadGenerator> loadGenerator(PodSpec spec) {
    return list(spec == null ? null : spec.getContainers()).stream().map(Views::loadGenerator).flatMap(Optional::stream)
        .findFirst();
  }

  /** A quantity in base units (cores, bytes), as Kubernetes reads it. */
  static BigDecimal amount(Quantity q) {
    return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
  }

  static String orUnknown(String s) {
    return s == null ? "Unknown" : s;
  }
}
