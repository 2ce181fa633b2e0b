package com.incident.tools.kubernetes;

import static com.incident.tools.kubernetes.Views.list;
import static com.incident.tools.kubernetes.Views.map;
import static com.incident.tools.kubernetes.Views.n;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.K8sWorkloadResult.Workload;
import com.incident.common.tool.result.ResultFit;
import com.incident.kube.chaos.Planner;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code k8s-describe-workload}: what `kubectl describe` and `kubectl rollout history` show for a workload, found by
 * kind + name, by one of its pods (following the owner chain) or by label selector.
 */
final class DescribeWorkload {
  static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod");
  static final int DEFAULT_PODS = 10;
  static final int MAX_PODS = 50;
  static final int MAX_WORKLOADS = 5;
  static final int MAX_REVISIONS = 10;
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  private static final Set<String> CONTROLLERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

  private final ClusterReads reads;
  private final String cluster;

  DescribeWorkload(ClusterReads reads, String cluster) {
    this.reads = reads;
    this.cluster = cluster;
  }

  ToolResult run(ToolArguments args) {
    String ns = args.string("namespace");
    Optional<String> kind = args.optionalString("kind");
    Optional<String> name = args.optionalString("name");
    Optional<String> podName = args.optionalString("pod_name");
    Optional<String> selector = args.optionalString("label_selector");
    long given = Stream.of(name, podName, selector).filter(Optional::isPresent).count();
    if (given != 1) {
      throw new ToolException("Give exactly one of: name (with optional kind), pod_name or label_selector; got " + given);
    }
    if (kind.isPresent() && name.isEmpty()) {
      throw new ToolException("Argument 'kind' needs 'name'");
    }
    int maxPods = args.integer("max_pods", DEFAULT_PODS);
    List<String> notes = new ArrayList<>();
    List<HasMetadata> targets = new ArrayList<>();
    String noData = null;
    if (name.isPresent()) {
      for (String k : kind.map(List::of).orElse(KINDS)) {
        Optional.ofNullable(get(k, ns, name.get())).ifPresent(targets::add);
      }
      if (targets.isEmpty()) {
        noData = "no " + kind.orElse("Deployment, StatefulSet, DaemonSet, Job or Pod") + " named " + name.get()
            + " in namespace " + ns;
      }
    } else if (podName.isPresent()) {
      Pod pod = reads.pod(ns, podName.get());
      if (pod == null) {
        noData = "no pod named " + podName.get() + " in namespace " + ns + " (it may have been replaced: describe its "
            + "workload by name or label_selector)";
      } else {
        targets.add(owner(pod, notes));
      }
    } else {
      targets.addAll(bySelector(ns, selector.get(), notes));
      if (targets.isEmpty()) {
        noData = "no pod or workload in namespace " + ns + " matches the label selector " + selector.get();
      }
    }
    if (targets.size() > MAX_WORKLOADS) {
      notes.add(targets.size() + " workloads matched; the first " + MAX_WORKLOADS + " are described");
      targets = targets.subList(0, MAX_WORKLOADS);
    }
    Namespace data = new Namespace(ns, notes);
    List<Workload> full = targets.stream().map(t -> describe(t, data)).toList();
    K8sWorkloadResult result = fit(full, maxPods, notes, noData);
    return ToolResult.ok(Texts.workloads(result), result);
  }

  private HasMetadata get(String kind, String ns, String name) {
    return switch (kind) {
      case "Deployment" -> reads.deployment(ns, name);
      case "StatefulSet" -> reads.statefulSet(ns, name);
      case "DaemonSet" -> reads.daemonSet(ns, name);
      case "Job" -> reads.job(ns, name);
      case "Pod" -> reads.pod(ns, name);
      default -> throw new ToolException("Argument 'kind' must be one of " + KINDS + ", got '" + kind + "'");
    };
  }

