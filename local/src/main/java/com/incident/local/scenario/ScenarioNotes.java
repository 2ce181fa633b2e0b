package com.incident.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a scenario holds that no tool serves, so the analyzer (rule-based or model) has nothing to read from it.
 * Not errors: such data documents the incident and feeds the sandbox's controllers, but it cannot be evidence.
 */
final class ScenarioNotes {
  /** The only metric namespace the Container Insights tools are served (CONTAINER_INSIGHTS_NAMESPACE's default). */
  static final String SERVED_NAMESPACE = "ContainerInsights";
  /** The kinds the read-only Kubernetes tools (and chaos-cleanup) read; never ConfigMaps or Secrets. */
  static final Set<String> READ_KINDS = Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
      "HorizontalPodAutoscaler", "Service", "Endpoints", "Node", "Event");

  private ScenarioNotes() {}

  static List<String> unread(JsonNode s) {
    List<String> notes = new ArrayList<>();
    JsonNode metrics = s.path("metrics");
    for (int i = 0; i < metrics.size(); i++) {
      String ns = metrics.get(i).path("namespace").asText(SERVED_NAMESPACE);
      if (!ns.equals(SERVED_NAMESPACE)) {
        notes.add("$.metrics[" + i + "]: namespace " + ns + " is not served to any tool (only " + SERVED_NAMESPACE
            + "); the series documents the alarm but the analyzer cannot query it");
      }
    }
    Map<String, List<Integer>> unreadKinds = new TreeMap<>();
    Map<String, List<Integer>> otherNamespaces = new LinkedHashMap<>();
    String alarmed = dimension(s.path("alarm"), "Namespace");
    JsonNode objects = s.path("cluster").path("objects");
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      String kind = o.path("kind").asText();
      String ns = o.path("metadata").path("namespace").asText("");
      if (!READ_KINDS.contains(kind)) {
        unreadKinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(i);
      } else if (alarmed != null && !ns.isEmpty() && !ns.equals(alarmed)) {
        otherNamespaces.computeIfAbsent(ns, k -> new ArrayList<>()).add(i);
      }
    }
    unreadKinds.forEach((kind, at) -> notes.add("$.cluster.objects" + at + ": no tool reads " + kind
        + " objects (the Kubernetes tools read only " + String.join(", ", new java.util.TreeSet<>(READ_KINDS))
        + "); they shape the sandbox cluster, and the analyzer sees them only through metrics and logs"));
    otherNamespaces.forEach((ns, at) -> notes.add("$.cluster.objects" + at + ": namespace " + ns
        + " is not the alarmed namespace " + alarmed + "; the Kubernetes tools and chaos-cleanup read only the alarmed namespace"));
    JsonNode trigger = s.path("alarm").path("Trigger");
    if (SERVED_NAMESPACE.equals(trigger.path("Namespace").asText()) && !hasSeries(s, trigger)) {
      notes.add("$.alarm.Trigger: no series in $.metrics has the alarm's metric " + trigger.path("MetricName").asText()
          + " and dimensions, so recovery verification will read no data");
    }
    return List.copyOf(notes);
  }

  private static boolean hasSeries(JsonNode s, JsonNode trigger) {
    Map<String, String> wanted = new TreeMap<>();
    trigger.path("Dimensions").forEach(d -> wanted.put(d.path("name").asText(), d.path("value").asText()));
    for (JsonNode m : s.path("metrics")) {
      if (m.path("namespace").asText(SERVED_NAMESPACE).equals(SERVED_NAMESPACE)
          && m.path("metricName").asText().equals(trigger.path("MetricName").asText()) && dimensions(m).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** A series' dimensions, sorted by name (empty when the field is missing or not an object). */
  static Map<String, String> dimensions(JsonNode metric) {
    Map<String, String> dims = new TreeMap<>();
    metric.path("dimensions").properties().forEach(e -> dims.put(e.getKey(), e.getValue().asText()));
    return dims;
  }

  private static String dimension(JsonNode alarm, String name) {
    for (JsonNode d : alarm.path("Trigger").path("Dimensions")) {
      if (name.equals(d.path("name").asText())) {
        return d.path("value").asText();
      }
    }
    return null;
  }
}
