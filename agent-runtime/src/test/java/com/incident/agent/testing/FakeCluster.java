package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evidence and chaos tools over one simulated EKS cluster: a stress-ng pod saturating CPU next to the ui pod
 * until chaos-cleanup removes it. Outputs are shaped like the real tools' summaries (text + numbers); chaos-cleanup's
 * structured answer is its contract record.
 */
public final class FakeCluster {
  public static final String SECRET_IN_LOGS = "hunter2-s3cr3t";

  public final AtomicBoolean stressRunning = new AtomicBoolean(true);
  /** The arguments of the last chaos-cleanup call. */
  public volatile JsonNode lastCleanupArgs;
  private volatile boolean stressInEvidence = true;

  /** Evidence that looks like a stress workload, but no object carries a chaos signature (a lookalike). */
  public FakeCluster lookalike() {
    lookalike = true;
    stressRunning.set(false);
    return this;
  }

  /** chaos-cleanup deletes the stress workload, but the alarmed pod's CPU stays high (something else loads it). */
  public FakeCluster stubborn() {
    stubborn = true;
    return this;
  }

  private volatile boolean stubborn;

  /** A cluster whose evidence shows nothing known (no chaos fault). */
  public FakeCluster quiet() {
    stressInEvidence = false;
    stressRunning.set(false);
    return this;
  }

  public FakeCluster register(LoopbackGateway gateway) {
    gateway.tool(ToolNames.POD_METRICS, LoopbackGateway.schema("cluster_name"), args -> podMetrics());
    gateway.tool(ToolNames.NODE_METRICS, LoopbackGateway.schema("cluster_name"), args -> LoopbackGateway.result(
        "node ip-10-0-1-23: node_cpu_utilization avg 71.0 max 88.0 p95 86.5 last 84.0 ▃▅▆▇▇",
        ToolResults.json(ToolResults.nodeMetrics("ip-10-0-1-23.us-west-2.compute.internal", 88.0, 60.0))));
    gateway.tool(ToolNames.CLUSTER_OVERVIEW, LoopbackGateway.schema("cluster_name"), args -> {
      boolean stress = stressInEvidence && (stressRunning.get() || lookalikeShown());
      return LoopbackGateway.result("nodes 3 (0 failed); top pods by CPU: " + (stress ? "default/stress-ng-7f9c4 1950m, " : "")
          + "default/ui 420m", ToolResults.json(stress ? ToolResults.clusterOverview("default/stress-ng-7f9c4", "default/ui")
          : ToolResults.clusterOverview("default/ui")));
    });
    gateway.tool(ToolNames.ERROR_SUMMARY, LoopbackGateway.schema("index"), args -> LoopbackGateway.result(
        "12 errors in 1h; ui: 7, catalog: 5; example: request failed password=" + SECRET_IN_LOGS,
        ToolResults.json(ToolResults.errorSummary("request failed", orderedCounts()))));
    gateway.tool(ToolNames.ANOMALY_DETECTION, LoopbackGateway.schema("index"), args -> LoopbackGateway.result(
        "no anomalous intervals in 3h (median/MAD, threshold 3.5)", null));
    gateway.tool(ToolNames.SEARCH_LOGS, LoopbackGateway.schema("index", "query"), args -> LoopbackGateway.result(
        "3 lines: 03:14:02 WARN ui slow response 2300ms (x3) token=" + SECRET_IN_LOGS, null));
    gateway.tool(ToolNames.CHAOS_CLEANUP, LoopbackGateway.schema(), this::cleanup);
    gateway.tool(ToolNames.K8S_DESCRIBE_WORKLOAD, LoopbackGateway.schema("namespace"), this::describe);
    gateway.tool(ToolNames.K8S_GET_EVENTS, LoopbackGateway.schema("namespace"), args -> LoopbackGateway.typedResult(
        "events in default", stressShown() ? K8sResults.events("default", K8sResults.event("Normal", "ScalingReplicaSet",
            "Deployment", "default", "stress-ng", "Scaled up replica set stress-ng-6c7d8 to 1", 1, "2026-11-21T02:58:00Z"))
            : K8sResults.events("default")));
    gateway.tool(ToolNames.K8S_FIND_CHAOS, LoopbackGateway.schema(), args -> LoopbackGateway.typedResult("chaos scan",
        stressRunning.get() && stressInEvidence
            ? K8sResults.chaosScan("default", K8sResults.stressMatch("default", "Deployment", "stress-ng", "stress-ng-7f9c4"))
            : K8sResults.chaosScan("default")));
    gateway.tool(ToolNames.K8S_POD_LOGS, LoopbackGateway.schema("namespace", "pod_name"), args -> LoopbackGateway.typedResult(
        "logs", K8sResults.logs(args.path("namespace").asText(), args.path("pod_name").asText(), "app",
            List.of("GET /healthz 200"), List.of())));
    gateway.tool(ToolNames.K8S_NODE_STATUS, LoopbackGateway.schema(), args -> LoopbackGateway.typedResult("node status",
        K8sResults.nodeStatus(K8sResults.node(K8sResults.NODE, true, List.of(K8sResults.condition("Ready", "True"),
            K8sResults.condition("MemoryPressure", "False")), topPods()))));
    return this;
  }

