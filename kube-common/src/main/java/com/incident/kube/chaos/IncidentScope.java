package com.incident.kube.chaos;

/**
 * What the incident is about, from the alarm's dimensions: chaos-cleanup acts only on objects related to it.
 *
 * @param namespace the alarmed namespace, or null for a node alarm
 * @param workload the alarmed Deployment (Container Insights reports a workload's pods under its name in the
 *     {@code PodName} and {@code Service} dimensions), or null
 * @param pod the name of one alarmed pod, or null
 * @param node the alarmed node, or null
 * @param resource what the alarmed metric measures (cpu, memory), or null when it is neither
 */
public record IncidentScope(String namespace, String workload, String pod, String node, Resource resource) {

  public IncidentScope {
    if (namespace == null && node == null) {
      throw new IllegalArgumentException("an incident scope needs a namespace or a node");
    }
  }

  /** Whether the alarm names a workload or pod, i.e. there is an alarmed object of its own to repair. */
  public boolean namesAWorkload() {
    return workload != null || pod != null;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (namespace != null) {
      b.append("namespace ").append(namespace);
    }
    if (workload != null) {
      b.append(b.isEmpty() ? "" : ", ").append("workload ").append(workload);
    }
    if (pod != null) {
      b.append(b.isEmpty() ? "" : ", ").append("pod ").append(pod);
    }
    if (node != null) {
      b.append(b.isEmpty() ? "" : ", ").append("node ").append(node);
    }
    if (resource != null) {
      b.append(b.isEmpty() ? "" : ", ").append("resource ").append(resource.id());
    }
    return b.toString();
  }
}
