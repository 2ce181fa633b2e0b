package com.incident.tools.chaos.core;

import static com.incident.tools.chaos.core.Signatures.nullSafe;

import com.incident.common.incident.ChaosScenario;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Decides, from a namespace snapshot, which chaos faults exist and what undoes each. Pure: no I/O. */
public final class Planner {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String POD_TEMPLATE_HASH = "pod-template-hash";
  /** Annotations the Deployment controller owns; `kubectl rollout undo` does not copy them from the ReplicaSet either. */
  private static final Set<String> CONTROLLER_ANNOTATIONS = Set.of(
      REVISION, DESIRED_REPLICAS, "deployment.kubernetes.io/max-replicas", "deployment.kubernetes.io/revision-history",
      "kubectl.kubernetes.io/last-applied-configuration", "deprecated.deployment.rollback.to");

  private Planner() {}

  public static Plan plan(NamespaceSnapshot snapshot, Set<ChaosScenario> scenarios) {
    List<PlannedAction> actions = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    if (scenarios.contains(ChaosScenario.STRESS_WORKLOAD)) {
      stress(snapshot, actions, skipped);
    }
    if (scenarios.contains(ChaosScenario.BAD_IMAGE)) {
      badImage(snapshot, actions, skipped);
    }
    if (scenarios.contains(ChaosScenario.SCALED_TO_ZERO)) {
      scaledToZero(snapshot, actions, skipped);
    }
    return dedupe(actions, skipped);
  }

  /** One action per object: a later scenario never acts on an object an earlier one already changes. */
  private static Plan dedupe(List<PlannedAction> actions, List<Skipped> skipped) {
    Map<ObjectRef, PlannedAction> first = new LinkedHashMap<>();
    List<Skipped> allSkipped = new ArrayList<>(skipped);
    for (PlannedAction a : actions) {
      PlannedAction earlier = first.putIfAbsent(a.target(), a);
      if (earlier != null) {
        allSkipped.add(new Skipped(a.scenario(), a.target(), "already handled by the " + earlier.scenario().id() + " action"));
      }
    }
    return new Plan(List.copyOf(first.values()), allSkipped);
  }

  // --- stress-workload ---------------------------------------------------------------------------

  /** What keeps a stress pod alive: an object to delete, or the reason chaos-cleanup will not delete it. */
  private sealed interface Owner permits StressOwner, NotHandled {}

  private record StressOwner(HasMetadata object, ObjectMeta templateMeta, PodSpec spec) implements Owner {}

  private record NotHandled(String reason) implements Owner {}

