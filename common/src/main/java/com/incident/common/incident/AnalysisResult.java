package com.incident.common.incident;

import java.util.List;

/**
 * The structured result of an incident analysis: what the model submits through {@code submit_analysis},
 * what the rule-based analyzer produces, and what each issue carries as JSON for similar-incident search.
 *
 * @param analyzer "bedrock:&lt;model id&gt;" or "rule-based"
 */
public record AnalysisResult(
    String summary,
    String incidentType,
    List<String> affectedComponents,
    List<String> techStack,
    List<ProbableCause> causes,
    List<TimelineEntry> timeline,
    List<String> immediateActions,
    List<String> longTermImprovements,
    Remediation remediation,
    String analyzer) {

  public record ProbableCause(
      String title,
      RootCauseCategory category,
      double probability,
      String description,
      List<EvidenceRef> evidence) {}

  /** Which signal (metric or log, from which tool) supports a cause, and what it showed. */
  public record EvidenceRef(String source, String signal, String observation) {}

  public record TimelineEntry(String time, String event) {}

  public record Remediation(ChaosScenario scenario, String rationale) {}

  public RootCauseCategory topCategory() {
    return causes == null || causes.isEmpty() ? RootCauseCategory.UNKNOWN : causes.getFirst().category();
  }
}
