package com.incident.local.eval;

import com.incident.common.incident.RootCauseCategory;
import com.incident.local.sandbox.Sandbox;
import java.util.List;
import java.util.function.Predicate;

/** Every incident's outcome and the set's figures, with the thresholds the rule-based analyzer must meet. */
public record EvalResult(long seed, Sandbox.ModelMode model, List<IncidentOutcome> outcomes, long wallMs) {
  public static final double TOP1_TARGET = 0.90;

  public EvalResult {
    outcomes = List.copyOf(outcomes);
  }

  public double top1Accuracy() {
    return share(outcomes, IncidentOutcome::top1);
  }

  public double top3Accuracy() {
    return share(outcomes, IncidentOutcome::top3);
  }

  public double remediationExactness() {
    return share(outcomes, IncidentOutcome::remediationExact);
  }

  public int falseRemediations() {
    return outcomes.stream().mapToInt(o -> o.falseRemediations().size()).sum();
  }

  public long abstentionsExpected() {
    return outcomes.stream().filter(o -> o.expected().abstain()).count();
  }

  public long abstentionsCorrect() {
    return outcomes.stream().filter(IncidentOutcome::abstainedCorrectly).count();
  }

  public List<IncidentOutcome> of(RootCauseCategory category) {
    return outcomes.stream().filter(o -> o.expected().top1() == category).toList();
  }

  public List<IncidentOutcome> failed() {
    return outcomes.stream().filter(o -> !o.problems().isEmpty()).toList();
  }

  /** Top-1 at least 90%, every remediation exact, no change outside what an incident allows. */
  public boolean thresholdsMet() {
    return top1Accuracy() >= TOP1_TARGET && remediationExactness() == 1.0 && falseRemediations() == 0;
  }

  static double share(List<IncidentOutcome> of, Predicate<IncidentOutcome> hit) {
    return of.isEmpty() ? 0 : (double) of.stream().filter(hit).count() / of.size();
  }
}
