package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code k8s-node-status}: the named node, or every node with a pressure condition or high requests first.
 */
public record K8sNodeStatusResult(String cluster, List<Node> nodes, List<String> notes, @Nullable String noDataReason) {

  /**
   * @param conditions every condition (Ready, MemoryPressure, DiskPressure, PIDPressure, ...)
   * @param cpuMillicores allocatable CPU vs the sum of the CPU requests of the pods on the node
   * @param memoryBytes allocatable memory vs the sum of the memory requests
   * @param pods how many non-terminated pods run on the node
   * @param topPods the pods on the node with the largest CPU request (memory as tie-breaker), largest first
   */
  public record Node(String name, boolean ready, boolean unschedulable, List<K8sWorkloadResult.Condition> conditions,
      Allocation cpuMillicores, Allocation memoryBytes, int pods, List<NodePod> topPods) {}

  /** @param requestedPercent requested / allocatable × 100 */
  public record Allocation(long allocatable, long requested, double requestedPercent) {}

  /**
   * @param owner "Kind/name" of the controller owning the pod, if any
   * @param loadGenerator as in {@link K8sWorkloadResult.Container#loadGenerator()}, for any of its containers
   */
  public record NodePod(String namespace, String name, @Nullable String owner, long cpuRequestMillicores,
      long memoryRequestBytes, String phase, @Nullable K8sWorkloadResult.LoadGenerator loadGenerator) {}
}
