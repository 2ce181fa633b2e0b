package com.incident.agent.testing;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.K8sWorkloadResult.Container;
import com.incident.common.tool.result.K8sWorkloadResult.LoadGenerator;
import com.incident.common.tool.result.K8sWorkloadResult.Pod;
import com.incident.common.tool.result.K8sWorkloadResult.Resources;
import com.incident.common.tool.result.K8sWorkloadResult.Revision;
import com.incident.common.tool.result.K8sWorkloadResult.Workload;
import java.util.List;
import java.util.Map;

/**
 * The read-only Kubernetes tools' result records, filled in as tools-kubernetes fills them (see the records'
 * javadoc): what a test varies is the cluster's state, the rest is what the producer always sends.
 */
public final class K8sResults {
  public static final String CLUSTER = ToolResults.CLUSTER;
  public static final String NODE = "ip-10-0-1-23.us-west-2.compute.internal";
  /** What chaos-cleanup's signature code says about a stress-ng container. */
  public static final LoadGenerator STRESS_NG = new LoadGenerator(List.of("stress-ng", "--cpu", "2", "--timeout", "600s"),
      List.of("cpu"), "command stress-ng --cpu 2 --timeout 600s (image alexeiled/stress-ng:0.9)");
  public static final Resources NO_RESOURCES = new Resources(null, null, null, null);

  public static Container running(String name, String image, LoadGenerator loadGenerator) {
    List<String> command = loadGenerator == null ? List.of() : loadGenerator.process();
    return new Container(name, image, command, List.of(), "running", null, null, "2026-11-21T02:50:00Z", 0, null,
        NO_RESOURCES, loadGenerator);
  }

  public static Container waiting(String name, String image, String reason, String message) {
    return new Container(name, image, List.of(), List.of(), "waiting", reason, message, null, 0, null, NO_RESOURCES, null);
  }

  /** A container restarted after the previous instance was OOMKilled (exit 137). */
  public static Container oomKilled(String name, String image, int restarts) {
    return new Container(name, image, List.of(), List.of(), "running", null, null, "2026-11-21T03:13:40Z", restarts,
        new K8sWorkloadResult.Termination("OOMKilled", 137, "2026-11-21T03:05:02Z", "2026-11-21T03:13:31Z"),
        new Resources("250m", "500m", "256Mi", "512Mi"), null);
  }

  public static Pod pod(String name, String revision, boolean ready, Container... containers) {
    return new Pod(name, ready ? "Running" : "Pending", NODE, revision, ready, "2026-11-21T02:50:00Z", List.of(containers));
  }

  public static Revision revision(int number, String rsName, String image, String created, int replicas,
      Integer desiredReplicas) {
    return new Revision(number, rsName, Map.of("app", image), null, created, replicas, replicas, desiredReplicas);
  }

  /** A Deployment with its history (newest first) and pods. */
  public static Workload deployment(String namespace, String name, Integer desired, int ready,
      Map<String, String> annotations, List<Revision> revisions, List<Pod> pods,
      List<K8sWorkloadResult.ServiceEndpoints> services, K8sWorkloadResult.Hpa hpa) {
    return new Workload("Deployment", namespace, name, new K8sWorkloadResult.Replicas(desired, ready, ready, ready,
        "2026-11-21T03:09:00Z"), annotations, null, revisions, pods, services, hpa, List.of());
  }

  public static K8sWorkloadResult describe(Workload... workloads) {
    return new K8sWorkloadResult(CLUSTER, List.of(workloads), List.of(),
        workloads.length == 0 ? "no workload matched" : null);
  }

  public static K8sEventsResult.Event event(String type, String reason, String kind, String namespace, String name,
      String message, int count, String firstSeen) {
    return new K8sEventsResult.Event(type, reason, kind, namespace, name, message, count, firstSeen, "2026-11-21T03:14:50Z");
  }

  public static K8sEventsResult events(String namespace, K8sEventsResult.Event... events) {
    return new K8sEventsResult(CLUSTER, List.of(namespace), null, "2026-11-21T02:45:12Z", "2026-11-21T03:15:20Z",
        events.length, List.of(events), List.of(), events.length == 0 ? "no events in the window" : null);
  }

  public static K8sPodLogsResult logs(String namespace, String pod, String container, List<String> current,
      List<String> previous) {
    return new K8sPodLogsResult(CLUSTER, namespace, pod, List.of(new K8sPodLogsResult.ContainerLog(container, current,
        previous, previous.isEmpty() ? "no previous container" : null, false)), List.of(), null);
  }

  public static K8sNodeStatusResult.Node node(String name, boolean ready, List<K8sWorkloadResult.Condition> conditions,
      K8sNodeStatusResult.NodePod... top) {
    return new K8sNodeStatusResult.Node(name, ready, false, conditions,
        new K8sNodeStatusResult.Allocation(1930, 1700, 88.1), new K8sNodeStatusResult.Allocation(7_000_000_000L, 5_000_000_000L, 71.4),
        12, List.of(top));
  }

  public static K8sWorkloadResult.Condition condition(String type, String status) {
    return new K8sWorkloadResult.Condition(type, status, null, null, "2026-11-21T03:10:00Z");
  }

  public static K8sNodeStatusResult nodeStatus(K8sNodeStatusResult.Node... nodes) {
    return new K8sNodeStatusResult(CLUSTER, List.of(nodes), List.of(), nodes.length == 0 ? "no nodes" : null);
  }

  public static K8sChaosScanResult chaosScan(String namespace, ChaosCleanupResult.Action... matches) {
    return new K8sChaosScanResult(CLUSTER, new ChaosCleanupResult.Scope(namespace, null, null, null, null),
        List.of(namespace), List.of(), 5, List.of(matches), List.of(), List.of(), null);
  }

  /** A stress-workload match of chaos-cleanup's dry run. */
  public static ChaosCleanupResult.Action stressMatch(String namespace, String kind, String name, String pod) {
    return new ChaosCleanupResult.Action(ChaosScenario.STRESS_WORKLOAD, ChaosCleanupResult.ActionType.DELETE, kind,
        namespace, name, ChaosCleanupResult.ActionStatus.DRY_RUN, "read-only scan", "pod " + pod + ": " + STRESS_NG.evidence(),
        List.of(pod), kind + " " + namespace + "/" + name, "deleted",
        new ChaosCleanupResult.Undo("re-create the deleted " + kind, "kubectl -n " + namespace + " apply -f manifest.yaml", null, null,
            null, null), null);
  }

  private K8sResults() {}
}
