package com.incident.local.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds one incident in the public scenario format: Kubernetes objects as the API returns them (status included,
 * Events with absolute timestamps around the alarm), pod logs, Container Insights series, log lines and the alarm.
 * What it writes is what a real cluster would show; nothing in it names the cause.
 */
final class IncidentBuilder {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String INTENTIONAL = "incident.chaos/intentional-scale-down";
  private static final String HASH = "bcdfghjklmnpqrstvwxz2456789";
  private static final DateTimeFormatter ALARM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

  final Random rng;
  final String cluster;
  final String region;
  final String account;
  final Instant alarmAt;
  final List<ObjectNode> objects = new ArrayList<>();
  final ArrayNode metrics = Json.MAPPER.createArrayNode();
  final ArrayNode logs = Json.MAPPER.createArrayNode();
  final ArrayNode podLogs = Json.MAPPER.createArrayNode();
  final List<String> nodes = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  /** When set, every pod a workload builder creates is scheduled on this node. */
  private String pinned;

  IncidentBuilder(Random rng, String cluster, String region, String account, Instant alarmAt) {
    this.rng = rng;
    this.cluster = cluster;
    this.region = region;
    this.account = account;
    this.alarmAt = alarmAt;
  }

  /** Schedules the pods of the next workloads on {@code node} (null: spread over the nodes). */
  void pin(String node) {
    pinned = node;
  }

  // --- time --------------------------------------------------------------------------------------

  /** The absolute time of a scenario minute (minute 0 = the alarm's StateChangeTime). */
  String at(double minute) {
    return alarmAt.plusSeconds(Math.round(minute * 60)).toString();
  }

  String alarmTime() {
    return ALARM_TIME.format(alarmAt);
  }

  String reasonTime(double minute) {
    return REASON_TIME.format(alarmAt.plusSeconds(Math.round(minute * 60)));
  }

