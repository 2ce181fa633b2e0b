package com.incident.kube.chaos;

import static com.incident.kube.chaos.Signatures.nullSafe;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Undo;
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
  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String POD_TEMPLATE_HASH = "pod-template-hash";
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** Our own opt-out: a zero-replica Deployment with this annotation set to "true" is left alone. */
  public static final String INTENTIONAL_SCALE_DOWN = "incident.chaos/intentional-scale-down";
  /** kube-downscaler's annotations (downscaler/original-replicas, downtime, uptime, ...): it scales to zero on a schedule. */
  static final String DOWNSCALER_PREFIX = "downscaler/";
  static final String KEDA_PAUSED = "autoscaling.keda.sh/paused-replicas";
  /** The label KEDA puts on the HorizontalPodAutoscaler it creates for a ScaledObject. */
  static final String KEDA_SCALED_OBJECT_LABEL = "scaledobject.keda.sh/name";
  /** Annotations the Deployment controller owns; `kubectl rollout undo` does not copy them from the ReplicaSet either. */
  private static final Set<String> CONTROLLER_ANNOTATIONS = Set.of(
      REVISION, DESIRED_REPLICAS, "deployment.kubernetes.io/max-replicas", "deployment.kubernetes.io/revision-history",
      "kubectl.kubernetes.io/last-applied-configuration", "deprecated.deployment.rollback.to");

  private Planner() {}

  public static Plan plan(NamespaceSnapshot snapshot, Set<ChaosScenario> scenarios, IncidentScope scope) {
    List<PlannedAction> actions = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    if (scenarios.contains(ChaosScenario.STRESS_WORKLOAD)) {
      stress(snapshot, scope, actions, skipped);
    }
    if (scenarios.contains(ChaosScenario.BAD_IMAGE)) {
      badImage(snapshot, scope, actions, skipped);
    }
    if (scenarios.contains(ChaosScenario.SCALED_TO_ZERO)) {
      scaledToZero(snapshot, scope, actions, skipped);
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

  private record StressOwner(HasMetadata object, PodSpec spec) implements Owner {}

  private record NotHandled(String reason) implements Owner {}

  private static void stress(NamespaceSnapshot s, IncidentScope scope, List<PlannedAction> actions, List<Skipped> skipped) {
    Map<ObjectRef, List<Pod>> podsByOwner = new LinkedHashMap<>();
    Map<ObjectRef, StressOwner> owners = new LinkedHashMap<>();
    Map<ObjectRef, String> evidence = new LinkedHashMap<>();
    Map<ObjectRef, String> unexplained = new LinkedHashMap<>();
    for (Pod pod : s.pods()) {
      List<Signatures.Stress> found = Signatures.stressContainers(pod.getSpec());
      if (found.isEmpty()) {
        continue;
      }
      ObjectRef podRef = ObjectRef.of(pod);
      String node = pod.getSpec().getNodeName();
      boolean sameNode = scope.node() != null && scope.node().equals(node);
      boolean sameNamespace = scope.namespace() != null && scope.namespace().equals(s.namespace());
      if (!sameNode && !sameNamespace) {
        skipped.add(Skipped.outOfScope(ChaosScenario.STRESS_WORKLOAD, podRef, "runs a load generator on node " + node
            + ", not on the alarmed node " + scope.node()));
        continue;
      }
      Optional<String> notExplaining = explainsTheAlarm(pod, found, scope);
      StressOwner o;
      switch (stressOwner(pod, s)) {
        case NotHandled n -> {
          skipped.add(notExplaining.map(u -> Skipped.outOfScope(ChaosScenario.STRESS_WORKLOAD, podRef, u))
              .orElse(new Skipped(ChaosScenario.STRESS_WORKLOAD, podRef, n.reason())));
          continue;
        }
        case StressOwner owner -> o = owner;
      }
      ObjectRef ref = ObjectRef.of(o.object());
      if (notExplaining.isPresent()) {
        unexplained.putIfAbsent(ref, "pod " + pod.getMetadata().getName() + ": " + notExplaining.get());
        continue;
      }
      owners.putIfAbsent(ref, o);
      Signatures.Stress first = found.stream()
          .filter(f -> Signatures.running(pod, f.container()) && f.stresses().contains(scope.resource())).findFirst().orElseThrow();
      evidence.putIfAbsent(ref, "pod " + pod.getMetadata().getName() + (node == null ? "" : " on node " + node) + ": "
          + first.evidence() + ", running; the alarm is about " + scope.resource().id()
          + (sameNode ? " on this node" : " in namespace " + s.namespace()));
      podsByOwner.computeIfAbsent(ref, k -> new ArrayList<>()).add(pod);
    }
    // One pod whose load explains the alarm is enough to act on its owner; an owner with none is out of scope.
    unexplained.forEach((ref, why) -> {
      if (!owners.containsKey(ref)) {
        skipped.add(Skipped.outOfScope(ChaosScenario.STRESS_WORKLOAD, ref, why));
      }
    });
    owners.forEach((ref, o) -> {
      List<String> podNames = podsByOwner.get(ref).stream().map(p -> p.getMetadata().getName()).toList();
      List<String> appContainers = nullSafe(o.spec().getContainers()).stream()
          .filter(c -> Signatures.stress(c).isEmpty())
          .map(Container::getName)
          .toList();
      if (!appContainers.isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.STRESS_WORKLOAD, ref,
            "a stress container runs next to application containers " + appContainers
                + "; deleting " + ref.kind() + " would remove the application, so remove the stress container from its spec instead"));
        return;
      }
      actions.add(new PlannedAction(
          ChaosScenario.STRESS_WORKLOAD, ActionType.DELETE, ref, evidence.get(ref), podNames,
          podNames.size() + " stress pod(s) running",
          ref.kind() + " deleted; its pods terminate",
          new Undo("re-create the deleted " + ref.kind() + " from undo.manifest saved as " + UndoCommands.MANIFEST_FILE
              + " (secret-looking values are redacted: put the real ones back first)", UndoCommands.apply(ref), null, null,
              null, Manifests.reapplicable(o.object())),
          o.object()));
    });
  }

  /**
   * Empty when the load generator explains the alarm: it is running and loads the resource the alarm measures.
   * Otherwise why it does not (the signal is the pod's own state and the stressors of its command line; see
   * docs/tools-chaos.md).
   */
  private static Optional<String> explainsTheAlarm(Pod pod, List<Signatures.Stress> found, IncidentScope scope) {
    if (scope.resource() == null) {
      return Optional.of("runs a load generator, but the alarm is not about CPU or memory, so it does not explain it");
    }
    List<Signatures.Stress> running = found.stream().filter(f -> Signatures.running(pod, f.container())).toList();
    if (running.isEmpty()) {
      return Optional.of("its load generator is not running (phase "
          + (pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase()) + "), so it consumes nothing");
    }
    if (running.stream().noneMatch(f -> f.stresses().contains(scope.resource()))) {
      return Optional.of(running.getFirst().evidence() + "; the alarm is about " + scope.resource().id() + ", which it does not load");
    }
    return Optional.empty();
  }

  /** The object to delete so the stress pod does not come back, or the reason there is none. */
  private static Owner stressOwner(Pod pod, NamespaceSnapshot s) {
    Optional<OwnerReference> owner = controller(pod.getMetadata());
    if (owner.isEmpty()) {
      return new StressOwner(pod, pod.getSpec());
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
        return d.<Owner>map(dep -> new StressOwner(dep, dep.getSpec().getTemplate().getSpec()))
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
        return new StressOwner(j, j.getSpec().getTemplate().getSpec());
      }
      default -> {
        return new NotHandled("owned by " + ref.getKind() + " " + ref.getName() + "; only Deployments, Jobs and bare Pods are removed automatically");
      }
    }
  }

  // --- bad-image ---------------------------------------------------------------------------------

  private static void badImage(NamespaceSnapshot s, IncidentScope scope, List<PlannedAction> actions, List<Skipped> skipped) {
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
      if (!alarmed(d, s, scope)) {
        skipped.add(Skipped.outOfScope(ChaosScenario.BAD_IMAGE, ref, "pods cannot pull their image, but it is not the alarmed workload ("
            + scope + ")"));
        continue;
      }
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
          undoRollback(ref, badRevision, badImages),
          rolledBack(d, previous)));
    }
  }

  /**
   * Back to the revision that was live before the rollback: its ReplicaSet keeps that revision number (the
   * controller gives the restored ReplicaSet a new one), so `rollout undo --to-revision` finds it. Without a
   * revision number the images are set back instead.
   */
  static Undo undoRollback(ObjectRef ref, long badRevision, Map<String, String> badImages) {
    if (badRevision > 0) {
      return new Undo("roll back to revision " + badRevision + ", the pod template live before this action",
          UndoCommands.rolloutUndo(ref, badRevision), badRevision, badImages, null, null);
    }
    return new Undo("set the images live before this action back (the revision it replaced has no revision number)",
        UndoCommands.setImage(ref, badImages), null, badImages, null, null);
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

  private static void scaledToZero(NamespaceSnapshot s, IncidentScope scope, List<PlannedAction> actions, List<Skipped> skipped) {
    for (Deployment d : s.deployments()) {
      if (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() != 0) {
        continue;
      }
      ObjectRef ref = ObjectRef.of(d);
      if (!alarmed(d, s, scope)) {
        skipped.add(Skipped.outOfScope(ChaosScenario.SCALED_TO_ZERO, ref, "at 0 replicas, but it is not the alarmed workload ("
            + scope + ")"));
        continue;
      }
      Optional<String> intended = intendedZero(d, s);
      if (intended.isPresent()) {
        skipped.add(new Skipped(ChaosScenario.SCALED_TO_ZERO, ref, "the zero is intended: " + intended.get()));
        continue;
      }
      if (!Signatures.stressContainers(d.getSpec().getTemplate().getSpec()).isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.SCALED_TO_ZERO, ref, "runs a load generator; scaling it up would start a fault"));
        continue;
      }
      Optional<Restore> restore = restoreReplicas(d, s);
      if (restore.isEmpty()) {
        skipped.add(new Skipped(ChaosScenario.SCALED_TO_ZERO, ref, "no trustworthy replica count in its own history "
            + "(no last-applied-configuration with replicas, no ReplicaSet with a non-zero " + DESIRED_REPLICAS
            + "); not guessing, scale it by hand"));
        continue;
      }
      Deployment scaled = new DeploymentBuilder(d).editSpec().withReplicas(restore.get().replicas()).endSpec().build();
      actions.add(new PlannedAction(
          ChaosScenario.SCALED_TO_ZERO, ActionType.SCALE, ref,
          "the alarmed Deployment is at spec.replicas 0 and no scale-to-zero tool or opt-out annotation claims the zero",
          List.of(), "replicas 0", "replicas " + restore.get().replicas() + " (from " + restore.get().source() + ")",
          new Undo("scale back to the 0 replicas it had", UndoCommands.scale(ref, 0), null, null, 0, null),
          scaled));
    }
  }

  /** Why a zero-replica Deployment is at zero on purpose, if something says so. */
  static Optional<String> intendedZero(Deployment d, NamespaceSnapshot s) {
    Map<String, String> annotations = nullSafe(d.getMetadata().getAnnotations());
    if ("true".equalsIgnoreCase(annotations.get(INTENTIONAL_SCALE_DOWN))) {
      return Optional.of("annotated " + INTENTIONAL_SCALE_DOWN + "=true");
    }
    Optional<String> downscaler = annotations.keySet().stream()
        .filter(k -> k.startsWith(DOWNSCALER_PREFIX) && !k.startsWith(DOWNSCALER_PREFIX + "exclude")).sorted().findFirst();
    if (downscaler.isPresent()) {
      return Optional.of("managed by kube-downscaler (annotation " + downscaler.get() + ")");
    }
    if (annotations.containsKey(KEDA_PAUSED)) {
      return Optional.of("paused by KEDA (annotation " + KEDA_PAUSED + "=" + annotations.get(KEDA_PAUSED) + ")");
    }
    String name = d.getMetadata().getName();
    for (var so : s.scaledObjects()) {
      Object target = so.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec.get("scaleTargetRef") : null;
      if (target instanceof Map<?, ?> t && name.equals(t.get("name")) && (t.get("kind") == null || "Deployment".equals(t.get("kind")))) {
        Object min = ((Map<?, ?>) so.getAdditionalProperties().get("spec")).get("minReplicaCount");
        return Optional.of("managed by KEDA ScaledObject " + so.getMetadata().getName() + " (minReplicaCount "
            + (min == null ? "0, the default" : min) + ")");
      }
    }
    for (HorizontalPodAutoscaler hpa : s.autoscalers()) {
      var target = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
      if (target == null || !"Deployment".equals(target.getKind()) || !name.equals(target.getName())) {
        continue;
      }
      if (nullSafe(hpa.getMetadata().getLabels()).containsKey(KEDA_SCALED_OBJECT_LABEL)) {
        return Optional.of("managed by KEDA (HorizontalPodAutoscaler " + hpa.getMetadata().getName() + ")");
      }
      if (hpa.getSpec().getMinReplicas() != null && hpa.getSpec().getMinReplicas() == 0) {
        return Optional.of("HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " allows minReplicas 0");
      }
    }
    Integer declared = lastAppliedReplicas(d);
    if (declared != null && declared == 0) {
      return Optional.of("its last-applied-configuration declares replicas 0");
    }
    return Optional.empty();
  }

  record Restore(int replicas, String source) {}

  /**
   * The replica count from the Deployment's own history: its last-applied-configuration, then the newest of its
   * ReplicaSets that records a non-zero desired count. Never another tool's annotation; empty when there is none.
   */
  static Optional<Restore> restoreReplicas(Deployment d, NamespaceSnapshot s) {
    Integer declared = lastAppliedReplicas(d);
    if (declared != null && declared > 0) {
      return Optional.of(new Restore(declared, "its " + LAST_APPLIED));
    }
    for (ReplicaSet rs : history(d, s)) {
      Integer n = positive(nullSafe(rs.getMetadata().getAnnotations()).get(DESIRED_REPLICAS));
      if (n != null) {
        return Optional.of(new Restore(n, "ReplicaSet " + rs.getMetadata().getName() + " (revision " + revision(rs) + ") " + DESIRED_REPLICAS));
      }
    }
    return Optional.empty();
  }

  /** spec.replicas of the last-applied-configuration annotation, or null when absent, unparsable or not set. */
  public static Integer lastAppliedReplicas(HasMetadata d) {
    String json = nullSafe(d.getMetadata().getAnnotations()).get(LAST_APPLIED);
    if (json == null) {
      return null;
    }
    try {
      var replicas = com.incident.common.json.Json.MAPPER.readTree(json).path("spec").path("replicas");
      return replicas.canConvertToInt() && replicas.isIntegralNumber() ? replicas.intValue() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The Deployment the alarm is about: named by the alarm's workload, or owning the alarmed pod. */
  static boolean alarmed(Deployment d, NamespaceSnapshot s, IncidentScope scope) {
    if (scope.namespace() == null || !scope.namespace().equals(s.namespace())) {
      return false;
    }
    String name = d.getMetadata().getName();
    if (name.equals(scope.workload())) {
      return true;
    }
    if (scope.pod() == null) {
      return false;
    }
    return s.pods().stream().filter(p -> scope.pod().equals(p.getMetadata().getName()))
        .flatMap(p -> controller(p.getMetadata()).stream())
        .filter(o -> o.getKind().equals("ReplicaSet"))
        .flatMap(o -> byName(s.replicaSets(), o.getName()).stream())
        .flatMap(rs -> controller(rs.getMetadata()).stream())
        .anyMatch(o -> o.getKind().equals("Deployment") && o.getName().equals(name));
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** The ReplicaSets the Deployment controls, newest revision first. */
  static List<ReplicaSet> history(Deployment d, NamespaceSnapshot s) {
    return history(d, s.replicaSets());
  }

  /** The ReplicaSets of {@code replicaSets} that the Deployment controls, newest revision first. */
  public static List<ReplicaSet> history(Deployment d, List<ReplicaSet> replicaSets) {
    return replicaSets.stream()
        .filter(rs -> controller(rs.getMetadata())
            .map(o -> o.getKind().equals("Deployment") && o.getName().equals(d.getMetadata().getName())
                && (o.getUid() == null || d.getMetadata().getUid() == null || o.getUid().equals(d.getMetadata().getUid())))
            .orElse(false))
        .sorted(Comparator.comparingLong(Planner::revision).reversed())
        .toList();
  }

  /** The {@code deployment.kubernetes.io/revision} annotation; 0 when absent or unreadable. */
  public static long revision(HasMetadata o) {
    String v = nullSafe(o.getMetadata().getAnnotations()).get(REVISION);
    try {
      return v == null ? 0 : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Container name to image of a pod template. */
  public static Map<String, String> images(PodTemplateSpec template) {
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
