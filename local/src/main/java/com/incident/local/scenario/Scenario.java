package com.incident.local.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import java.util.List;
import java.util.Map;

/**
 * One incident to replay in the sandbox, as documented in docs/scenarios.md and scenarios/schema.json. Minutes
 * are relative to the first alarm notification. Load with {@link ScenarioLoader}, which validates first.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(
    String name,
    String description,
    ObjectNode alarm,
    List<FollowUp> followUps,
    Cluster cluster,
    List<Metric> metrics,
    List<LogLine> logs,
    List<PodLog> podLogs,
    JsonNode datadog,
    Model model,
    List<String> plantedSecrets,
    Expected expected) {

  public Scenario {
    followUps = followUps == null ? List.of() : List.copyOf(followUps);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    logs = logs == null ? List.of() : List.copyOf(logs);
    podLogs = podLogs == null ? List.of() : List.copyOf(podLogs);
    plantedSecrets = plantedSecrets == null ? List.of() : List.copyOf(plantedSecrets);
    model = model == null ? new Model(true) : model;
  }

  /** A later notification: of the same alarm (a recurrence, an OK) or of another one (a storm, a composite alarm). */
  public record FollowUp(double afterMinutes, ObjectNode alarm) {
    public String alarmName() {
      return alarm.path("AlarmName").asText();
    }
  }

  public record Cluster(String name, List<ObjectNode> objects) {
    public Cluster {
      objects = objects == null ? List.of() : List.copyOf(objects);
    }
  }

  /**
   * One series. {@code afterRemediation} minutes count from the moment a fix was applied: absent, the series
   * goes on at its last value (the fix does not touch it); empty, it stops (what it measured is gone).
   * {@code recoversWhen}, when given, is what the switch also waits for: until it holds in the sandbox cluster,
   * the series goes on at its last value although a fix was applied (the wrong object was fixed).
   */
  public record Metric(String namespace, String metricName, Map<String, String> dimensions, String unit,
      List<double[]> points, List<double[]> afterRemediation, RecoversWhen recoversWhen) {
    public Metric {
      namespace = namespace == null ? "ContainerInsights" : namespace;
      dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
      points = points == null ? List.of() : List.copyOf(points);
      afterRemediation = afterRemediation == null ? null : List.copyOf(afterRemediation);
    }

    /** A series whose after part depends on any fix (the format before recoversWhen). */
    public Metric(String namespace, String metricName, Map<String, String> dimensions, String unit,
        List<double[]> points, List<double[]> afterRemediation) {
      this(namespace, metricName, dimensions, unit, points, afterRemediation, null);
    }
  }

  /**
   * The cluster condition a series' recovery depends on: an object in a state ({@code kind}, {@code namespace},
   * {@code name}, {@code state}) or an object gone ({@code deleted}: "Kind/namespace/name", "Kind/name" for a Node).
   */
  public record RecoversWhen(String kind, String namespace, String name, String state, String deleted) {
    public static final String AVAILABLE = "available";

    public static RecoversWhen available(String kind, String namespace, String name) {
      return new RecoversWhen(kind, namespace, name, AVAILABLE, null);
    }

    public static RecoversWhen deleted(String ref) {
      return new RecoversWhen(null, null, null, null, ref);
    }

    /** The object the condition is about, as "Kind/namespace/name" ("Kind/name" without a namespace). */
    public String target() {
      if (deleted != null) {
        return deleted;
      }
      return kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    @Override
    public String toString() {
      return deleted != null ? "deleted " + deleted : target() + " " + state;
    }
  }

  public record LogLine(double minute, String level, String service, String namespace, String pod, String message,
      Integer count, Integer status) {
    public int repeat() {
      return count == null ? 1 : count;
    }
  }

  /**
   * What {@code kubectl logs} shows for one container of a pod of {@code cluster.objects}: {@code current} the running
   * instance, {@code previous} the instance before its last restart ({@code --previous}); null when there was none.
   */
  public record PodLog(String namespace, String pod, String container, List<String> current, List<String> previous) {
    public PodLog {
      current = current == null ? List.of() : List.copyOf(current);
      previous = previous == null ? null : List.copyOf(previous);
    }
  }

  public record Model(boolean available) {}

  /**
   * @param changed exactly the top-level objects ("Kind namespace/name") the run may change; every other object of
   *     the cluster must be left as seeded. Null: none when remediation is none, otherwise not checked.
   */
  public record Expected(RootCauseCategory rootCauseCategory, ChaosScenario remediation, boolean closed, Integer issues,
      List<String> changed) {
    public int issueCount() {
      return issues == null ? 1 : issues;
    }

    /** The objects the run may change, or null when the scenario does not say. */
    public List<String> changedOrDefault() {
      if (changed != null) {
        return List.copyOf(changed);
      }
      return remediation == ChaosScenario.NONE ? List.of() : null;
    }
  }

  /** Every notification in delivery order: the alarm at minute 0, then the follow-ups. */
  public List<FollowUp> notifications() {
    List<FollowUp> all = new java.util.ArrayList<>();
    all.add(new FollowUp(0, alarm));
    all.addAll(followUps);
    return List.copyOf(all);
  }

  public String alarmName() {
    return alarm.path("AlarmName").asText();
  }
}
