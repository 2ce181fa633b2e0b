package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.agent.testing.K8sResults;
import com.incident.agent.testing.ToolResults;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kubernetes part of the evidence plan per alarm shape, and the bounded follow-up on the first answers. */
class EvidenceCollectorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:20:00Z");
  private final EvidenceCollector collector =
      new EvidenceCollector(Harness.settings().withMonitoredNamespaces(List.of("shop", "payments")));

  @Test
  void aLongToolFailureBecomesAOneLineReasonCutBetweenWords() {
    String failure = "GetMetricData failed:\n" + "namespace ContainerInsights metric pod_cpu_utilization ".repeat(8)
        + "arn:aws:cloudwatch:us-west-2:123456789012:metric-stream/very-long-stream-name-that-must-stay-whole";

    String reason = EvidenceCollector.abbreviate(failure);

    assertThat(reason).hasSizeLessThanOrEqualTo(301).endsWith("…").doesNotContain("\n");
    assertThat(failure.replace('\n', ' ')).startsWith(reason.substring(0, reason.length() - 1));
    assertThat(reason.substring(0, reason.length() - 1)).endsWith("pod_cpu_utilization");
    assertThat(EvidenceCollector.abbreviate(null)).isEmpty();
  }

  @Test
  void aPodAlarmDescribesItsWorkloadAndScansItsNamespaceAndNodes() {
    List<String> calls = k8s(Harness.request(AnalysisMode.ANALYZE).alarm());

    assertThat(calls).containsExactly(
        "k8s-describe-workload {\"namespace\":\"default\",\"name\":\"ui\",\"max_pods\":5}",
        "k8s-get-events {\"namespace\":\"default\",\"minutes\":34,\"end_time\":\"2026-11-21T03:20:00Z\",\"include_normal\":true}",
        "k8s-find-chaos {\"namespace\":\"default\",\"workload\":\"ui\",\"resource\":\"cpu\"}",
        "k8s-node-status {}");
  }

  @Test
  void aNodeAlarmLooksAtThatNodeOnly() {
    List<String> calls = k8s(alarm(AlarmKind.METRIC, "ContainerInsights", "node_memory_utilization",
        Map.of("ClusterName", "c", "NodeName", "ip-10-0-2-9", "InstanceId", "i-1")));

    assertThat(calls).containsExactly(
        "k8s-find-chaos {\"node\":\"ip-10-0-2-9\",\"resource\":\"memory\"}",
        "k8s-node-status {\"node_name\":\"ip-10-0-2-9\"}");
  }

  @Test
  void alarmsWithoutKubernetesDimensionsScanTheMonitoredNamespaces() {
    AlarmDetails alb = alarm(AlarmKind.METRIC, "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
        Map.of("TargetGroup", "targetgroup/shop/abc", "LoadBalancer", "app/shop/def"));
    AlarmDetails composite = alarm(AlarmKind.COMPOSITE, null, null, Map.of());

    for (AlarmDetails a : List.of(alb, composite)) {
      assertThat(k8s(a)).containsExactly(
          "k8s-get-events {\"namespace\":\"shop\",\"minutes\":31,\"end_time\":\"2026-11-21T03:20:00Z\",\"include_normal\":true}",
          "k8s-get-events {\"namespace\":\"payments\",\"minutes\":31,\"end_time\":\"2026-11-21T03:20:00Z\",\"include_normal\":true}",
          "k8s-find-chaos {\"namespace\":\"shop\"}",
          "k8s-find-chaos {\"namespace\":\"payments\"}",
          "k8s-node-status {}");
    }
  }

  @Test
  void theFollowUpDescribesWhatTheScansNamedAndReadsTheLogsOfRestartedPods() {
    K8sWorkloadResult.Workload cart = K8sResults.deployment("shop", "cart", 1, 0, Map.of(), List.of(),
        List.of(K8sResults.pod("cart-x1", null, false, K8sResults.oomKilled("app", "cart:3.1", 3))), List.of(), null);
    Evidence first = new Evidence(List.of(
        item(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sResults.describe(cart)),
        item(ToolNames.K8S_GET_EVENTS, K8sResults.events("shop",
            K8sResults.event("Warning", "Failed", "Pod", "shop", "orders-7b-a1", "Failed to pull image", 4, "2026-11-21T03:09:00Z"),
            K8sResults.event("Warning", "BackOff", "Pod", "shop", "cart-x1", "Back-off restarting failed container", 9, "2026-11-21T03:01:00Z"),
            K8sResults.event("Normal", "Pulled", "Pod", "shop", "web-1", "Pulled image", 1, "2026-11-21T03:01:00Z"),
            K8sResults.event("Normal", "ScalingReplicaSet", "Deployment", "shop", "carts", "Scaled down replica set carts-6d to 0", 1,
                "2026-11-21T03:10:00Z"))),
        item(ToolNames.K8S_FIND_CHAOS, K8sResults.chaosScan("shop", K8sResults.stressMatch("shop", "Job", "nightly-report", "nightly-report-q"))),
        item(ToolNames.K8S_NODE_STATUS, K8sResults.nodeStatus(K8sResults.node(K8sResults.NODE, true, List.of(),
            new K8sNodeStatusResult.NodePod("tools", "busy-1", null, 0, 0, "Running", K8sResults.STRESS_NG))))),
        List.of());

    assertThat(collector.followUps(first)).extracting(c -> c.tool() + " " + c.arguments()).containsExactly(
        "k8s-pod-logs {\"namespace\":\"shop\",\"pod_name\":\"cart-x1\",\"tail_lines\":50}",
        "k8s-describe-workload {\"namespace\":\"shop\",\"kind\":\"Job\",\"name\":\"nightly-report\",\"max_pods\":5}",
        "k8s-describe-workload {\"namespace\":\"tools\",\"pod_name\":\"busy-1\",\"max_pods\":5}",
        "k8s-describe-workload {\"namespace\":\"shop\",\"pod_name\":\"orders-7b-a1\",\"max_pods\":5}",
        "k8s-describe-workload {\"namespace\":\"shop\",\"kind\":\"Deployment\",\"name\":\"carts\",\"max_pods\":5}");
  }

  @Test
  void theFollowUpIsBounded() {
    List<K8sEventsResult.Event> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(K8sResults.event("Warning", "Failed", "Pod", "shop", "p-" + i, "m", 1, "2026-11-21T03:09:00Z"));
    }
    Evidence first = new Evidence(List.of(item(ToolNames.K8S_GET_EVENTS,
        K8sResults.events("shop", many.toArray(K8sEventsResult.Event[]::new)))), List.of());

    assertThat(collector.followUps(first)).hasSize(EvidenceCollector.MAX_FOLLOW_UPS);
  }

  private List<String> k8s(AlarmDetails alarm) {
    IncidentFacts facts = new IncidentClassifier(Clock.fixed(NOW, ZoneOffset.UTC), 30).classify(alarm);
    return collector.plan(facts).stream().filter(c -> c.tool().startsWith("k8s-"))
        .map(c -> c.tool() + " " + c.arguments()).toList();
  }

  private static Evidence.Item item(String tool, Record result) {
    return new Evidence.Item(tool, Json.object(), tool, ToolResults.json(result));
  }

  private static AlarmDetails alarm(AlarmKind kind, String namespace, String metric, Map<String, String> dims) {
    return new AlarmDetails("a", "arn:aws:cloudwatch:us-west-2:1:alarm:a", null, "1", "us-west-2", kind, "ALARM", "OK", "r",
        NOW.minusSeconds(60), namespace, metric, dims, "Sum", 60, 3, 3, 10.0, "GreaterThanThreshold", 25.0, List.of(),
        kind == AlarmKind.COMPOSITE ? "ALARM(\"x\")" : null);
  }
}
