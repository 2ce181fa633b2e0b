package com.incident.local.demo;

import com.incident.common.incident.AnalysisResult;
import com.incident.local.scenario.Scenario;
import java.util.List;

/**
 * What one demo run produced: the issues as the fake GitHub holds them, the analyses embedded in them, what
 * chaos-cleanup did, and whether the scenario's expectations were met (and if not, why).
 */
public record DemoResult(
    Scenario scenario,
    String model,
    List<Issue> issues,
    List<AnalysisResult> analyses,
    List<Action> actions,
    boolean clusterChanged,
    List<String> unmet,
    Stats stats,
    List<String> modelInputs,
    List<String> toolOutputs,
    List<String> sandboxSecrets) {

  public record Issue(int number, String title, String state, List<String> labels, String body, List<String> comments) {}

  /** One chaos-cleanup action as the tool reported it. */
  public record Action(String scenario, String kind, String namespace, String name, String action, String status,
      boolean dryRun) {}

  public record Stats(int modelTurns, int toolCalls, long inputTokens, long outputTokens, long evidenceBytes, long wallMs) {}

  public boolean expectedMet() {
    return unmet.isEmpty();
  }

  /** Actions that changed the cluster (dry runs and failures excluded). */
  public List<Action> applied() {
    return actions.stream().filter(a -> !a.dryRun() && "done".equals(a.status())).toList();
  }
}
