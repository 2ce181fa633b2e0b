package com.incident.tools.kubernetes;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.kube.chaos.NamespaceReader;
import com.incident.kube.chaos.ScanArguments;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only Kubernetes tools. Every tool only gets, lists and reads pod logs (through {@link ClusterReads}); none
 * reads a Secret or a ConfigMap, and no environment value is ever returned.
 */
public final class KubernetesTarget implements ToolTarget {
  private static final Logger log = LoggerFactory.getLogger(KubernetesTarget.class);
  static final String NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
  static final String NODE = "^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$";
  static final String CONTAINER = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  /** Equality- and set-based selectors: app=web,tier!=db,env in (a,b),!legacy. */
  static final String SELECTOR = "^[A-Za-z0-9._/=!,() -]+$";

  private final DescribeWorkload describe;
  private final GetEvents events;
  private final PodLogs logs;
  private final NodeStatus nodes;
  private final FindChaos chaos;
  private final Clock clock;

  KubernetesTarget(ClusterReads reads, Config config, Clock clock) {
    this.describe = new DescribeWorkload(reads, config.cluster());
    this.events = new GetEvents(reads, config.cluster());
    this.logs = new PodLogs(reads, config.cluster());
    this.nodes = new NodeStatus(reads, config.cluster());
    this.chaos = new FindChaos(reads, config);
    this.clock = clock;
  }