  /** Pod -> ReplicaSet -> Deployment, Job, StatefulSet, DaemonSet; the pod itself when nothing describable owns it. */
  private HasMetadata owner(Pod pod, List<String> notes) {
    String ns = pod.getMetadata().getNamespace();
    Optional<OwnerReference> ref = Views.controller(pod.getMetadata());
    if (ref.isEmpty()) {
      return pod;
    }
    OwnerReference o = ref.get();
    HasMetadata owner = null;
    if (o.getKind().equals("ReplicaSet")) {
      ReplicaSet rs = reads.replicaSet(ns, o.getName());
      Optional<OwnerReference> rsOwner = rs == null ? Optional.empty() : Views.controller(rs.getMetadata());
      if (rsOwner.isPresent() && rsOwner.get().getKind().equals("Deployment")) {
        owner = reads.deployment(ns, rsOwner.get().getName());
      }
    } else if (CONTROLLERS.contains(o.getKind())) {
      owner = get(o.getKind(), ns, o.getName());
    }
    if (owner == null) {
      notes.add("pod " + pod.getMetadata().getName() + " is owned by " + o.getKind() + " " + o.getName()
          + ", which is gone or not a Deployment, StatefulSet, DaemonSet or Job; the pod is described alone");
      return pod;
    }
    if (owner instanceof Job job) {
      Views.controller(job.getMetadata()).ifPresent(c -> notes.add("Job " + job.getMetadata().getName() + " is created by "
          + c.getKind() + " " + c.getName()));
    }
    return owner;
  }

  private List<HasMetadata> bySelector(String ns, String selector, List<String> notes) {
    Map<String, HasMetadata> found = new LinkedHashMap<>();
    List<Pod> pods = new ArrayList<>(reads.pods(ns, selector));
    pods.sort(Comparator.comparingInt(Views::trouble).reversed());
    for (Pod p : pods) {
      HasMetadata o = owner(p, notes);
      found.putIfAbsent(o.getKind() + "/" + o.getMetadata().getName(), o);
    }
    // Workloads that carry the labels themselves, such as a Deployment at zero replicas without any pod.
    Stream.<Supplier<List<? extends HasMetadata>>>of(() -> reads.deployments(ns, selector), () -> reads.statefulSets(ns, selector),
            () -> reads.daemonSets(ns, selector), () -> reads.jobs(ns, selector))
        .flatMap(s -> s.get().stream())
        .forEach(o -> found.putIfAbsent(o.getKind() + "/" + o.getMetadata().getName(), o));
    return List.copyOf(found.values());
  }

  /** The namespace's lists, each read once per call and only when needed; optional ones add a note when denied. */
  private final class Namespace {
    final String ns;
    final List<String> notes;
    List<Pod> pods;
    List<ReplicaSet> replicaSets;
    List<Service> services;
    List<HorizontalPodAutoscaler> autoscalers;
    List<ControllerRevision> revisions;

    Namespace(String ns, List<String> notes) {
      this.ns = ns;
      this.notes = notes;
    }

    List<Pod> pods() {
      return pods == null ? pods = reads.pods(ns) : pods;
    }

    List<ReplicaSet> replicaSets() {
      return replicaSets == null ? replicaSets = reads.replicaSets(ns) : replicaSets;
    }

    List<Service> services() {
      return services == null ? services = optional("Services", () -> reads.services(ns)) : services;
    }

    List<HorizontalPodAutoscaler> autoscalers() {
      return autoscalers == null ? autoscalers = optional("HorizontalPodAutoscalers", () -> reads.autoscalers(ns)) : autoscalers;
    }

    List<ControllerRevision> revisions() {
      return revisions == null ? revisions = optional("ControllerRevisions", () -> reads.controllerRevisions(ns)) : revisions;
    }

    Endpoints endpoints(String name) {
      List<Endpoints> e = optional("Endpoints " + name, () -> Stream.ofNullable(reads.endpoints(ns, name)).toList());
      return e.isEmpty() ? null : e.getFirst();
    }

    private <T> List<T> optional(String what, Supplier<List<T>> read) {
      try {
        return read.get();
      } catch (KubernetesClientException e) {
        notes.add("could not read " + what + " in " + ns + ": " + com.incident.kube.chaos.NamespaceReader.reason(e));
        return List.of();
      }
    }
  }