  private static void stress(NamespaceSnapshot s, List<PlannedAction> actions, List<Skipped> skipped) {
    Map<ObjectRef, List<Pod>> podsByOwner = new LinkedHashMap<>();
    Map<ObjectRef, StressOwner> owners = new LinkedHashMap<>();
    Map<ObjectRef, String> evidence = new LinkedHashMap<>();
    for (Pod pod : s.pods()) {
      Optional<String> found = Signatures.stressEvidence(pod);
      if (found.isEmpty()) {
        continue;
      }
      StressOwner o;
      switch (stressOwner(pod, s)) {
        case NotHandled n -> {
          skipped.add(new Skipped(ChaosScenario.STRESS_WORKLOAD, ObjectRef.of(pod), n.reason()));
          continue;
        }
        case StressOwner owner -> o = owner;
      }
      ObjectRef ref = ObjectRef.of(o.object());
      owners.putIfAbsent(ref, o);
      evidence.putIfAbsent(ref, "pod " + pod.getMetadata().getName() + ": " + found.get());
      podsByOwner.computeIfAbsent(ref, k -> new ArrayList<>()).add(pod);
    }
    owners.forEach((ref, o) -> {
      List<String> podNames = podsByOwner.get(ref).stream().map(p -> p.getMetadata().getName()).toList();
      boolean marked = Signatures.chaosMarker(o.object().getMetadata()).isPresent()
          || Signatures.chaosMarker(o.templateMeta()).isPresent();
      List<String> appContainers = nullSafe(o.spec().getContainers()).stream()
          .filter(c -> Signatures.stressEvidence(c).isEmpty())
          .map(Container::getName)
          .toList();
      if (!marked && !appContainers.isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.STRESS_WORKLOAD, ref,
            "a stress container runs next to application containers " + appContainers
                + "; deleting " + ref.kind() + " would remove the application, so remove the stress container from its spec instead"));
        return;
      }
      actions.add(new PlannedAction(
          ChaosScenario.STRESS_WORKLOAD, ActionType.DELETE, ref, evidence.get(ref), podNames,
          podNames.size() + " stress pod(s) running",
          ref.kind() + " deleted; its pods terminate",
          new Undo("kubectl apply -f <manifest> (the deleted object, secret-looking values redacted)", null, null,
              Manifests.reapplicable(o.object())),
          o.object()));
    });
  }

  /** The object to delete so the stress pod does not come back, or the reason there is none. */
  private static Owner stressOwner(Pod pod, NamespaceSnapshot s) {
    Optional<OwnerReference> owner = controller(pod.getMetadata());
    if (owner.isEmpty()) {
      return new StressOwner(pod, pod.getMetadata(), pod.getSpec());
    }
    OwnerReference ref = owner.get();
    switch (ref.getKind()) {
      case "ReplicaSet" -> {
        Optional<ReplicaSet> rs = byName(s.replicaSets(), ref.getName());
        if (rs.isEmpty()) {
          return new NotHandled("owner ReplicaSet " + ref.getName() + " not found");
        }
        Optional<OwnerReference> rsOwner = controller(rs.get().getMetadata());
        if (rsOwner.isEmpty() || !rsOwner.get().getKind().equals("Deployment")) {
          return new NotHandled("owned by ReplicaSet " + ref.getName() + " that no Deployment manages; not handled automatically");
        }
        Optional<Deployment> d = byName(s.deployments(), rsOwner.get().getName());
        return d.<Owner>map(dep -> new StressOwner(dep, dep.getSpec().getTemplate().getMetadata(), dep.getSpec().getTemplate().getSpec()))
            .orElse(new NotHandled("owner Deployment " + rsOwner.get().getName() + " not found"));
      }
      case "Job" -> {
        Optional<Job> job = byName(s.jobs(), ref.getName());
        if (job.isEmpty()) {
          return new NotHandled("owner Job " + ref.getName() + " not found");
        }
        Optional<OwnerReference> jobOwner = controller(job.get().getMetadata());
        if (jobOwner.isPresent()) {
          return new NotHandled("Job " + ref.getName() + " is created by " + jobOwner.get().getKind() + " " + jobOwner.get().getName()
              + ", which would start it again; suspend or delete that " + jobOwner.get().getKind() + " by hand");
        }
        Job j = job.get();
        return new StressOwner(j, j.getSpec().getTemplate().getMetadata(), j.getSpec().getTemplate().getSpec());
      }
      default -> {
        return new NotHandled("owned by " + ref.getKind() + " " + ref.getName() + "; only Deployments, Jobs and bare Pods are removed automatically");
      }
    }
  }

  // --- bad-image ---------------------------------------------------------------------------------

  private static void badImage(NamespaceSnapshot s, List<PlannedAction> actions, List<Skipped> skipped) {
    for (Deployment d : s.deployments()) {
      List<ReplicaSet> history = history(d, s);
      if (history.isEmpty()) {
        continue;
      }
      ReplicaSet current = history.get(0);
      List<String> failures = s.pods().stream()
          .filter(p -> controller(p.getMetadata()).map(o -> o.getKind().equals("ReplicaSet")
              && o.getName().equals(current.getMetadata().getName())).orElse(false))
          .flatMap(p -> Signatures.imagePullFailures(p).stream().map(f -> p.getMetadata().getName() + " " + f))
          .toList();
      if (failures.isEmpty()) {
        continue;
      }
      ObjectRef ref = ObjectRef.of(d);
      if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
        skipped.add(new Skipped(ChaosScenario.BAD_IMAGE, ref, "Deployment is paused; resume it before rolling back"));
        continue;
      }
      Map<String, String> badImages = images(current.getSpec().getTemplate());
      List<ReplicaSet> earlier = history.subList(1, history.size()).stream()
          .filter(rs -> !images(rs.getSpec().getTemplate()).equals(badImages))
          .toList();
      Optional<ReplicaSet> target = earlier.stream()
          .filter(rs -> rs.getStatus() != null && nullSafeInt(rs.getStatus().getAvailableReplicas()) > 0)
          .findFirst()
          .or(() -> earlier.stream().findFirst());
      if (target.isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.BAD_IMAGE, ref,
            "pods cannot pull their image but there is no earlier revision with a different image to roll back to"));
        continue;
      }
      ReplicaSet previous = target.get();
      long badRevision = revision(current);
      actions.add(new PlannedAction(
          ChaosScenario.BAD_IMAGE, ActionType.ROLLBACK, ref, String.join("; ", failures.subList(0, Math.min(3, failures.size()))),
          List.of(),
          "revision " + badRevision + " images " + badImages,
          "pod template of revision " + revision(previous) + " images " + images(previous.getSpec().getTemplate()),
          new Undo("kubectl -n " + ref.namespace() + " rollout undo deployment/" + ref.name() + " --to-revision=" + badRevision,
              badImages, null, null),
          rolledBack(d, previous)));
    }
  }

  /** The Deployment with the ReplicaSet's pod template and annotations, as `kubectl rollout undo` writes it. */
  static Deployment rolledBack(Deployment d, ReplicaSet previous) {
    PodTemplateSpec template = new PodTemplateSpecBuilder(previous.getSpec().getTemplate()).build();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
      labels.remove(POD_TEMPLATE_HASH);
      template.getMetadata().setLabels(labels);
    }
    Map<String, String> annotations = new LinkedHashMap<>(nullSafe(d.getMetadata().getAnnotations()));
    nullSafe(previous.getMetadata().getAnnotations()).forEach((k, v) -> {
      if (!CONTROLLER_ANNOTATIONS.contains(k)) {
        annotations.put(k, v);
      }
    });
    return new DeploymentBuilder(d)
        .editMetadata().withAnnotations(annotations).endMetadata()
        .editSpec().withTemplate(template).endSpec()
        .build();
  }

  // --- scaled-to-zero ----------------------------------------------------------------------------

  private static void scaledToZero(NamespaceSnapshot s, List<PlannedAction> actions, List<Skipped> skipped) {
    for (Deployment d : s.deployments()) {
      if (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() != 0) {
        continue;
      }
      ObjectRef ref = ObjectRef.of(d);
      if (Signatures.intentionallyScaledDown(d.getMetadata())) {
        skipped.add(new Skipped(ChaosScenario.SCALED_TO_ZERO, ref,
            "annotated " + Signatures.INTENTIONAL_SCALE_DOWN + "=true (intentionally scaled down)"));
        continue;
      }
      PodTemplateSpec template = d.getSpec().getTemplate();
      if (Signatures.chaosMarker(d.getMetadata()).isPresent() || Signatures.chaosMarker(template.getMetadata()).isPresent()
          || !Signatures.stressContainers(template.getSpec()).isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.SCALED_TO_ZERO, ref, "a chaos workload; scaling it up would restart the fault"));
        continue;
      }
      Restore restore = restoreReplicas(d, s);
      Deployment scaled = new DeploymentBuilder(d).editSpec().withReplicas(restore.replicas()).endSpec().build();
      actions.add(new PlannedAction(
          ChaosScenario.SCALED_TO_ZERO, ActionType.SCALE, ref, "spec.replicas is 0 and not annotated as intentional",
          List.of(), "replicas 0", "replicas " + restore.replicas() + " (from " + restore.source() + ")",
          new Undo("kubectl -n " + ref.namespace() + " scale deployment/" + ref.name() + " --replicas=0", null, 0, null),
          scaled));
    }
  }

  record Restore(int replicas, String source) {}

  /** Last non-zero desired replicas: scale-down annotation, newest ReplicaSet, HPA minimum, else 1. */
  static Restore restoreReplicas(Deployment d, NamespaceSnapshot s) {
    Map<String, String> annotations = nullSafe(d.getMetadata().getAnnotations());
    for (String key : Signatures.ORIGINAL_REPLICAS) {
      Integer n = positive(annotations.get(key));
      if (n != null) {
        return new Restore(n, "annotation " + key);
      }
    }
    for (ReplicaSet rs : history(d, s)) {
      Integer n = positive(nullSafe(rs.getMetadata().getAnnotations()).get(DESIRED_REPLICAS));
      if (n != null) {
        return new Restore(n, "ReplicaSet " + rs.getMetadata().getName() + " (revision " + revision(rs) + ") " + DESIRED_REPLICAS);
      }
    }
    for (HorizontalPodAutoscaler hpa : s.autoscalers()) {
      var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
      if (target != null && "Deployment".equals(target.getKind()) && d.getMetadata().getName().equals(target.getName())) {
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        if (min > 0) {
          return new Restore(min, "HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " minReplicas");
        }
      }
    }
    return new Restore(1, "default, no earlier replica count recorded");
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** The ReplicaSets the Deployment controls, newest revision first. */
  static List<ReplicaSet> history(Deployment d, NamespaceSnapshot s) {
    return s.replicaSets().stream()
        .filter(rs -> controller(rs.getMetadata())
            .map(o -> o.getKind().equals("Deployment") && o.getName().equals(d.getMetadata().getName())
                && (o.getUid() == null || d.getMetadata().getUid() == null || o.getUid().equals(d.getMetadata().getUid())))
            .orElse(false))
        .sorted(Comparator.comparingLong(Planner::revision).reversed())
        .toList();
  }

  static long revision(HasMetadata o) {
    String v = nullSafe(o.getMetadata().getAnnotations()).get(REVISION);
    try {
      return v == null ? 0 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static Map<String, String> images(PodTemplateSpec template) {
    Map<String, String> out = new LinkedHashMap<>();
    if (template != null && template.getSpec() != null) {
      nullSafe(template.getSpec().getContainers()).forEach(c -> out.put(c.getName(), c.getImage()));
    }
    return out;
  }

  private static Optional<OwnerReference> controller(ObjectMeta meta) {
    List<OwnerReference> refs = nullSafe(meta.getOwnerReferences());
    return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().or(() -> refs.stream().findFirst());
  }

  private static <T extends HasMetadata> Optional<T> byName(List<T> objects, String name) {
    return objects.stream().filter(o -> Objects.equals(o.getMetadata().getName(), name)).findFirst();
  }

  private static Integer positive(String value) {
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int nullSafeInt(Integer i) {
    return i == null ? 0 : i;
  }
}