  @Override
  public List<McpSchema.Tool> tools() {
    Map<String, Object> scenarios = new LinkedHashMap<>();
    scenarios.put("type", "array");
    scenarios.put("description", "Chaos signatures to look for; all of them when omitted.");
    scenarios.put("items", Map.of("type", "string", "enum", ScanArguments.SCENARIOS.stream().map(s -> s.id()).toList()));
    scenarios.put("uniqueItems", true);
    return List.of(
        ToolSchemas.tool(ToolNames.K8S_DESCRIBE_WORKLOAD,
            "Read-only `kubectl describe` + `rollout history` of a Deployment, StatefulSet, DaemonSet, Job or bare Pod, "
                + "found by namespace + name (kind optional), by one of its pods (pod_name: the owner chain Pod -> ReplicaSet "
                + "-> Deployment is followed) or by label_selector. Returns replicas (desired/ready/available/updated, when "
                + "they last changed, last-applied replicas), rollout revisions newest first (images, change-cause, created, "
                + "replicas, desired-replicas), pods unhealthy first (phase, node, container state and waiting reason such as "
                + "ImagePullBackOff/CrashLoopBackOff, last termination such as OOMKilled with exit code, restarts, "
                + "requests/limits, image, command/args, and whether the container runs a load generator such as stress-ng "
                + "whatever it is called), Services selecting the pods with ready/not-ready endpoints, HPA bounds and conditions.",
            ToolSchemas.object()
                .string("namespace", "Namespace of the workload (the alarm's Namespace dimension)", true, NAME, 63)
                .enumeration("kind", "Workload kind; without it every kind with that name is described", false,
                    DescribeWorkload.KINDS)
                .string("name", "Workload name (the alarm's Service or PodName dimension)", false, NAME, 253)
                .string("pod_name", "Name of one pod: its owning workload is described", false, NAME, 253)
                .string("label_selector", "Label selector such as app.kubernetes.io/name=orders", false, SELECTOR, 500)
                .integer("max_pods", "Most pods listed per workload (the least healthy first)", false, 1, DescribeWorkload.MAX_PODS,
                    DescribeWorkload.DEFAULT_PODS)
                .build(),
            true, K8sWorkloadResult.class),
        ToolSchemas.tool(ToolNames.K8S_GET_EVENTS,
            "Read-only Kubernetes events (Warning by default; Normal with include_normal) of namespaces or of one object "
                + "(kind + name; a Deployment's events include its ReplicaSets' and pods') within a window, collapsed by "
                + "reason + object with count, first and last seen, Warning first then newest first. Pass the alarm time as "
                + "end_time to examine T±minutes. Kubernetes keeps events about one hour by default.",
            ToolSchemas.object()
                .string("namespace", "Namespace whose events to read", false, NAME, 63)
                .property("namespaces", Map.of("type", "array", "description", "Several namespaces to read (instead of namespace)",
                    "items", Map.of("type", "string", "pattern", NAME, "maxLength", 63), "maxItems", GetEvents.MAX_NAMESPACES,
                    "uniqueItems", true), false)
                .enumeration("kind", "Kind of the one object whose events to read (with name)", false, GetEvents.KINDS)
                .string("name", "Name of that object (with kind)", false, NODE, 253)
                .integer("minutes", "Minutes before (and, with end_time, after) the anchor", false, 1, EventWindow.MAX_MINUTES,
                    EventWindow.DEFAULT_MINUTES)
                .string("end_time", "ISO-8601 anchor such as the alarm's state change time, e.g. 2026-11-21T03:15:00Z; the "
                    + "window becomes end_time±minutes", false)
                .bool("include_normal", "Also list Normal events (scheduling, pulls, scaling)", false, false)
                .build(),
            true, K8sEventsResult.class),
        ToolSchemas.tool(ToolNames.K8S_POD_LOGS,
            "Read-only tail of one pod's container logs: the current container and the previous instance (the one that "
                + "crashed or was OOM-killed), each bounded in lines and bytes and redacted. Without container, every "
                + "container of the pod (at most " + PodLogs.MAX_CONTAINERS + ").",
            ToolSchemas.object()
                .string("namespace", "Namespace of the pod", true, NAME, 63)
                .string("pod_name", "Pod name (from k8s-describe-workload or the alarm's PodName dimension)", true, NAME, 253)
                .string("container", "One container of the pod", false, CONTAINER, 63)
                .integer("tail_lines", "Lines from the end of each log", false, 1, PodLogs.MAX_LINES, PodLogs.DEFAULT_LINES)
                .build(),
            true, K8sPodLogsResult.class),
        ToolSchemas.tool(ToolNames.K8S_NODE_STATUS,
            "Read-only node status: conditions (Ready, MemoryPressure, DiskPressure, PIDPressure), allocatable CPU and "
                + "memory against the sum of the scheduled pods' requests, and the pods requesting the most (flagging "
                + "load generators). Without node_name, every node, not-ready and pressured ones first.",
            ToolSchemas.object()
                .string("node_name", "Node name (the alarm's NodeName dimension)", false, NODE, 253)
                .integer("top_pods", "How many pods per node to list by requested CPU", false, 1, NodeStatus.MAX_TOP,
                    NodeStatus.DEFAULT_TOP)
                .build(),
            true, K8sNodeStatusResult.class),
        ToolSchemas.tool(ToolNames.K8S_FIND_CHAOS,
            "Read-only chaos signature scan: runs chaos-cleanup's planner over the same allowed namespaces without acting, "
                + "and reports which objects match which chaos signature and why (load generator image or command/args "
                + "running and loading the alarmed resource; ImagePullBackOff on the newest revision with the revision to "
                + "roll back to; an unintended 0 replicas with the count from its own history), what chaos-cleanup would do "
                + "(every action dry-run) and what it would leave alone. Use it as evidence before naming a chaos scenario.",
            ToolSchemas.object()
                .string("namespace", "The alarmed namespace. Required unless node is given.", false, NAME, 63)
                .string("workload", "The alarmed Deployment (the alarm's PodName or Service dimension)", false, NAME, 253)
                .string("pod", "One alarmed pod; its Deployment counts as the alarmed workload", false, NAME, 253)
                .string("node", "The alarmed node: load generators running on it are in scope", false, NODE, 253)
                .enumeration("resource", "What the alarmed metric measures; without it no load generator explains the alarm",
                    false, List.of("cpu", "memory"))
                .property("scenarios", scenarios, false)
                .build(),
            true, K8sChaosScanResult.class));
  }

  @Override
  public ToolResult call(String name, ToolArguments args, ToolContext context) {
    try {
      return switch (name) {
        case ToolNames.K8S_DESCRIBE_WORKLOAD -> describe.run(args);
        case ToolNames.K8S_GET_EVENTS -> events.run(args, clock.instant());
        case ToolNames.K8S_POD_LOGS -> logs.run(args);
        case ToolNames.K8S_NODE_STATUS -> nodes.run(args);
        case ToolNames.K8S_FIND_CHAOS -> chaos.run(args);
        default -> throw new ToolException("Unknown tool '" + name + "'");
      };
    } catch (KubernetesClientException e) {
      String reason = NamespaceReader.reason(e);
      log.warn("{} failed: {}", name, reason);
      String hint = e.getCode() == 401 || e.getCode() == 403
          ? ". Check the function's EKS access entry and the read-only RBAC in " + ClusterReads.RBAC_DOC
          : "";
      throw new ToolException("Could not read the cluster: " + reason + hint, e);
    }
  }
}