  private Workload describe(HasMetadata o, Namespace data) {
    return switch (o) {
      case Deployment d -> deployment(d, data);
      case StatefulSet s -> new Workload("StatefulSet", s.getMetadata().getNamespace(), s.getMetadata().getName(),
          new K8sWorkloadResult.Replicas(s.getSpec().getReplicas(), n(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()),
              n(s.getStatus() == null ? null : s.getStatus().getAvailableReplicas()),
              n(s.getStatus() == null ? null : s.getStatus().getUpdatedReplicas()),
              latest(s.getStatus() == null ? List.of() : list(s.getStatus().getConditions()).stream()
                  .map(c -> c.getLastTransitionTime()).toList())),
          annotations(s), Planner.lastAppliedReplicas(s), controllerRevisions(s, data),
          pods(s, "StatefulSet", data), services(s.getSpec().getTemplate(), data), hpa("StatefulSet", s, data),
          s.getStatus() == null ? List.of() : list(s.getStatus().getConditions()).stream()
              .map(c -> condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList());
      case DaemonSet s -> new Workload("DaemonSet", s.getMetadata().getNamespace(), s.getMetadata().getName(),
          new K8sWorkloadResult.Replicas(null, n(s.getStatus() == null ? null : s.getStatus().getNumberReady()),
              n(s.getStatus() == null ? null : s.getStatus().getNumberAvailable()),
              n(s.getStatus() == null ? null : s.getStatus().getUpdatedNumberScheduled()),
              latest(s.getStatus() == null ? List.of() : list(s.getStatus().getConditions()).stream()
                  .map(c -> c.getLastTransitionTime()).toList())),
          annotations(s), null, controllerRevisions(s, data), pods(s, "DaemonSet", data),
          services(s.getSpec().getTemplate(), data), null,
          s.getStatus() == null ? List.of() : list(s.getStatus().getConditions()).stream()
              .map(c -> condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList());
      case Job j -> new Workload("Job", j.getMetadata().getNamespace(), j.getMetadata().getName(),
          new K8sWorkloadResult.Replicas(j.getSpec().getParallelism(), n(j.getStatus() == null ? null : j.getStatus().getReady()),
              n(j.getStatus() == null ? null : j.getStatus().getActive()),
              n(j.getStatus() == null ? null : j.getStatus().getSucceeded()),
              latest(j.getStatus() == null ? List.of() : list(j.getStatus().getConditions()).stream()
                  .map(c -> c.getLastTransitionTime()).toList())),
          annotations(j), null, List.of(), pods(j, "Job", data), services(j.getSpec().getTemplate(), data), null,
          j.getStatus() == null ? List.of() : list(j.getStatus().getConditions()).stream()
              .map(c -> condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime())).toList());
      case Pod p -> {
        int ready = Views.podReady(p) ? 1 : 0;
        List<K8sWorkloadResult.Condition> conditions = p.getStatus() == null ? List.of() : list(p.getStatus().getConditions())
            .stream().map(c -> condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()))
            .toList();
        yield new Workload("Pod", p.getMetadata().getNamespace(), p.getMetadata().getName(),
            new K8sWorkloadResult.Replicas(null, ready, ready, 0, latest(conditions.stream()
                .map(K8sWorkloadResult.Condition::lastTransition).toList())),
            annotations(p), null, List.of(), List.of(Views.pod(p)), services(map(p.getMetadata().getLabels()), data), null,
            conditions);
      }
      default -> throw new IllegalStateException("not a workload: " + o.getKind());
    };
  }