  String hash(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(HASH.charAt(rng.nextInt(HASH.length())));
    }
    return b.toString();
  }

  String hex(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(rng.nextInt(16), 16));
    }
    return b.toString();
  }

  // --- cluster objects ---------------------------------------------------------------------------

  void namespace(String ns) {
    if (namespaces.contains(ns)) {
      return;
    }
    namespaces.add(ns);
    // As `kubectl get ns -o json` lists it, minus the status the sandbox's API server keeps for itself.
    objects.add(object("v1", "Namespace", ns, null));
  }

  /** A worker node; {@code memoryPressure} sets the MemoryPressure condition the kubelet reports. */
  String node(boolean memoryPressure) {
    int subnet = 1 + nodes.size();
    String name = "ip-10-0-" + subnet + "-" + (10 + rng.nextInt(240)) + "." + region + ".compute.internal";
    nodes.add(name);
    String zone = region + (char) ('a' + nodes.size() - 1);
    ObjectNode n = object("v1", "Node", name, null);
    ObjectNode labels = n.with("metadata").putObject("labels");
    labels.put("kubernetes.io/hostname", name).put("topology.kubernetes.io/zone", zone)
        .put("node.kubernetes.io/instance-type", "m5.xlarge").put("eks.amazonaws.com/nodegroup", "workers");
    n.putObject("spec").put("providerID", "aws:///" + zone + "/i-0" + hex(16));
    ObjectNode status = n.putObject("status");
    status.putObject("capacity").put("cpu", "4").put("memory", "15896Mi").put("pods", "58");
    status.putObject("allocatable").put("cpu", "3920m").put("memory", "14963Mi").put("pods", "58");
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "MemoryPressure").put("status", memoryPressure ? "True" : "False")
        .put("reason", memoryPressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory")
        .put("message", memoryPressure ? "kubelet has insufficient memory available" : "kubelet has sufficient memory available")
        .put("lastTransitionTime", memoryPressure ? at(-9) : at(-4000));
    conditions.addObject().put("type", "DiskPressure").put("status", "False").put("reason", "KubeletHasNoDiskPressure");
    conditions.addObject().put("type", "PIDPressure").put("status", "False").put("reason", "KubeletHasSufficientPID");
    conditions.addObject().put("type", "Ready").put("status", "True").put("reason", "KubeletReady")
        .put("message", "kubelet is posting ready status");
    status.putObject("nodeInfo").put("kubeletVersion", "v1.31.4-eks-aeac579").put("osImage", "Amazon Linux 2023")
        .put("containerRuntimeVersion", "containerd://1.7.23");
    objects.add(n);
    return name;
  }

  ObjectNode object(String apiVersion, String kind, String name, String ns) {
    ObjectNode o = Json.object().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode meta = o.putObject("metadata").put("name", name);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    return o;
  }

  /** A container spec: image, optional command/args, requests and limits. */
  static ObjectNode container(String name, String image, List<String> command, List<String> args, String cpu, String memory) {
    ObjectNode c = Json.object().put("name", name).put("image", image);
    if (command != null && !command.isEmpty()) {
      command.forEach(c.putArray("command")::add);
    }
    if (args != null && !args.isEmpty()) {
      args.forEach(c.putArray("args")::add);
    }
    ObjectNode res = c.putObject("resources");
    res.putObject("requests").put("cpu", cpu).put("memory", memory);
    res.putObject("limits").put("memory", memory);
    return c;
  }

  /** What a pod's containers are doing. */
  enum PodState { RUNNING, IMAGE_PULL_BACKOFF, ERR_IMAGE_PULL, INVALID_IMAGE_NAME, OOM_LOOP, ERROR_LOOP, NOT_READY }

  /** A workload as seeded: its top-level key ("Kind ns/name") and its current pods. */
  record Workload(String kind, String namespace, String name, List<String> pods, List<String> podNodes, ObjectNode template) {
    String key() {
      return kind + " " + namespace + "/" + name;
    }

    String container() {
      return template.path("spec").path("containers").path(0).path("name").asText();
    }
  }

  /**
   * A Deployment with its ReplicaSet history (oldest first). The newest revision runs {@code current} pods in
   * {@code state}; when {@code previousReady} is positive the previous revision keeps that many Running pods (a
   * rollout that stalled). {@code rolledAt} is the minute the newest revision was created.
   */
  Workload deployment(String ns, String name, int replicas, List<ObjectNode> revisions, PodState state, int current,
      int previousReady, double rolledAt, Map<String, String> annotations) {
    namespace(ns);
    int revision = revisions.size();
    ObjectNode d = object("apps/v1", "Deployment", name, ns);
    ObjectNode meta = (ObjectNode) d.get("metadata");
    meta.put("generation", revision).put("creationTimestamp", at(-60 * 24 * (20 + rng.nextInt(100))));
    meta.putObject("labels").put("app.kubernetes.io/name", name).put("app.kubernetes.io/part-of", ns);
    ObjectNode ann = meta.putObject("annotations").put(REVISION, String.valueOf(revision));
    annotations.forEach(ann::put);
    ObjectNode spec = d.putObject("spec").put("replicas", replicas).put("revisionHistoryLimit", 10);
    spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name);
    spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("maxSurge", "25%")
        .put("maxUnavailable", "25%");
    ObjectNode template = template(name, revisions.get(revision - 1));
    spec.set("template", template);
    int ready = (state == PodState.RUNNING ? current : 0) + previousReady;
    ObjectNode status = d.putObject("status").put("observedGeneration", revision).put("replicas", current + previousReady)
        .put("updatedReplicas", current).put("readyReplicas", ready).put("availableReplicas", ready);
    if (ready < replicas) {
      status.put("unavailableReplicas", replicas - ready);
    }
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "Available").put("status", ready >= Math.max(1, replicas - 1) || replicas == 0 ? "True" : "False")
        .put("reason", ready >= Math.max(1, replicas - 1) || replicas == 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable");
    boolean stalled = state != PodState.RUNNING && state != PodState.NOT_READY && state != PodState.OOM_LOOP;
    conditions.addObject().put("type", "Progressing").put("status", stalled && rolledAt < -10 ? "False" : "True")
        .put("reason", stalled ? (rolledAt < -10 ? "ProgressDeadlineExceeded" : "ReplicaSetUpdated") : "NewReplicaSetAvailable");
    objects.add(d);
    List<String> pods = new ArrayList<>();
    List<String> podNodes = new ArrayList<>();
    String currentRs = null;
    for (int r = 1; r <= revision; r++) {
      boolean newest = r == revision;
      boolean previous = r == revision - 1;
      int rsReplicas = newest ? current : previous ? previousReady : 0;
      String rsName = name + "-" + hash(10);
      ObjectNode rs = object("apps/v1", "ReplicaSet", rsName, ns);
      ObjectNode rsMeta = (ObjectNode) rs.get("metadata");
      double created = newest ? rolledAt : rolledAt - 60 * 24 * (revision - r) - rng.nextInt(600);
      rsMeta.put("creationTimestamp", at(created));
      String templateHash = rsName.substring(name.length() + 1);
      rsMeta.putObject("labels").put("app.kubernetes.io/name", name).put("pod-template-hash", templateHash);
      rsMeta.putObject("annotations").put(REVISION, String.valueOf(r))
          .put(DESIRED, String.valueOf(newest || previous ? Math.max(replicas, 0) : replicas)).put("deployment.kubernetes.io/max-replicas",
              String.valueOf(replicas + 1));
      rsMeta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", "Deployment").put("name", name)
          .put("controller", true).put("blockOwnerDeletion", true);
      ObjectNode rsTemplate = template(name, revisions.get(r - 1));
      ((ObjectNode) rsTemplate.with("metadata").get("labels")).put("pod-template-hash", templateHash);
      ObjectNode rsSpec = rs.putObject("spec").put("replicas", rsReplicas);
      rsSpec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name).put("pod-template-hash", templateHash);
      rsSpec.set("template", rsTemplate);
      int rsReady = newest ? (state == PodState.RUNNING ? current : 0) : previous ? previousReady : 0;
      rs.putObject("status").put("replicas", rsReplicas).put("readyReplicas", rsReady).put("availableReplicas", rsReady)
          .put("fullyLabeledReplicas", rsReplicas).put("observedGeneration", 1);
      objects.add(rs);
      if (newest) {
        currentRs = rsName;
        for (int i = 0; i < current; i++) {
          String node = pinned != null ? pinned : nodes.get(rng.nextInt(nodes.size()));
          pods.add(pod(ns, rsName + "-" + hash(5), "ReplicaSet", rsName, rsTemplate, node, state, rolledAt + 0.5));
          podNodes.add(node);
        }
      } else if (previous && previousReady > 0) {
        for (int i = 0; i < previousReady; i++) {
          String node = nodes.get(rng.nextInt(nodes.size()));
          pod(ns, rsName + "-" + hash(5), "ReplicaSet", rsName, rsTemplate, node, PodState.RUNNING, created + 1);
        }
      }
    }
    if (revision > 1 || current > 0) {
      event(ns, "Deployment", name, "Normal", "ScalingReplicaSet", "Scaled up replica set " + currentRs + " to " + current,
          "deployment-controller", null, rolledAt, rolledAt, 1);
    }
    return new Workload("Deployment", ns, name, pods, podNodes, template);
  }

  private ObjectNode template(String name, ObjectNode container) {
    ObjectNode t = Json.object();
    t.putObject("metadata").putObject("labels").put("app.kubernetes.io/name", name);
    ObjectNode spec = t.putObject("spec");
    spec.putArray("containers").add(container.deepCopy());
    return t;
  }

  /** A Job (one pod, restartPolicy Never) whose container runs until stopped. */
  Workload job(String ns, String name, ObjectNode container, String node, double startedAt) {
    namespace(ns);
    ObjectNode j = object("batch/v1", "Job", name, ns);
    j.with("metadata").put("creationTimestamp", at(startedAt)).putObject("labels").put("app.kubernetes.io/name", name);
    ObjectNode t = template(name, container);
    ((ObjectNode) t.get("spec")).put("restartPolicy", "Never");
    j.putObject("spec").put("completions", 1).put("parallelism", 1).put("backoffLimit", 0).set("template", t);
    j.putObject("status").put("active", 1).put("startTime", at(startedAt));
    objects.add(j);
    String pod = pod(ns, name + "-" + hash(5), "Job", name, t, node, PodState.RUNNING, startedAt + 0.2);
    return new Workload("Job", ns, name, List.of(pod), List.of(node), t);
  }

  /** A pod nothing owns. */
  Workload barePod(String ns, String name, ObjectNode container, String node, double startedAt) {
    namespace(ns);
    ObjectNode t = template(name, container);
    ((ObjectNode) t.get("spec")).put("restartPolicy", "Always");
    pod(ns, name, null, null, t, node, PodState.RUNNING, startedAt);
    return new Workload("Pod", ns, name, List.of(name), List.of(node), t);
  }

  /** A StatefulSet whose pods are Running but not ready when {@code ready} is false. */
  Workload statefulSet(String ns, String name, ObjectNode container, int replicas, boolean ready, double unreadySince) {
    namespace(ns);
    ObjectNode s = object("apps/v1", "StatefulSet", name, ns);
    s.with("metadata").put("creationTimestamp", at(-60 * 24 * 90)).putObject("labels").put("app.kubernetes.io/name", name);
    ObjectNode t = template(name, container);
    ObjectNode spec = s.putObject("spec").put("replicas", replicas).put("serviceName", name);
    spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", name);
    spec.set("template", t);
    s.putObject("status").put("replicas", replicas).put("readyReplicas", ready ? replicas : 0)
        .put("availableReplicas", ready ? replicas : 0).put("currentReplicas", replicas);
    objects.add(s);
    List<String> pods = new ArrayList<>();
    List<String> podNodes = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      String node = nodes.get(i % nodes.size());
      pods.add(pod(ns, name + "-" + i, "StatefulSet", name, t, node, ready ? PodState.RUNNING : PodState.NOT_READY,
          ready ? -60 * 24 * 3 : unreadySince));
      podNodes.add(node);
    }
    return new Workload("StatefulSet", ns, name, pods, podNodes, t);
  }

  private String pod(String ns, String name, String ownerKind, String owner, ObjectNode template, String node, PodState state,
      double since) {
    ObjectNode p = object("v1", "Pod", name, ns);
    ObjectNode meta = (ObjectNode) p.get("metadata");
    meta.put("creationTimestamp", at(since - 0.5));
    meta.set("labels", template.path("metadata").path("labels").deepCopy());
    if (owner != null) {
      meta.putArray("ownerReferences").addObject().put("apiVersion", ownerKind.equals("Job") ? "batch/v1" : "apps/v1")
          .put("kind", ownerKind).put("name", owner).put("controller", true).put("blockOwnerDeletion", true);
    }
    ObjectNode spec = ((ObjectNode) template.get("spec")).deepCopy();
    spec.put("nodeName", node);
    p.set("spec", spec);
    ObjectNode container = (ObjectNode) spec.path("containers").get(0);
    String c = container.path("name").asText();
    String image = container.path("image").asText();
    boolean running = state == PodState.RUNNING || state == PodState.NOT_READY || state == PodState.OOM_LOOP
        || state == PodState.ERROR_LOOP;
    boolean ready = state == PodState.RUNNING;
    ObjectNode status = p.putObject("status").put("phase", running ? "Running" : "Pending").put("hostIP",
        "10.0." + (1 + nodes.indexOf(node)) + "." + (10 + rng.nextInt(240))).put("podIP", "10.0." + (1 + nodes.indexOf(node))
        + "." + (10 + rng.nextInt(240))).put("startTime", at(since)).put("qosClass", "Burstable");
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "PodScheduled").put("status", "True");
    conditions.addObject().put("type", "Initialized").put("status", "True");
    conditions.addObject().put("type", "ContainersReady").put("status", ready ? "True" : "False");
    conditions.addObject().put("type", "Ready").put("status", ready ? "True" : "False")
        .put("reason", ready ? null : "ContainersNotReady");
    if (!ready) {
      ((ObjectNode) conditions.get(3)).put("message", "containers with unready status: [" + c + "]");
      ((ObjectNode) conditions.get(2)).put("reason", "ContainersNotReady");
    } else {
      ((ObjectNode) conditions.get(3)).remove("reason");
    }
    ObjectNode cs = status.putArray("containerStatuses").addObject().put("name", c).put("image", image)
        .put("ready", ready).put("started", running);
    int restarts = 0;
    switch (state) {
      case RUNNING -> cs.putObject("state").putObject("running").put("startedAt", at(since));
      case NOT_READY -> cs.putObject("state").putObject("running").put("startedAt", at(-60 * 24 * 2));
      case IMAGE_PULL_BACKOFF -> cs.putObject("state").putObject("waiting").put("reason", "ImagePullBackOff")
          .put("message", "Back-off pulling image \"" + image + "\"");
      case ERR_IMAGE_PULL -> cs.putObject("state").putObject("waiting").put("reason", "ErrImagePull")
          .put("message", "rpc error: code = NotFound desc = failed to pull and unpack image \"" + image + "\": failed to resolve "
              + "reference \"" + image + "\": " + image + ": not found");
      case INVALID_IMAGE_NAME -> cs.putObject("state").putObject("waiting").put("reason", "InvalidImageName")
          .put("message", "Failed to apply default image tag \"" + image + "\": couldn't parse image name \"" + image
              + "\": invalid reference format");
      case OOM_LOOP, ERROR_LOOP -> {
        restarts = 4 + rng.nextInt(9);
        cs.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff")
            .put("message", "back-off 5m0s restarting failed container=" + c + " pod=" + name + "_" + ns + "(" + hex(8) + ")");
        boolean oom = state == PodState.OOM_LOOP;
        cs.putObject("lastState").putObject("terminated").put("reason", oom ? "OOMKilled" : "Error").put("exitCode", oom ? 137 : 1)
            .put("startedAt", at(-3)).put("finishedAt", at(-1.5));
      }
    }
    cs.put("restartCount", restarts);
    if (running && state != PodState.NOT_READY) {
      cs.put("imageID", image.replaceAll(":[^:/]+$", "") + "@sha256:" + hex(64));
    }
    objects.add(p);
    podEvents(ns, name, c, image, node, state, since);
    return name;
  }

  /** What the kubelet and scheduler record for a pod in that state. */
  private void podEvents(String ns, String pod, String container, String image, String node, PodState state, double since) {
    if (since > -60) {
      event(ns, "Pod", pod, "Normal", "Scheduled", "Successfully assigned " + ns + "/" + pod + " to " + node,
          "default-scheduler", null, since, since, 1);
    }
    double first = Math.max(since, -45);
    int repeats = Math.max(1, (int) Math.round(-first / 1.5));
    switch (state) {
      case RUNNING -> {
        if (since > -60) {
          event(ns, "Pod", pod, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine",
              "kubelet", node, since, since, 1);
          event(ns, "Pod", pod, "Normal", "Started", "Started container " + container, "kubelet", node, since, since, 1);
        }
      }
      case IMAGE_PULL_BACKOFF, ERR_IMAGE_PULL -> {
        event(ns, "Pod", pod, "Normal", "Pulling", "Pulling image \"" + image + "\"", "kubelet", node, first, -1, repeats);
        event(ns, "Pod", pod, "Warning", "Failed", "Failed to pull image \"" + image + "\": rpc error: code = NotFound desc = "
            + "failed to pull and unpack image \"" + image + "\": failed to resolve reference \"" + image + "\": " + image
            + ": not found", "kubelet", node, first, -1, repeats);
        event(ns, "Pod", pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet", node, first, -1, repeats);
        event(ns, "Pod", pod, "Normal", "BackOff", "Back-off pulling image \"" + image + "\"", "kubelet", node, first + 0.2, -0.5,
            repeats * 3);
        event(ns, "Pod", pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", node, first + 0.2, -0.5, repeats * 3);
      }
      case INVALID_IMAGE_NAME -> {
        event(ns, "Pod", pod, "Warning", "InspectFailed", "Failed to apply default image tag \"" + image
            + "\": couldn't parse image name \"" + image + "\": invalid reference format", "kubelet", node, first, -0.5, repeats * 2);
        event(ns, "Pod", pod, "Warning", "Failed", "Error: InvalidImageName", "kubelet", node, first, -0.5, repeats * 2);
      }
      case OOM_LOOP, ERROR_LOOP -> {
        event(ns, "Pod", pod, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine", "kubelet", node,
            -40, -2, 8);
        event(ns, "Pod", pod, "Normal", "Started", "Started container " + container, "kubelet", node, -40, -2, 8);
        event(ns, "Pod", pod, "Warning", "BackOff", "Back-off restarting failed container " + container + " in pod " + pod + "_"
            + ns + "(" + hex(8) + "-" + hex(4) + ")", "kubelet", node, -38, -0.5, 30 + rng.nextInt(40));
        if (state == PodState.OOM_LOOP) {
          event("default", "Node", node, "Warning", "OOMKilling", "Memory cgroup out of memory: Killed process " + (2000 + rng.nextInt(30000))
              + " (java) total-vm:" + (4 + rng.nextInt(3)) + "812344kB, anon-rss:" + (900 + rng.nextInt(100)) + "120kB, file-rss:0kB, "
              + "shmem-rss:0kB, UID:1000 pgtables:2380kB oom_score_adj:" + (900 + rng.nextInt(99)), "kernel-monitor", node, -36, -1.6, 8);
        }
      }
      case NOT_READY -> event(ns, "Pod", pod, "Warning", "Unhealthy", "Readiness probe failed: dial tcp "
          + "10.0.3." + (10 + rng.nextInt(240)) + ":5432: connect: connection refused", "kubelet", node, since, -0.2,
          (int) Math.max(2, (-since) * 6));
    }
  }

  /** An Event (core v1) about an object, with absolute first/last timestamps in the alarm's time frame. */
  void event(String ns, String kind, String object, String type, String reason, String message, String component, String host,
      double first, double last, int count) {
    ObjectNode e = object("v1", "Event", object + "." + hex(16), ns);
    e.with("metadata").put("creationTimestamp", at(first));
    ObjectNode involved = e.putObject("involvedObject").put("kind", kind).put("name", object);
    if (!kind.equals("Node")) {
      involved.put("namespace", ns);
    }
    involved.put("apiVersion", switch (kind) {
      case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet" -> "apps/v1";
      case "Job" -> "batch/v1";
      default -> "v1";
    });
    e.put("reason", reason).put("message", message).put("type", type).put("count", count)
        .put("firstTimestamp", at(first)).put("lastTimestamp", at(Math.max(first, last)));
    ObjectNode source = e.putObject("source").put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    objects.add(e);
  }

  /** A Service selecting the workload's pods, and its Endpoints with the ready and not-ready addresses. */
  void service(String ns, String name, int port, List<String> readyPods, List<String> notReadyPods) {
    ObjectNode s = object("v1", "Service", name, ns);
    ObjectNode spec = s.putObject("spec").put("type", "ClusterIP").put("clusterIP", "172.20." + rng.nextInt(255) + "." + (1 + rng.nextInt(250)));
    spec.putObject("selector").put("app.kubernetes.io/name", name);
    spec.putArray("ports").addObject().put("name", "http").put("port", port).put("targetPort", port).put("protocol", "TCP");
    objects.add(s);
    ObjectNode ep = object("v1", "Endpoints", name, ns);
    ArrayNode subsets = ep.putArray("subsets");
    if (!readyPods.isEmpty() || !notReadyPods.isEmpty()) {
      ObjectNode subset = subsets.addObject();
      if (!readyPods.isEmpty()) {
        ArrayNode a = subset.putArray("addresses");
        readyPods.forEach(p -> a.addObject().put("ip", "10.0.2." + (10 + rng.nextInt(240))).putObject("targetRef")
            .put("kind", "Pod").put("name", p).put("namespace", ns));
      }
      if (!notReadyPods.isEmpty()) {
        ArrayNode a = subset.putArray("notReadyAddresses");
        notReadyPods.forEach(p -> a.addObject().put("ip", "10.0.3." + (10 + rng.nextInt(240))).putObject("targetRef")
            .put("kind", "Pod").put("name", p).put("namespace", ns));
      }
      subset.putArray("ports").addObject().put("name", "http").put("port", port).put("protocol", "TCP");
    }
    objects.add(ep);
  }

  /** A HorizontalPodAutoscaler on a Deployment. */
  void hpa(String ns, String deployment, int min, int max, int current) {
    ObjectNode h = object("autoscaling/v2", "HorizontalPodAutoscaler", deployment, ns);
    ObjectNode spec = h.putObject("spec").put("minReplicas", min).put("maxReplicas", max);
    spec.putObject("scaleTargetRef").put("apiVersion", "apps/v1").put("kind", "Deployment").put("name", deployment);
    spec.putArray("metrics").addObject().put("type", "Resource").putObject("resource").put("name", "cpu")
        .putObject("target").put("type", "Utilization").put("averageUtilization", 70);
    h.putObject("status").put("currentReplicas", current).put("desiredReplicas", current);
    objects.add(h);
  }

  // --- logs --------------------------------------------------------------------------------------

  /** Current (and, after a restart, previous) log lines of one container, served through the pod log endpoint. */
  void podLog(String ns, String pod, String container, List<String> current, List<String> previous) {
    ObjectNode entry = null;
    for (var e : podLogs) {
      if (e.path("namespace").asText().equals(ns) && e.path("pod").asText().equals(pod) && e.path("container").asText().equals(container)) {
        entry = (ObjectNode) e;
      }
    }
    if (entry == null) {
      entry = podLogs.addObject().put("namespace", ns).put("pod", pod).put("container", container);
      entry.putArray("current");
    }
    // One log per container: later lines of the same container follow the earlier ones.
    current.forEach(entry.withArray("current")::add);
    if (previous != null && !previous.isEmpty()) {
      previous.forEach(entry.withArray("previous")::add);
    }
  }

  /** A log line with an RFC 3339 timestamp as an application writes it. */
  String stamp(double minute, String level, String text) {
    return at(minute).replace("Z", "." + String.format(Locale.ROOT, "%03d", rng.nextInt(1000)) + "Z") + " " + level + " " + text;
  }

  void log(double minute, String level, String service, String ns, String pod, String message, int count, Integer status) {
    ObjectNode l = logs.addObject().put("minute", minute).put("level", level).put("service", service).put("namespace", ns)
        .put("pod", pod).put("message", message).put("count", count);
    if (status != null) {
      l.put("status", status);
    }
  }

  /** Healthy request lines of a service every five minutes from -30 to 0. */
  void healthyTraffic(String ns, Workload w, String route) {
    if (w.pods().isEmpty()) {
      return;
    }
    for (int m = -30; m <= 0; m += 5) {
      log(m, "INFO", w.name(), ns, w.pods().getFirst(), route + " 200 in " + (8 + rng.nextInt(60)) + " ms", 15 + rng.nextInt(20), 200);
    }
  }

  // --- metrics -----------------------------------------------------------------------------------

  static Map<String, String> podDims(String cluster, String ns, String pod) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("ClusterName", cluster);
    d.put("Namespace", ns);
    d.put("PodName", pod);
    return d;
  }

  static Map<String, String> serviceDims(String cluster, String ns, String service) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("ClusterName", cluster);
    d.put("Namespace", ns);
    d.put("Service", service);
    return d;
  }

  Map<String, String> nodeDims(String node) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("ClusterName", cluster);
    d.put("NodeName", node);
    d.put("InstanceId", "i-0" + Integer.toHexString(node.hashCode() & 0xfffffff) + "00000000".substring(0, 8));
    return d;
  }

  /**
   * One series from -30 to 0: {@code base} with noise until {@code from}, then a ramp to {@code peak}. The fix's
   * effect is {@code after} (null: the fix does not change it), gated by {@code recovers} when given.
   */
  ObjectNode series(String namespace, String metric, Map<String, String> dims, String unit, double base, double peak, double from,
      double[] after, ObjectNode recovers) {
    ObjectNode m = metrics.addObject().put("namespace", namespace).put("metricName", metric);
    ObjectNode d = m.putObject("dimensions");
    dims.forEach(d::put);
    m.put("unit", unit);
    ArrayNode points = m.putArray("points");
    for (int minute = -30; minute <= 0; minute++) {
      double v = minute < from ? base : base + (peak - base) * Math.min(1, (minute - from + 1) / 3.0);
      double noise = (rng.nextDouble() - 0.5) * Math.max(0.5, Math.abs(v) * 0.04);
      points.addArray().add(minute).add(round(Math.max(0, v + (unit.equals("Count") ? 0 : noise))));
    }
    if (after != null) {
      ArrayNode a = m.putArray("afterRemediation");
      for (int minute = 0; minute < after.length; minute++) {
        a.addArray().add(minute).add(after[minute]);
      }
      if (recovers != null) {
        m.set("recoversWhen", recovers);
      }
    }
    return m;
  }

  /** A series that climbs steadily (a leak), {@code from} to {@code to} over the half hour. */
  void rising(String metric, Map<String, String> dims, String unit, double from, double to) {
    ObjectNode m = metrics.addObject().put("namespace", "ContainerInsights").put("metricName", metric);
    ObjectNode d = m.putObject("dimensions");
    dims.forEach(d::put);
    m.put("unit", unit);
    ArrayNode points = m.putArray("points");
    for (int minute = -30; minute <= 0; minute++) {
      double sawtooth = (minute + 30) % 9 == 8 ? 0.55 : 1.0;
      points.addArray().add(minute).add(round((from + (to - from) * (minute + 30) / 30.0) * sawtooth));
    }
  }

  static double[] flat(double value, int minutes) {
    double[] out = new double[minutes];
    java.util.Arrays.fill(out, value);
    return out;
  }

  static ObjectNode available(String kind, String ns, String name) {
    return Json.object().put("kind", kind).put("namespace", ns).put("name", name).put("state", "available");
  }

  static ObjectNode deleted(String ref) {
    return Json.object().put("deleted", ref);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  // --- alarms ------------------------------------------------------------------------------------

  /** The metric an alarm watches. */
  record Watched(String namespace, String metric, Map<String, String> dims, String stat, String comparison, double threshold,
      String unit) {}

  ObjectNode alarmBase(String name, String description, String reason) {
    ObjectNode a = Json.object().put("AlarmName", name).put("AlarmDescription", description).put("AWSAccountId", account)
        .put("NewStateValue", "ALARM").put("NewStateReason", reason).put("StateChangeTime", alarmTime())
        .put("Region", switch (region) {
          case "us-west-2" -> "US West (Oregon)";
          case "ap-northeast-2" -> "Asia Pacific (Seoul)";
          default -> "EU (Ireland)";
        })
        .put("AlarmArn", "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name).put("OldStateValue", "OK");
    a.putArray("AlarmActions").add("arn:aws:sns:" + region + ":" + account + ":incident-alarms");
    return a;
  }

  ObjectNode singleMetric(String name, String description, Watched w, double observed) {
    ObjectNode a = alarmBase(name, description, "Threshold Crossed: 2 out of the last 2 datapoints [" + observed + " ("
        + reasonTime(-1) + "), " + observed + " (" + reasonTime(-2) + ")] was " + words(w.comparison()) + " the threshold ("
        + w.threshold() + ") (minimum 2 datapoints for OK -> ALARM transition).");
    ObjectNode t = a.putObject("Trigger").put("MetricName", w.metric()).put("Namespace", w.namespace())
        .put("StatisticType", "Statistic").put("Statistic", w.stat().toUpperCase(Locale.ROOT)).put("Unit", w.unit());
    dimensions(t.putArray("Dimensions"), w.dims());
    t.put("Period", 60).put("EvaluationPeriods", 2).put("DatapointsToAlarm", 2).put("ComparisonOperator", w.comparison())
        .put("Threshold", w.threshold()).put("TreatMissingData", "missing").put("EvaluateLowSampleCountPercentile", "");
    return a;
  }

  /** e1 = (m1 / m2) * 100 over two metrics of the same dimensions. */
  ObjectNode metricMath(String name, String description, Watched numerator, String denominator, String label, double observed) {
    ObjectNode a = alarmBase(name, description, "Threshold Crossed: 3 out of the last 3 datapoints [" + observed + " ("
        + reasonTime(-1) + ")] was " + words(numerator.comparison()) + " the threshold (" + numerator.threshold()
        + ") (minimum 3 datapoints for OK -> ALARM transition).");
    ObjectNode t = a.putObject("Trigger").put("Period", 60).put("EvaluationPeriods", 3).put("DatapointsToAlarm", 3)
        .put("ComparisonOperator", numerator.comparison()).put("Threshold", numerator.threshold())
        .put("TreatMissingData", "missing").put("EvaluateLowSampleCountPercentile", "");
    ArrayNode metrics = t.putArray("Metrics");
    metrics.addObject().put("Expression", "(m1/m2)*100").put("Id", "e1").put("Label", label).put("ReturnData", true);
    metricStat(metrics.addObject().put("Id", "m1"), numerator.namespace(), numerator.metric(), numerator.dims(), numerator.stat());
    metricStat(metrics.addObject().put("Id", "m2"), numerator.namespace(), denominator, numerator.dims(), numerator.stat());
    return a;
  }

  ObjectNode anomalyBand(String name, String description, Watched w, double observed) {
    double upper = Math.round(w.threshold() * 10) / 10.0;
    ObjectNode a = alarmBase(name, description, "Thresholds Crossed: 3 out of the last 3 datapoints [" + observed + " ("
        + reasonTime(-1) + ")] were greater than the upper thresholds [" + upper + "] (minimum 3 datapoints for OK -> ALARM transition).");
    ObjectNode t = a.putObject("Trigger").put("Period", 60).put("EvaluationPeriods", 3).put("DatapointsToAlarm", 3)
        .put("ComparisonOperator", "GreaterThanUpperThreshold").put("ThresholdMetricId", "ad1")
        .put("TreatMissingData", "missing").put("EvaluateLowSampleCountPercentile", "");
    ArrayNode metrics = t.putArray("Metrics");
    metricStat(metrics.addObject().put("Id", "m1"), w.namespace(), w.metric(), w.dims(), w.stat());
    metrics.addObject().put("Expression", "ANOMALY_DETECTION_BAND(m1, 2)").put("Id", "ad1")
        .put("Label", w.metric() + " (expected)").put("ReturnData", true);
    return a;
  }

  ObjectNode composite(String name, String description, List<String> children) {
    ObjectNode a = alarmBase(name, description, "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + children.getLast()
        + " transitioned to ALARM at " + reasonTime(-0.1) + " UTC");
    a.put("AlarmRule", String.join(" AND ", children.stream().map(c -> "ALARM(\"" + c + "\")").toList()));
    ArrayNode triggering = a.putArray("TriggeringChildren");
    triggering.addObject().put("Arn", "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + children.getLast())
        .putObject("State").put("Value", "ALARM").put("Timestamp", ALARM_TIME.format(alarmAt.minusSeconds(2)));
    return a;
  }

  private void metricStat(ObjectNode m, String namespace, String metric, Map<String, String> dims, String stat) {
    ObjectNode ms = m.putObject("MetricStat");
    ObjectNode metricNode = ms.putObject("Metric");
    dimensions(metricNode.putArray("Dimensions"), dims);
    metricNode.put("MetricName", metric).put("Namespace", namespace);
    ms.put("Period", 60).put("Stat", stat);
    m.put("ReturnData", false);
  }

  private static void dimensions(ArrayNode out, Map<String, String> dims) {
    dims.forEach((k, v) -> out.addObject().put("name", k).put("value", v));
  }

  private static String words(String comparison) {
    return switch (comparison) {
      case "LessThanThreshold" -> "less than";
      case "LessThanOrEqualToThreshold" -> "less than or equal to";
      case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
      default -> "greater than";
    };
  }

  // --- the scenario ------------------------------------------------------------------------------

  ObjectNode scenario(String name, String description, ObjectNode alarm, Expectation e, boolean closed) {
    ObjectNode s = Json.object().put("name", name).put("description", description);
    s.set("alarm", alarm);
    ObjectNode c = s.putObject("cluster").put("name", cluster);
    ArrayNode items = c.putArray("objects");
    objects.forEach(items::add);
    s.set("metrics", metrics);
    s.set("logs", logs);
    s.set("podLogs", podLogs);
    ObjectNode expected = s.putObject("expected").put("rootCauseCategory", e.top1().id()).put("remediation", e.remediation().id())
        .put("closed", closed);
    e.changed().forEach(expected.putArray("changed")::add);
    return s;
  }
}
