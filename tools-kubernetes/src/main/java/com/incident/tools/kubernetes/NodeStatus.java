package com.incident.tools.kubernetes;

import static com.incident.tools.kubernetes.Views.list;
import static com.incident.tools.kubernetes.Views.map;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.ResultFit;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code k8s-node-status}: conditions, allocatable against what the scheduled pods request (as the scheduler counts
 * it: the larger of the containers' sum and the biggest init container, plus pod overhead), and the pods requesting
 * the most. Without a node name, every node, the troubled ones first.
 */
final class NodeStatus {
  static final int DEFAULT_TOP = 5;
  static final int MAX_TOP = 20;
  static final Set<String> PRESSURE = Set.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final ClusterReads reads;
  private final String cluster;

  NodeStatus(ClusterReads reads, String cluster) {
    this.reads = reads;
    this.cluster = cluster;
  }

  ToolResult run(ToolArguments args) {
    String only = args.optionalString("node_name").orElse(null);
    int top = args.integer("top_pods", DEFAULT_TOP);
    List<Node> nodes;
    Map<String, List<Pod>> podsByNode = new LinkedHashMap<>();
    if (only != null) {
      Node node = reads.node(only);
      nodes = node == null ? List.of() : List.of(node);
      if (node != null) {
        podsByNode.put(only, reads.podsOnNode(only));
      }
    } else {
      nodes = reads.nodes();
      for (Pod p : reads.allPods()) {
        if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
          podsByNode.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p);
        }
      }
    }
    List<K8sNodeStatusResult.Node> views = nodes.stream()
        .map(n -> node(n, podsByNode.getOrDefault(n.getMetadata().getName(), List.of()), top))
        .sorted(Comparator.comparingInt(NodeStatus::trouble).reversed()
            .thenComparing(n -> n.cpuMillicores().requestedPercent(), Comparator.reverseOrder()))
        .toList();
    String noData = views.isEmpty()
        ? (only == null ? "the cluster lists no nodes" : "no node named " + only + " (it may have been replaced or scaled in)")
        : null;
    K8sNodeStatusResult result = ResultFit.largest(views.size(), k -> new K8sNodeStatusResult(cluster, views.subList(0, k),
        k < views.size() ? List.of((views.size() - k) + " of " + views.size() + " nodes left out to stay under the result bound "
            + "(the healthy ones with the lowest requests)") : List.of(), noData));
    if (!views.isEmpty() && result.nodes().isEmpty()) {
      // One node with many top pods can still be too big: fewer pods, then.
      result = ResultFit.largest(top, t -> new K8sNodeStatusResult(cluster,
          List.of(withTop(views.getFirst(), t)), List.of("only the first node, with " + t + " top pods, fits the result bound"), null));
    }
    return ToolResult.ok(Texts.nodes(result), result);
  }

  private static K8sNodeStatusResult.Node withTop(K8sNodeStatusResult.Node n, int t) {
    return new K8sNodeStatusResult.Node(n.name(), n.ready(), n.unschedulable(), n.conditions(), n.cpuMillicores(), n.memoryBytes(),
        n.pods(), n.topPods().subList(0, Math.min(t, n.topPods().size())));
  }

  private static int trouble(K8sNodeStatusResult.Node n) {
    int score = n.ready() ? 0 : 4;
    score += n.conditions().stream().anyMatch(c -> PRESSURE.contains(c.type()) && "True".equals(c.status())) ? 2 : 0;
    return score + (n.unschedulable() ? 1 : 0);
  }

  private K8sNodeStatusResult.Node node(Node node, List<Pod> pods, int top) {
    List<Pod> active = pods.stream().filter(p -> p.getStatus() == null
        || !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase())).toList();
    Map<String, Quantity> allocatable = node.getStatus() == null ? Map.of() : map(node.getStatus().getAllocatable());
    long cpuAllocatable = millis(Views.amount(allocatable.get("cpu")));
    long memAllocatable = Views.amount(allocatable.get("memory")).longValue();
    long cpuRequested = active.stream().mapToLong(p -> millis(request(p, "cpu"))).sum();
    long memRequested = active.stream().mapToLong(p -> request(p, "memory").longValue()).sum();
    List<K8sNodeStatusResult.NodePod> topPods = active.stream()
        .map(p -> new K8sNodeStatusResult.NodePod(p.getMetadata().getNamespace(), p.getMetadata().getName(),
            Views.controller(p.getMetadata()).map(o -> o.getKind() + "/" + o.getName()).orElse(null),
            millis(request(p, "cpu")), request(p, "memory").longValue(), Views.orUnknown(p.getStatus() == null ? null : p.getStatus().getPhase()),
            Views.loadGenerator(p.getSpec()).orElse(null)))
        .sorted(Comparator.comparingLong(K8sNodeStatusResult.NodePod::cpuRequestMillicores)
            .thenComparingLong(K8sNodeStatusResult.NodePod::memoryRequestBytes).reversed()
            .thenComparing(K8sNodeStatusResult.NodePod::name))
        .limit(top)
        .toList();
    List<K8sWorkloadResult.Condition> conditions = node.getStatus() == null ? List.of() : list(node.getStatus().getConditions())
        .stream().map(c -> DescribeWorkload.condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()))
        .toList();
    boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
    return new K8sNodeStatusResult.Node(node.getMetadata().getName(), ready,
        node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()), conditions,
        allocation(cpuAllocatable, cpuRequested), allocation(memAllocatable, memRequested), active.size(), topPods);
  }

  /** What the scheduler reserves for the pod: max(sum of containers, largest init container) plus overhead. */
  static BigDecimal request(Pod p, String resource) {
    if (p.getSpec() == null) {
      return BigDecimal.ZERO;
    }
    Function<Container, BigDecimal> of = c -> c.getResources() == null ? BigDecimal.ZERO
        : Views.amount(map(c.getResources().getRequests()).get(resource));
    BigDecimal sum = list(p.getSpec().getContainers()).stream().map(of).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal init = list(p.getSpec().getInitContainers()).stream().map(of).reduce(BigDecimal.ZERO, BigDecimal::max);
    BigDecimal overhead = Views.amount(map(p.getSpec().getOverhead()).get(resource));
    return sum.max(init).add(overhead);
  }

  private static long millis(BigDecimal cores) {
    return cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValue();
  }

  private static K8sNodeStatusResult.Allocation allocation(long allocatable, long requested) {
    double percent = allocatable <= 0 ? 0 : Math.round(requested * 1000.0 / allocatable) / 10.0;
    return new K8sNodeStatusResult.Allocation(allocatable, requested, percent);
  }
}
