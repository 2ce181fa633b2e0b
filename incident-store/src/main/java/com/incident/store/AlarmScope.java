package com.incident.store;

import java.time.Instant;
import java.util.Set;

/**
 * What one alarm is about, for correlation: read from its dimensions (and, for a composite alarm, the child alarm
 * names its rule references). Workloads are "namespace/name" so equal names in two namespaces stay apart.
 *
 * @param metric "Namespace/MetricName" for the comment, or the composite rule's first words
 */
public record AlarmScope(String alarmName, String cluster, Set<String> namespaces, Set<String> workloads,
    Set<String> nodes, Set<String> children, Instant at, String metric) {
  public AlarmScope {
    namespaces = Set.copyOf(namespaces);
    workloads = Set.copyOf(workloads);
    nodes = Set.copyOf(nodes);
    children = Set.copyOf(children);
  }

  /** Nothing to correlate on: no cluster and no child alarms. Such an alarm keeps its own incident. */
  public boolean unscoped() {
    return cluster == null && children.isEmpty();
  }

  /** An alarm about a workload whose node placement the alarm does not say. */
  boolean placementUnknown() {
    return nodes.isEmpty() && !namespaces.isEmpty();
  }
}