  /** Whatever the stress pod is called, only its process makes it a load generator; the lookalike runs nginx. */
  private boolean stressShown() {
    return stressInEvidence && (stressRunning.get() || lookalikeShown());
  }

  private K8sNodeStatusResult.NodePod[] topPods() {
    K8sNodeStatusResult.NodePod ui = new K8sNodeStatusResult.NodePod("default", "ui-5d8f7-abcde", "Deployment/ui", 250,
        268_435_456L, "Running", null);
    if (!stressShown()) {
      return new K8sNodeStatusResult.NodePod[] {ui};
    }
    return new K8sNodeStatusResult.NodePod[] {new K8sNodeStatusResult.NodePod("default", "stress-ng-7f9c4",
        "Deployment/stress-ng", 0, 0, "Running", lookalike ? null : K8sResults.STRESS_NG), ui};
  }

  /** k8s-describe-workload: the alarmed ui Deployment, and the stress Deployment once something points at it. */
  private JsonNode describe(JsonNode args) {
    String name = args.path("name").asText(args.path("pod_name").asText(""));
    if (name.equals("ui") || name.startsWith("ui-")) {
      return LoopbackGateway.typedResult("Deployment default/ui 1/1", K8sResults.describe(K8sResults.deployment("default",
          "ui", 1, 1, Map.of(), List.of(K8sResults.revision(3, "ui-5d8f7", "ui:2.1.0", "2026-11-20T09:00:00Z", 1, 1)),
          List.of(K8sResults.pod("ui-5d8f7-abcde", "ui-5d8f7", true, K8sResults.running("ui", "ui:2.1.0", null))),
          List.of(new K8sWorkloadResult.ServiceEndpoints("ui", 1, 0)), null)));
    }
    if (name.startsWith("stress-ng") && stressShown()) {
      K8sWorkloadResult.Container c = lookalike ? K8sResults.running("web", "nginx:1.27", null)
          : K8sResults.running("stress", "alexeiled/stress-ng:0.9", K8sResults.STRESS_NG);
      return LoopbackGateway.typedResult("Deployment default/stress-ng 1/1", K8sResults.describe(K8sResults.deployment(
          "default", "stress-ng", 1, 1, Map.of(), List.of(K8sResults.revision(1, "stress-ng-6c7d8", c.image(),
              "2026-11-21T02:58:00Z", 1, 1)), List.of(K8sResults.pod("stress-ng-7f9c4", "stress-ng-6c7d8", true, c)), List.of(),
          null)));
    }
    return LoopbackGateway.typedResult("no workload", K8sResults.describe());
  }