  private Workload deployment(Deployment d, Namespace data) {
    var s = d.getStatus();
    List<ReplicaSet> history = Planner.history(d, data.replicaSets());
    List<K8sWorkloadResult.Revision> revisions = history.stream().limit(MAX_REVISIONS).map(rs -> new K8sWorkloadResult.Revision(
        (int) Planner.revision(rs), rs.getMetadata().getName(), Planner.images(rs.getSpec().getTemplate()),
        Views.text(map(rs.getMetadata().getAnnotations()).get(CHANGE_CAUSE)), rs.getMetadata().getCreationTimestamp(),
        n(rs.getSpec().getReplicas()), n(rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas()),
        integer(map(rs.getMetadata().getAnnotations()).get(Planner.DESIRED_REPLICAS)))).toList();
    Set<String> names = history.stream().map(rs -> rs.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
    List<Pod> pods = data.pods().stream().filter(p -> Views.controller(p.getMetadata())
        .map(o -> o.getKind().equals("ReplicaSet") && names.contains(o.getName())).orElse(false)).toList();
    List<K8sWorkloadResult.Condition> conditions = s == null ? List.of() : list(s.getConditions()).stream()
        .map(c -> condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(),
            c.getLastTransitionTime() != null ? c.getLastTransitionTime() : c.getLastUpdateTime())).toList();
    List<String> changes = new ArrayList<>();
    if (s != null) {
      list(s.getConditions()).forEach(c -> {
        changes.add(c.getLastUpdateTime());
        changes.add(c.getLastTransitionTime());
      });
    }
    return new Workload("Deployment", d.getMetadata().getNamespace(), d.getMetadata().getName(),
        new K8sWorkloadResult.Replicas(d.getSpec().getReplicas(), n(s == null ? null : s.getReadyReplicas()),
            n(s == null ? null : s.getAvailableReplicas()), n(s == null ? null : s.getUpdatedReplicas()), latest(changes)),
        annotations(d), Planner.lastAppliedReplicas(d), revisions, sortedPods(pods),
        services(d.getSpec().getTemplate(), data), hpa("Deployment", d, data), conditions);
  }

  private List<K8sWorkloadResult.Pod> pods(HasMetadata owner, String kind, Namespace data) {
    return sortedPods(data.pods().stream().filter(p -> Views.controlledBy(p.getMetadata(), kind, owner.getMetadata())).toList());
  }

  private static List<K8sWorkloadResult.Pod> sortedPods(List<Pod> pods) {
    return pods.stream()
        .sorted(Comparator.comparingInt(Views::trouble).reversed().thenComparing(p -> p.getMetadata().getName()))
        .limit(MAX_PODS)
        .map(Views::pod)
        .toList();
  }

  /** StatefulSet and DaemonSet history: their ControllerRevisions, newest first, with the pods of each revision. */
  private List<K8sWorkloadResult.Revision> controllerRevisions(HasMetadata owner, Namespace data) {
    String kind = owner.getKind();
    return data.revisions().stream()
        .filter(r -> Views.controlledBy(r.getMetadata(), kind, owner.getMetadata()))
        .sorted(Comparator.comparing((ControllerRevision r) -> r.getRevision() == null ? 0L : r.getRevision()).reversed())
        .limit(MAX_REVISIONS)
        .map(r -> {
          String name = r.getMetadata().getName();
          List<Pod> pods = data.pods().stream().filter(p -> Views.controlledBy(p.getMetadata(), kind, owner.getMetadata())
              && name.equals(map(p.getMetadata().getLabels()).get("controller-revision-hash"))).toList();
          return new K8sWorkloadResult.Revision(r.getRevision() == null ? 0 : r.getRevision().intValue(), name, images(r.getData()),
              Views.text(map(r.getMetadata().getAnnotations()).get(CHANGE_CAUSE)), r.getMetadata().getCreationTimestamp(),
              pods.size(), (int) pods.stream().filter(Views::podReady).count(), null);
        })
        .toList();
  }

  /** Container images of a ControllerRevision's stored pod template patch. */
  private static Map<String, String> images(Object data) {
    Map<String, String> out = new LinkedHashMap<>();
    if (data != null) {
      JsonNode containers = Json.MAPPER.valueToTree(data).at("/spec/template/spec/containers");
      containers.forEach(c -> out.put(c.path("name").asText(), c.path("image").asText()));
    }
    return out;
  }

  private List<K8sWorkloadResult.ServiceEndpoints> services(PodTemplateSpec template, Namespace data) {
    return services(template == null || template.getMetadata() == null ? Map.of() : map(template.getMetadata().getLabels()), data);
  }

