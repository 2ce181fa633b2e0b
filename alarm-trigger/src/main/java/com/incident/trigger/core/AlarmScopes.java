package com.incident.trigger.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.MetricRef;
import com.incident.store.AlarmScope;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alarm's correlation scope from what the alarm itself carries: its dimensions (every metric of a metric-math
 * alarm) and, for a composite alarm, the alarms its rule references. Workloads are the Container Insights
 * {@code PodName} (the owning workload's name there) and {@code Service} dimensions, qualified by namespace.
 */
public final class AlarmScopes {
  // ALARM("name"), OK(name), INSUFFICIENT_DATA("arn:aws:cloudwatch:...:alarm:name"), with or without quotes.
  private static final Pattern RULE_REF =
      Pattern.compile("\\b(?:ALARM|OK|INSUFFICIENT_DATA)\\s*\\(\\s*(?:\"((?:[^\"\\\\]|\\\\.)+)\"|([^()\\s\"]+))\\s*\\)");
  private static final Pattern ALARM_ARN = Pattern.compile("^arn:aws[a-z-]*:cloudwatch:[^:]*:[0-9]*:alarm:(.+)$");

  private AlarmScopes() {}

  public static AlarmScope of(AlarmDetails a) {
    Set<String> namespaces = new LinkedHashSet<>();
    Set<String> workloads = new LinkedHashSet<>();
    Set<String> nodes = new LinkedHashSet<>();
    String cluster = a.clusterName();
    add(a.dimensions(), namespaces, workloads, nodes);
    for (MetricRef m : a.metrics()) {
      add(m.dimensions(), namespaces, workloads, nodes);
      if (cluster == null && m.dimensions() != null) {
        cluster = m.dimensions().get("ClusterName");
      }
    }
    Set<String> children = a.kind() == AlarmKind.COMPOSITE ? children(a.alarmRule()) : Set.of();
    String metric = a.kind() == AlarmKind.COMPOSITE ? "composite"
        : a.namespace() == null ? a.metricName() : a.namespace() + "/" + a.metricName();
    return new AlarmScope(a.alarmName(), cluster, namespaces, workloads, nodes, children, a.stateChangeTime(), metric);
  }

  static Set<String> children(String rule) {
    Set<String> names = new LinkedHashSet<>();
    if (rule == null) {
      return names;
    }
    Matcher m = RULE_REF.matcher(rule);
    while (m.find()) {
      String ref = m.group(1) != null ? m.group(1).replace("\\\"", "\"") : m.group(2);
      Matcher arn = ALARM_ARN.matcher(ref);
      names.add(arn.matches() ? arn.group(1) : ref);
    }
    return names;
  }

  private static void add(Map<String, String> dims, Set<String> namespaces, Set<String> workloads, Set<String> nodes) {
    if (dims == null) {
      return;
    }
    String ns = dims.get("Namespace");
    if (ns != null) {
      namespaces.add(ns);
      for (String w : new String[] {dims.get("PodName"), dims.get("Service")}) {
        if (w != null) {
          workloads.add(ns + "/" + w);
        }
      }
    }
    if (dims.get("NodeName") != null) {
      nodes.add(dims.get("NodeName"));
    }
  }
}
