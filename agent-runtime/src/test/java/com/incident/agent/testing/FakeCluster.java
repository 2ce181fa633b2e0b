package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evidence and chaos tools over one simulated EKS cluster: a stress-ng pod saturating CPU next to the ui pod
 * until chaos-cleanup removes it. Outputs are shaped like the real tools' summaries (text + numbers).
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

  public FakeCluster register(FakeGateway gateway) {
    gateway.tool(ToolNames.POD_METRICS, FakeGateway.schema("cluster_name"), args -> podMetrics());
    gateway.tool(ToolNames.NODE_METRICS, FakeGateway.schema("cluster_name"), args -> FakeGateway.result(
        "node ip-10-0-1-23: node_cpu_utilization avg 71.0 max 88.0 p95 86.5 last 84.0 ▃▅▆▇▇",
        ToolResults.json(ToolResults.nodeMetrics("ip-10-0-1-23.us-west-2.compute.internal", 88.0, 60.0))));
    gateway.tool(ToolNames.CLUSTER_OVERVIEW, FakeGateway.schema("cluster_name"), args -> {
      boolean stress = stressInEvidence && (stressRunning.get() || lookalikeShown());
      return FakeGateway.result("nodes 3 (0 failed); top pods by CPU: " + (stress ? "default/stress-ng-7f9c4 1950m, " : "")
          + "default/ui 420m", ToolResults.json(stress ? ToolResults.clusterOverview("default/stress-ng-7f9c4", "default/ui")
          : ToolResults.clusterOverview("default/ui")));
    });
    gateway.tool(ToolNames.ERROR_SUMMARY, FakeGateway.schema("index"), args -> FakeGateway.result(
        "12 errors in 1h; ui: 7, catalog: 5; example: request failed password=" + SECRET_IN_LOGS,
        ToolResults.json(ToolResults.errorSummary("request failed", orderedCounts()))));
    gateway.tool(ToolNames.ANOMALY_DETECTION, FakeGateway.schema("index"), args -> FakeGateway.result(
        "no anomalous intervals in 3h (median/MAD, threshold 3.5)", null));
    gateway.tool(ToolNames.SEARCH_LOGS, FakeGateway.schema("index", "query"), args -> FakeGateway.result(
        "3 lines: 03:14:02 WARN ui slow response 2300ms (x3) token=" + SECRET_IN_LOGS, null));
    gateway.tool(ToolNames.CHAOS_CLEANUP, FakeGateway.schema(), this::cleanup);
    return this;
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
      return FakeGateway.result("pod default/ui: pod_cpu_utilization avg 88.1 max 97.2 last 92.4 ▅▆▇██; "
          + "same node: default/stress-ng-7f9c4 (image alexeiled/stress-ng) cpu 1950m", s);
    }
    return FakeGateway.result("pod default/ui: pod_cpu_utilization avg 21.3 max 25.0 last 20.1 ▂▂▁▂▂", s);
  }

  private boolean lookalike;

  private boolean lookalikeShown() {
    return lookalike;
  }

  private JsonNode cleanup(JsonNode args) {
    boolean dryRun = args.path("dry_run").asBoolean(false);
    ObjectNode s = Json.object().put("dryRun", dryRun);
    var actions = s.putArray("actions");
    lastCleanupArgs = args;
    if (stressRunning.get()) {
      s.put("outcome", dryRun ? "dry-run" : "done");
      actions.addObject().put("scenario", "stress-workload").put("kind", "Deployment").put("namespace", "default")
          .put("name", "stress-ng").put("action", "delete").put("status", dryRun ? "dry-run" : "done")
          .put("undo", "kubectl apply -f stress-ng-deployment.yaml (manifest saved in the result)");
      s.putArray("leftAlone").addObject().put("scenario", "stress-workload").put("kind", "Deployment").put("namespace", "default")
          .put("name", "checkout-canary").put("reason", "out of scope: pod checkout-canary-x: its load generator is not running")
          .put("outOfScope", true);
      if (!dryRun) {
        stressRunning.set(false);
      }
      return FakeGateway.result((dryRun ? "Would delete" : "Deleted") + " Deployment default/stress-ng (stress-workload). "
          + "Undo: kubectl apply -f stress-ng-deployment.yaml", s);
    }
    s.put("outcome", "clean");
    return FakeGateway.result("clean: no chaos fault found", s);
  }
}