  /** Services whose selector selects pods with these labels, with their ready and not-ready endpoint addresses. */
  private List<K8sWorkloadResult.ServiceEndpoints> services(Map<String, String> podLabels, Namespace data) {
    List<K8sWorkloadResult.ServiceEndpoints> out = new ArrayList<>();
    for (Service svc : data.services()) {
      Map<String, String> selector = svc.getSpec() == null ? Map.of() : map(svc.getSpec().getSelector());
      if (selector.isEmpty() || !selector.entrySet().stream().allMatch(e -> Objects.equals(podLabels.get(e.getKey()), e.getValue()))) {
        continue;
      }
      Endpoints ep = data.endpoints(svc.getMetadata().getName());
      int ready = 0;
      int notReady = 0;
      if (ep != null) {
        for (var subset : list(ep.getSubsets())) {
          ready += list(subset.getAddresses()).size();
          notReady += list(subset.getNotReadyAddresses()).size();
        }
      }
      out.add(new K8sWorkloadResult.ServiceEndpoints(svc.getMetadata().getName(), ready, notReady));
    }
    return out;
  }

  private K8sWorkloadResult.Hpa hpa(String kind, HasMetadata target, Namespace data) {
    return data.autoscalers().stream()
        .filter(h -> h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
            && kind.equals(h.getSpec().getScaleTargetRef().getKind())
            && target.getMetadata().getName().equals(h.getSpec().getScaleTargetRef().getName()))
        .findFirst()
        .map(h -> new K8sWorkloadResult.Hpa(h.getMetadata().getName(), h.getSpec().getMinReplicas(), n(h.getSpec().getMaxReplicas()),
            h.getStatus() == null ? null : h.getStatus().getCurrentReplicas(),
            h.getStatus() == null ? null : h.getStatus().getDesiredReplicas()))
        .orElse(null);
  }

  private static Map<String, String> annotations(HasMetadata o) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o.getMetadata().getAnnotations()).forEach((k, v) -> {
      if (!k.equals(Planner.LAST_APPLIED)) {
        out.put(k, Views.text(v));
      }
    });
    return out;
  }

  static K8sWorkloadResult.Condition condition(String type, String status, String reason, String message, String at) {
    return new K8sWorkloadResult.Condition(type, status, reason, Views.text(message), at);
  }

  /** The latest of ISO-8601 timestamps (they sort as text), or null. */
  private static String latest(List<String> times) {
    return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }

  private static Integer integer(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The workloads within the result bound: fewer pods per workload first (the unhealthy ones stay, they sort
   * first), then fewer revisions (the newest stay), then fewer workloads.
   */
  private K8sWorkloadResult fit(List<Workload> full, int maxPods, List<String> notes, String noData) {
    int mostPods = full.stream().mapToInt(w -> w.pods().size()).max().orElse(0);
    int podCap = Math.min(maxPods, mostPods);
    K8sWorkloadResult r = ResultFit.largest(podCap, k -> build(full, k, MAX_REVISIONS, full.size(), notes, noData));
    if (!ResultFit.fits(r)) {
      r = ResultFit.largest(MAX_REVISIONS, k -> build(full, 1, k, full.size(), notes, noData));
    }
    if (!ResultFit.fits(r)) {
      r = ResultFit.largest(full.size(), k -> build(full, 1, 1, k, notes, noData));
    }
    return r;
  }

  private K8sWorkloadResult build(List<Workload> full, int podCap, int revisionCap, int workloads, List<String> baseNotes,
      String noData) {
    List<String> notes = new ArrayList<>(baseNotes);
    List<Workload> out = new ArrayList<>();
    for (Workload w : full.subList(0, workloads)) {
      if (w.pods().size() > podCap) {
        notes.add(w.kind() + " " + w.name() + ": " + podCap + " of " + w.pods().size() + " pods listed (the least healthy)");
      }
      if (w.revisions().size() > revisionCap) {
        notes.add(w.kind() + " " + w.name() + ": " + revisionCap + " of " + w.revisions().size() + " revisions listed (the newest)");
      }
      out.add(new Workload(w.kind(), w.namespace(), w.name(), w.replicas(), w.annotations(), w.lastAppliedReplicas(),
          w.revisions().subList(0, Math.min(revisionCap, w.revisions().size())),
          w.pods().subList(0, Math.min(podCap, w.pods().size())), w.services(), w.hpa(), w.conditions()));
    }
    if (workloads < full.size()) {
      notes.add((full.size() - workloads) + " more workloads left out to stay under the result bound");
    }
    return new K8sWorkloadResult(cluster, out, notes,
        out.isEmpty() ? (noData != null ? noData : "the workloads found do not fit the result bound") : null);
  }
}
