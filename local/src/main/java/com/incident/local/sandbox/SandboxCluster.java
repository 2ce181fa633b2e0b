package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.local.scenario.Scenario;
import com.incident.tools.chaos.fixtures.ClusterChanges;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kubernetes API: fabric8's mock server in CRUD mode on 127.0.0.1, seeded with the scenario's
 * objects (status included) and its pods' logs (served by the pod log endpoint), with the garbage collector and
 * Deployment controller the mock lacks simulated per namespace, so chaos-cleanup's changes have the effects it
 * verifies. Events are objects like the others: {@code kubectl get events} lists them.
 */
public final class SandboxCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxCluster.class);

  private final KubeMock mock;
  private final List<ControllerSimulator> controllers = new ArrayList<>();
  private final List<String> namespaces;
  private final java.util.concurrent.CompletableFuture<State> seeded = new java.util.concurrent.CompletableFuture<>();
  private Thread seeding;
  private RolloutController rollouts;
  private ClusterChanges changes;

  private SandboxCluster(KubeMock mock, List<String> namespaces) {
    this.mock = mock;
    this.namespaces = namespaces;
  }

  /** The cluster as captured: timestamps as the file has them, no pod logs; returns once it is seeded. */
  public static SandboxCluster start(List<ObjectNode> objects) {
    return seeded(open(objects, List.of(), TimeShift.NONE));
  }

  /**
   * The scenario's cluster with its timestamps (object and event times, dates in log lines) moved so that the
   * alarm's captured StateChangeTime falls on {@code minuteZero}; without a StateChangeTime they stay as captured.
   * Returns once it is seeded.
   */
  public static SandboxCluster start(Scenario scenario, java.time.Instant minuteZero) {
    return seeded(open(scenario, minuteZero));
  }

  /**
   * As {@link #start(Scenario, java.time.Instant)}, but returns as soon as the API server listens: the objects are
   * seeded and the controllers started on a thread of their own, which the sandbox overlaps with starting the
   * functions and the alarm's first steps (a second of the demo). Everything that reads the cluster waits for the
   * seed ({@link #awaitSeeded}); a seeding failure is thrown there.
   */
  public static SandboxCluster open(Scenario scenario, java.time.Instant minuteZero) {
    TimeShift shift = Sandbox.stateChangeTime(scenario.alarm().path("StateChangeTime").asText(""))
        .map(captured -> TimeShift.between(captured, minuteZero)).orElse(TimeShift.NONE);
    return open(scenario.cluster().objects(), scenario.podLogs(), shift);
  }

  private static SandboxCluster seeded(SandboxCluster cluster) {
    try {
      return cluster.awaitSeeded();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static SandboxCluster open(List<ObjectNode> captured, List<Scenario.PodLog> podLogs, TimeShift shift) {
    List<ObjectNode> objects = captured.stream().map(shift::object).toList();
    long t0 = System.nanoTime();
    KubeMock mock = KubeMock.start();
    long mockMs = (System.nanoTime() - t0) / 1_000_000;
    List<String> namespaces = objects.stream().map(o -> o.path("metadata").path("namespace").asText(""))
        .filter(n -> !n.isEmpty()).distinct().sorted().toList();
    SandboxCluster cluster = new SandboxCluster(mock, namespaces);
    cluster.seeding = Thread.ofPlatform().daemon().name("sandbox-cluster-seed")
        .start(() -> cluster.seedAndRunControllers(objects, podLogs, shift, mockMs));
    return cluster;
  }

  private void seedAndRunControllers(List<ObjectNode> objects, List<Scenario.PodLog> podLogs, TimeShift shift, long mockMs) {
    try {
      long t1 = System.nanoTime();
      Map<String, String> uids = new HashMap<>();
      objects.stream().sorted(Comparator.comparingInt(o -> SEED_ORDER.indexOf(o.path("kind").asText())))
          .forEach(o -> seed(o, uids));
      for (Scenario.PodLog log : podLogs) {
        mock.putPodLog(log.namespace(), log.pod(), log.container(), false, text(log.current(), shift));
        if (log.previous() != null) {
          mock.putPodLog(log.namespace(), log.pod(), log.container(), true, text(log.previous(), shift));
        }
      }
      long t2 = System.nanoTime();
      // One set of watches wakes every simulated controller of the cluster.
      changes = ClusterChanges.watch(mock.client(), null);
      for (String ns : namespaces) {
        controllers.add(ControllerSimulator.start(mock.client(), ns, changes));
      }
      rollouts = new RolloutController(mock.client(), namespaces, changes);
      State state = readState();
      LOG.info("sandbox start: Kubernetes mock in {} ms, seed of {} objects in {} ms, controllers in {} ms", mockMs,
          objects.size(), (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
      seeded.complete(state);
    } catch (RuntimeException | Error e) {
      // Whatever ends the thread must reach the waiters, or they would wait forever.
      seeded.completeExceptionally(e);
    }
  }

  /** Waits until the scenario's objects are in and the controllers run; throws what made seeding fail. */
  public SandboxCluster awaitSeeded() {
    try {
      seeded.join();
      return this;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The cluster as seeded: read before any tool could change it (every tool call waits for the seed). */
  public State seededState() {
    awaitSeeded();
    return seeded.join();
  }

  /** Log lines as the endpoint returns them: one per line, each ended by a newline. */
  private static String text(List<String> lines, TimeShift shift) {
    StringBuilder out = new StringBuilder();
    lines.forEach(line -> out.append(shift.line(line)).append('\n'));
    return out.toString();
  }

  /**
   * Owners before what they own, so owner references can point at the uids the API server assigned (a CronJob
   * before its Jobs, a Service before its Endpoints and EndpointSlices); Events last, as they are about the others.
   */
  private static final List<String> SEED_ORDER = List.of("Namespace", "Node", "ConfigMap", "Deployment", "StatefulSet",
      "DaemonSet", "CronJob", "Job", "ReplicaSet", "Pod", "Service", "Endpoints", "EndpointSlice",
      "HorizontalPodAutoscaler", "PodDisruptionBudget", "Event");
  /**
   * Creates one object as the scenario has it. Through generic resources: binding the scenario's JSON to fabric8's
   * typed model and back cost half a second of the sandbox's start (Jackson builds a deserializer per model class),
   * and the API server sees the same requests.
   */
  private void seed(ObjectNode json, Map<String, String> uids) {
    GenericKubernetesResource object = Json.MAPPER.convertValue(json, GenericKubernetesResource.class);
    String what = object.getKind() + " " + object.getMetadata().getName();
    String ns = Objects.requireNonNullElse(object.getMetadata().getNamespace(), "");
    if (object.getMetadata().getOwnerReferences() != null) {
      // The API server assigns uids; the scenario's references are by kind and name. A reference to an owner the
      // scenario does not have keeps its uid: the object stays an orphan, as it was captured.
      object.getMetadata().getOwnerReferences().forEach(r -> r.setUid(
          uids.getOrDefault(r.getKind() + "/" + ns + "/" + r.getName(), r.getUid())));
    }
    try {
      var kind = mock.client().genericKubernetesResources(definition(object));
      var objects = ns.isEmpty() ? kind : kind.inNamespace(ns);
      GenericKubernetesResource created = objects.resource(object).create();
      uids.put(object.getKind() + "/" + ns + "/" + object.getMetadata().getName(), created.getMetadata().getUid());
      object.getMetadata().setUid(created.getMetadata().getUid());
      object.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
      if (json.has("status") && !STATUS_ON_CREATE.contains(object.getKind())) {
        // The API server ignores status on create; controllers (here: the scenario) write it afterwards.
        objects.resource(object).updateStatus();
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot seed " + what + " into the sandbox cluster: " + e.getMessage(), e);
    }
    LOG.debug("Seeded {}", what);
  }

  /**
   * The REST path of a kind the scenario schema accepts; the mock API server has no discovery to ask. Group and
   * version are the object's own, the plural and scope come from fabric8's model class of the kind ({@link #KINDS}).
   */
  private static ResourceDefinitionContext definition(GenericKubernetesResource object) {
    Class<? extends HasMetadata> type = KINDS.get(object.getKind());
    if (type == null) {
      throw new IllegalStateException("kind " + object.getKind() + " is not one a scenario can seed");
    }
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(object.getKind())
        .withPlural(HasMetadata.getPlural(type))
        .withNamespaced(Namespaced.class.isAssignableFrom(type))
        .build();
  }


  /** Kinds whose status the mock keeps from the create request (updateStatus would be refused or is meaningless). */
  private static final java.util.Set<String> STATUS_ON_CREATE = java.util.Set.of("Node");

  /** The API server's client, once the cluster is seeded. */
  public KubernetesClient client() {
    awaitSeeded();
    return mock.client();
  }

  /**
   * The client without waiting for the seed, for building functions whose every call the sandbox makes wait
   * ({@link #awaitSeeded}) before it runs.
   */
  KubernetesClient clientForWiring() {
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
   * Every object of the cluster (all namespaces; Nodes, Deployments, ReplicaSets, Pods, Jobs, CronJobs,
   * StatefulSets, DaemonSets, HPAs, PodDisruptionBudgets, Services, ConfigMaps), spec and metadata without status and server-set fields, so a before/after
   * comparison sees any change anyone made, not only on the objects a scenario expects to change.
   */
  public State state() {
    awaitSeeded();
    return readState();
  }

  private State readState() {
    var c = mock.client();
    Map<String, String> objects = new java.util.TreeMap<>();
    Map<String, String> owners = new HashMap<>();
    java.util.stream.Stream.<List<? extends HasMetadata>>of(
            c.nodes().list().getItems(),
            c.apps().deployments().inAnyNamespace().list().getItems(),
            c.apps().replicaSets().inAnyNamespace().list().getItems(),
            c.apps().statefulSets().inAnyNamespace().list().getItems(),
            c.apps().daemonSets().inAnyNamespace().list().getItems(),
            c.pods().inAnyNamespace().list().getItems(),
            c.batch().v1().jobs().inAnyNamespace().list().getItems(),
            c.batch().v1().cronjobs().inAnyNamespace().list().getItems(),
            c.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems(),
            c.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems(),
            c.services().inAnyNamespace().list().getItems(),
            c.configMaps().inAnyNamespace().list().getItems())
        .flatMap(List::stream)
        .forEach(o -> {
          ObjectNode node = Json.MAPPER.valueToTree(o);
          node.remove("status");
          if (node.get("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("resourceVersion", "managedFields", "generation", "creationTimestamp"));
          }
          String key = State.key(o);
          objects.put(key, Json.write(node));
          var refs = o.getMetadata().getOwnerReferences();
          if (refs != null && !refs.isEmpty()) {
            var ref = refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(refs.getFirst());
            owners.put(key, ref.getKind() + " " + Objects.requireNonNullElse(o.getMetadata().getNamespace(), "") + "/" + ref.getName());
          }
        });
    return new State(Map.copyOf(objects), Map.copyOf(owners));
  }

  /**
   * The cluster's objects by "Kind namespace/name", and each object's controlling owner.
   */
  public record State(Map<String, String> objects, Map<String, String> owners) {

    static String key(HasMetadata o) {
      return o.getKind() + " " + Objects.requireNonNullElse(o.getMetadata().getNamespace(), "") + "/" + o.getMetadata().getName();
    }

    /** Keys of the objects added, removed or changed between this state and a later one. */
    public java.util.SortedSet<String> changedIn(State after) {
      TreeSet<String> keys = new TreeSet<>(objects.keySet());
      keys.addAll(after.objects.keySet());
      keys.removeIf(k -> Objects.equals(objects.get(k), after.objects.get(k)));
      return keys;
    }

    /**
     * The top-level objects (those nothing owns: Deployments, Jobs, bare Pods, Nodes...) whose own spec or whose
     * dependents (ReplicaSets, Pods) changed between this state and a later one.
     */
    public java.util.SortedSet<String> changedWorkloads(State after) {
      Map<String, String> allOwners = new HashMap<>(owners);
      after.owners.forEach(allOwners::putIfAbsent);
      TreeSet<String> out = new TreeSet<>();
      for (String k : changedIn(after)) {
        String top = k;
        for (int i = 0; i < 5 && allOwners.containsKey(top); i++) {
          top = allOwners.get(top);
        }
        out.add(top);
      }
      return out;
    }
  }

  /**
   * Whether a series' recovery condition holds now: the object is gone, or it is available (every desired replica
   * ready and at least one; a Pod Ready; a Service with a ready endpoint address).
   */
  public boolean holds(Scenario.RecoversWhen when) {
    String[] ref = when.target().split("/", -1);
    String kind = ref[0];
    String ns = ref.length == 3 ? ref[1] : null;
    String name = ref[ref.length - 1];
    HasMetadata object = get(kind, ns, name);
    if (when.deleted() != null) {
      return object == null;
    }
    return object != null && available(object);
  }

  private HasMetadata get(String kind, String ns, String name) {
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("the sandbox cannot look up " + kind + " objects");
    }
    return ns == null ? client().resources(type).withName(name).get() : client().resources(type).inNamespace(ns).withName(name).get();
  }

  private boolean available(HasMetadata o) {
    return switch (o) {
      case io.fabric8.kubernetes.api.model.apps.Deployment d -> d.getStatus() != null
          && atLeast(d.getStatus().getAvailableReplicas(), d.getSpec().getReplicas());
      case io.fabric8.kubernetes.api.model.apps.StatefulSet set -> set.getStatus() != null
          && atLeast(set.getStatus().getReadyReplicas(), set.getSpec().getReplicas());
      case io.fabric8.kubernetes.api.model.apps.ReplicaSet rs -> rs.getStatus() != null
          && atLeast(rs.getStatus().getReadyReplicas(), rs.getSpec().getReplicas());
      case io.fabric8.kubernetes.api.model.apps.DaemonSet ds -> ds.getStatus() != null
          && atLeast(ds.getStatus().getNumberReady(), ds.getStatus().getDesiredNumberScheduled());
      case io.fabric8.kubernetes.api.model.Pod p -> RolloutController.ready(p);
      case io.fabric8.kubernetes.api.model.Service svc -> {
        var endpoints = client().endpoints().inNamespace(svc.getMetadata().getNamespace()).withName(svc.getMetadata().getName()).get();
        yield endpoints != null && endpoints.getSubsets() != null && endpoints.getSubsets().stream()
            .anyMatch(sub -> sub.getAddresses() != null && !sub.getAddresses().isEmpty());
      }
      default -> throw new IllegalArgumentException(o.getKind() + " has no available state");
    };
  }

  private static boolean atLeast(Integer ready, Integer desired) {
    int want = desired == null ? 1 : desired;
    return want > 0 && ready != null && ready >= want;
  }

  /** The kinds a scenario may hold, by the name the format uses. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
      Map.entry("Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
      Map.entry("Node", io.fabric8.kubernetes.api.model.Node.class),
      Map.entry("Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
      Map.entry("ReplicaSet", io.fabric8.kubernetes.api.model.apps.ReplicaSet.class),
      Map.entry("StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
      Map.entry("DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class),
      Map.entry("Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
      Map.entry("CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
      Map.entry("Pod", io.fabric8.kubernetes.api.model.Pod.class),
      Map.entry("Service", io.fabric8.kubernetes.api.model.Service.class),
      Map.entry("Endpoints", io.fabric8.kubernetes.api.model.Endpoints.class),
      Map.entry("EndpointSlice", io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class),
      Map.entry("HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
      Map.entry("PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
      Map.entry("ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
      Map.entry("Event", io.fabric8.kubernetes.api.model.Event.class));

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
    if (seeding != null) {
      try {
        seeding.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
    if (changes != null) {
      changes.close();
    }
    mock.close();
  }
}
