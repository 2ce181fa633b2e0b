package com.incident.local.eval;

import com.incident.common.incident.RootCauseCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the suite concluded on one generated incident, scored against its expectation.
 *
 * @param ranked the analysis's causes in order (empty when no analysis was recorded)
 * @param changed the top-level objects that changed anywhere in the cluster (whole-cluster before/after snapshot)
 * @param issuesOpened the GitHub issues the run opened (one alarm per generated fault: the target is 1)
 * @param costUsd estimated model cost; 0 unless a real model was called
 * @param error why the run did not complete, or null
 */
public record IncidentOutcome(String name, Expectation expected, List<RootCauseCategory> ranked, List<String> changed,
    int issuesOpened, int modelTurns, int toolCalls, long inputTokens, long outputTokens, double costUsd, long wallMs, String error) {

  public IncidentOutcome {
    ranked = List.copyOf(ranked);
    changed = List.copyOf(changed);
  }

  public RootCauseCategory top() {
    return ranked.isEmpty() ? RootCauseCategory.UNKNOWN : ranked.getFirst();
  }

  public boolean top1() {
    return error == null && top() == expected.top1();
  }

  public boolean top3() {
    // An analysis that ranks nothing is an "unknown": right when the answer is to abstain.
    return top1() || (error == null && ranked.stream().limit(3).anyMatch(expected.top3()::contains));
  }

  /** Objects touched == objects expected. */
  public boolean remediationExact() {
    return error == null && new TreeSet<>(changed).equals(new TreeSet<>(expected.changed()));
  }

  /** Every change outside what the incident allows. */
  public List<String> falseRemediations() {
    List<String> out = new ArrayList<>(changed);
    out.removeAll(expected.changed());
    return out;
  }

  /** The right answer was to abstain, and the run did: unknown on top, nothing changed. */
  public boolean abstainedCorrectly() {
    return expected.abstain() && error == null && top() == RootCauseCategory.UNKNOWN && changed.isEmpty();
  }

  /** Why the incident counts as failed, in words; empty when it passed on every measure. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (error != null) {
      out.add("run failed: " + error);
      return out;
    }
    if (!top1()) {
      out.add("top-1 " + top().id() + ", expected " + expected.top1().id() + (ranked.size() > 1 ? " (ranked " + ids(ranked) + ")" : ""));
    }
    if (!remediationExact()) {
      out.add("changed " + changed + ", expected " + expected.changed());
    }
    return out;
  }

  static String ids(List<RootCauseCategory> categories) {
    return String.join(" > ", categories.stream().limit(3).map(RootCauseCategory::id).toList());
  }
}