  private static Map<String, Long> orderedCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("ui", 7L);
    counts.put("catalog", 5L);
    return counts;
  }

  /** container-insight-pod-metrics: text for the model, and the pod's row of metric stats in structuredContent. */
  private JsonNode podMetrics() {
    boolean hot = stubborn || (stressInEvidence && (stressRunning.get() || lookalikeShown()));
    JsonNode s = ToolResults.json(ToolResults.podMetrics(Map.of("default/ui", hot ? 92.4 : 20.1)));
    if (hot) {
      return LoopbackGateway.result("pod default/ui: pod_cpu_utilization avg 88.1 max 97.2 last 92.4 ▅▆▇██; "
          + "same node: default/stress-ng-7f9c4 (image alexeiled/stress-ng) cpu 1950m", s);
    }
    return LoopbackGateway.result("pod default/ui: pod_cpu_utilization avg 21.3 max 25.0 last 20.1 ▂▂▁▂▂", s);
  }

  private boolean lookalike;

  private boolean lookalikeShown() {
    return lookalike;
  }

  /** Stand-ins for the real tool's sha-256 plan hashes: the empty plan and the one stress-ng deletion. */
  static final String EMPTY_PLAN = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String STRESS_PLAN = "5a".repeat(32);

  /** Shaped by the real tool's contract record: the stress Deployment, and an out-of-scope lookalike left alone. */
  private JsonNode cleanup(JsonNode args) {
    boolean dryRun = args.path("dry_run").asBoolean(false);
    lastCleanupArgs = args;
    ChaosCleanupResult.Scope scope = new ChaosCleanupResult.Scope(args.path("namespace").asText(null),
        args.path("workload").asText(null), args.path("pod").asText(null), args.path("node").asText(null),
        args.path("resource").asText(null));
    List<ChaosScenario> scenarios = args.path("scenarios").valueStream().map(n -> ChaosScenario.fromId(n.asText())).toList();
    RemediationMode mode = dryRun ? RemediationMode.DRY_RUN : RemediationMode.AUTO;
    if (!stressRunning.get()) {
      return LoopbackGateway.typedResult("clean: no chaos fault found", new ChaosCleanupResult(
          ChaosCleanupResult.Outcome.CLEAN, "no chaos fault related to the incident found", mode, dryRun, scope,
          List.of("default"), List.of(), scenarios, 5, List.of(), List.of(), EMPTY_PLAN));
    }
    ChaosCleanupResult.Action delete = new ChaosCleanupResult.Action(ChaosScenario.STRESS_WORKLOAD,
        ChaosCleanupResult.ActionType.DELETE, "Deployment", "default", "stress-ng",
        dryRun ? ChaosCleanupResult.ActionStatus.DRY_RUN : ChaosCleanupResult.ActionStatus.DONE,
        dryRun ? "the call asked for dry_run" : null,
        "pod stress-ng-7f9c4 on node ip-10-0-1-23: image alexeiled/stress-ng runs `stress-ng --cpu 2` (stresses cpu), "
            + "running; the alarm is about cpu",
        List.of("stress-ng-7f9c4"), "Deployment default/stress-ng, 1 replica", "deleted",
        new ChaosCleanupResult.Undo("kubectl apply -f stress-ng-deployment.yaml", null, null,
            Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "stress-ng", "namespace", "default"))),
        dryRun ? null : new ChaosCleanupResult.Verification(ChaosCleanupResult.VerificationStatus.PODS_GONE, "pods gone (1/1)"));
    ChaosCleanupResult.LeftAlone canary = new ChaosCleanupResult.LeftAlone(ChaosScenario.STRESS_WORKLOAD, "Deployment", "default",
        "checkout-canary", "out of scope: pod checkout-canary-x: its load generator is not running", true);
    ChaosCleanupResult report = new ChaosCleanupResult(
        dryRun ? ChaosCleanupResult.Outcome.DRY_RUN : ChaosCleanupResult.Outcome.DONE,
        dryRun ? "dry run (the call asked for dry_run): 1 action(s) would be taken; nothing was changed" : "1 of 1 action(s) done",
        mode, dryRun, scope, List.of("default"), List.of(), scenarios, 5, List.of(delete), List.of(canary), STRESS_PLAN);
    if (!dryRun) {
      stressRunning.set(false);
    }
    return LoopbackGateway.typedResult((dryRun ? "Would delete" : "Deleted") + " Deployment default/stress-ng (stress-workload). "
        + "Undo: kubectl apply -f stress-ng-deployment.yaml", report);
  }
}
