package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.result.ClusterOverviewResult;
import com.incident.common.tool.result.DatadogEventsResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.InsightWindow;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import com.incident.common.tool.result.SearchLogsResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structured content as the evidence tools emit it: their result records, written by the mapper the tools use, so
 * tests of what reads them feed real shapes. Numbers are the caller's; the rest is what the tools fill in.
 */
public final class ToolResults {
  public static final String CLUSTER = "netaiops-eks-cluster";
  public static final Instant ALARM = Instant.parse("2026-11-21T03:15:00Z");
  public static final InsightWindow WINDOW =
      new InsightWindow(ALARM.minus(Duration.ofMinutes(30)), ALARM.plus(Duration.ofMinutes(5)), 60, ALARM);

  public static JsonNode json(Record result) {
    return Json.MAPPER.valueToTree(result);
  }

  /** A percent series with the given average, peak and last value, crossing {@code threshold} if it peaked above it. */
  public static InsightRow.Summary percent(double avg, double max, double last, double threshold) {
    boolean crossed = max > threshold;
    return new InsightRow.Summary("Average", InsightRow.Unit.PERCENT, 35, Math.min(avg, last), avg, max, max,
        ALARM.minusSeconds(60), avg, last, threshold, crossed ? ALARM.minusSeconds(180) : null, false, crossed ? 3 : 0);
  }

  public static NodeMetricsResult nodeMetrics(String node, double cpuMax, double memoryMax) {
    Map<String, InsightRow.Summary> metrics = new LinkedHashMap<>();
    metrics.put(NodeMetricsResult.CPU, percent(cpuMax * 0.8, cpuMax, cpuMax * 0.9, 80));
    metrics.put(NodeMetricsResult.MEMORY, percent(memoryMax * 0.8, memoryMax, memoryMax * 0.9, 80));
    Map<String, String> dims = new TreeMap<>(Map.of("ClusterName", CLUSTER, "InstanceId", "i-0a1b2c3d4e5f60001", "NodeName", node));
    return new NodeMetricsResult(CLUSTER, WINDOW, List.of(new InsightRow(InsightRow.Kind.NODE, node + " (i-0a1b2c3d4e5f60001)",
        dims, metrics, List.of(NodeMetricsResult.FILESYSTEM, NodeMetricsResult.RUNNING_PODS))), List.of(), null);
  }

  /** Pod rows with their CPU series; a pod is namespace/name. */
  public static PodMetricsResult podMetrics(Map<String, Double> cpuLastByPod) {
    List<InsightRow> rows = new ArrayList<>();
    cpuLastByPod.forEach((pod, last) -> rows.add(podRow(pod, Map.of("pod_cpu_utilization", percent(last * 0.9, last, last, 80)))));
    return new PodMetricsResult(CLUSTER, WINDOW, rows, List.of(), null);
  }

  /** The cluster overview's top pods by peak CPU (namespace/name), highest first. */
  public static ClusterOverviewResult clusterOverview(String... topPodsByCpu) {
    List<InsightRow> pods = new ArrayList<>();
    for (int i = 0; i < topPodsByCpu.length; i++) {
      pods.add(podRow(topPodsByCpu[i], Map.of("pod_cpu_utilization", percent(50, 97.5 - i * 20, 90 - i * 20, 80))));
    }
    InsightRow cluster = new InsightRow(InsightRow.Kind.CLUSTER, CLUSTER, Map.of("ClusterName", CLUSTER),
        Map.of("cluster_node_count", new InsightRow.Summary("Minimum", InsightRow.Unit.COUNT, 35, 3, 3, 3, 3, WINDOW.start(), 3, 3,
            null, null, null, null)), List.of("cluster_failed_node_count"));
    return new ClusterOverviewResult(CLUSTER, WINDOW, List.of("kube-system"), cluster, List.of(), pods, List.of(),
        new ClusterOverviewResult.Discovered(1, pods.size()), List.of(), null);
  }

  /** Error groups (key, count, in the tool's order: most errors first), each with {@code topMessage} as its top message. */
  public static ErrorSummaryResult errorSummary(String topMessage, Map<String, Long> countsByService) {
    List<ErrorSummaryResult.Group> groups = new ArrayList<>();
    countsByService.forEach((service, count) -> groups.add(new ErrorSummaryResult.Group(service, count, List.of(
        new ErrorSummaryResult.Message(topMessage, count, ALARM.minusSeconds(30), service + "-7c9d8f-x2k4p", service)))));
    long total = countsByService.values().stream().mapToLong(Long::longValue).sum();
    return new ErrorSummaryResult("eks-app-logs*", ALARM.minus(Duration.ofHours(1)), ALARM, "service", total,
        total > 0 ? ALARM.minusSeconds(600) : null, groups, 0,
        new ErrorSummaryResult.Grouping(ErrorSummaryResult.Grouping.Method.EXACT, null, null, null), List.of(),
        total == 0 ? "no ERROR/FATAL or HTTP 5xx log lines in this window" : null);
  }

  /** Distinct log lines of one pod, newest first. */
  public static SearchLogsResult searchLogs(String service, String... messages) {
    List<SearchLogsResult.Line> lines = new ArrayList<>();
    for (String m : messages) {
      lines.add(new SearchLogsResult.Line(ALARM.minusSeconds(60), ALARM.minusSeconds(600), 4, "ERROR", service,
          service + "-7c9d8f-x2k4p", 1, "default", null, m));
    }
    return new SearchLogsResult("eks-app-logs*", "kubernetes.labels.app:" + service, ALARM.minus(Duration.ofHours(1)), ALARM,
        lines.size() * 4L, lines, 0, null);
  }

  /** Datadog events with these titles, errors, newest first. */
  public static DatadogEventsResult datadogEvents(String... titles) {
    List<DatadogEventsResult.Event> events = new ArrayList<>();
    for (int i = 0; i < titles.length; i++) {
      events.add(new DatadogEventsResult.Event(String.valueOf(7000 + i), ALARM.minusSeconds(60L * (i + 1)), "error", "normal",
          "kubernetes", titles[i], List.of("kube_namespace:default", "kube_cluster_name:" + CLUSTER)));
    }
    return new DatadogEventsResult(ALARM.minus(Duration.ofHours(1)), ALARM, events.size(), Map.of("error", events.size()),
        Map.of("kubernetes", events.size()), events, null);
  }

  private static InsightRow podRow(String pod, Map<String, InsightRow.Summary> metrics) {
    String[] parts = pod.split("/", 2);
    return new InsightRow(InsightRow.Kind.POD, pod, new TreeMap<>(Map.of("ClusterName", CLUSTER, "Namespace", parts[0],
        "PodName", parts[1])), metrics, List.of());
  }

  private ToolResults() {}
}
