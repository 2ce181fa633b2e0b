package com.incident.local.demo;

import com.incident.common.incident.AnalysisResult;
import com.incident.local.sandbox.LocalChat;
import com.incident.local.scenario.Scenario;
import java.util.List;

/**
 * What one demo run produced: the issues as the fake GitHub holds them, the analyses embedded in them, what
 * chaos-cleanup did, the top-level objects that changed anywhere in the cluster, and whether the scenario's
 * expectations were met (and if not, why), and the chat messages Slack and Discord received.
 */
public record DemoResult(
    Scenario scenario,
    String model,
    List<Issue> issues,
    List<AnalysisResult> analyses,
    List<Action> actions,
    List<String> changed,
    List<String> unmet,
    Stats stats,
    List<String> modelInputs,
    List<String> toolOutputs,
    List<String> sandboxSecrets,
    List<LocalChat.Message> chat) {

  /** A run without chat destinations. */
  public DemoResult(Scenario scenario, String model, List<Issue> issues, List<AnalysisResult> analyses,
      List<Action> actions, List<String> changed, List<String> unmet, Stats stats, List<String> modelInputs,
      List<String> toolOutputs, List<String> sandboxSecrets) {
    this(scenario, model, issues, analyses, actions, changed, unmet, stats, modelInputs, toolOutputs, sandboxSecrets,
        List.of());
  }

  public record Issue(int number, String title, String state, List<String> labels, String body, List<String> comments) {
    /** What the sandbox's GitHub holds now, as a value. */
    public static Issue of(com.incident.tools.github.fake.FakeGitHub.Issue i) {
      return new Issue(i.number, i.title, i.state, List.copyOf(i.labels), i.body,
          i.comments.stream().map(com.incident.tools.github.fake.FakeGitHub.Comment::body).toList());
    }
  }

  /**
   * One chaos-cleanup action as the tool reported it.
   *
   * @param status done | dry-run | refused | not-run | failed (only done changed the cluster)
   * @param reason why it was not done
   */
  public record Action(String scenario, String kind, String namespace, String name, String action, String status,
      String reason) {

    public String target() {
      return kind + " " + namespace + "/" + name;
    }
  }

  public record Stats(int modelTurns, int toolCalls, long inputTokens, long outputTokens, long evidenceBytes, long wallMs) {}

  public boolean expectedMet() {
    return unmet.isEmpty();
  }

  /** Actions that changed the cluster: status done (dry runs, refusals and failures excluded). */
  public List<Action> applied() {
    return actions.stream().filter(a -> "done".equals(a.status())).toList();
  }

  /** Whether any object of the cluster changed during the run. */
  public boolean clusterChanged() {
    return !changed.isEmpty();
  }
}
