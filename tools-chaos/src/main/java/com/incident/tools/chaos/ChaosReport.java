package com.incident.tools.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.incident.common.incident.RemediationMode;
import com.incident.tools.chaos.core.IncidentScope;
import com.incident.tools.chaos.core.NamespaceGuard;
import com.incident.tools.chaos.core.Undo;
import java.util.List;

/**
 * The structured answer of chaos-cleanup: the incident scope it worked in, what matched, what was done or would be
 * done (and if not, why), how to undo it, whether the cluster recovered, and what it left alone.
 *
 * @param outcome clean | dry-run | refused | done | partial
 * @param mode the function's REMEDIATION_MODE
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ChaosReport(
    String outcome,
    String message,
    RemediationMode mode,
    boolean dryRun,
    IncidentScope scope,
    List<String> namespaces,
    List<NamespaceGuard.Rejection> rejectedNamespaces,
    List<String> scenarios,
    int maxActions,
    List<Action> actions,
    List<LeftAlone> leftAlone) {

  static final String DONE = "done";
  static final String FAILED = "failed";
  static final String DRY_RUN = "dry-run";
  static final String REFUSED = "refused";
  static final String NOT_RUN = "not-run";

  /**
   * @param status done | failed | dry-run | refused | not-run; only done changed the cluster
   * @param reason why it was not done (absent when done)
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Action(
      String scenario,
      String action,
      String kind,
      String namespace,
      String name,
      String status,
      String reason,
      String evidence,
      List<String> pods,
      String before,
      String after,
      Undo undo,
      Fabric8Cluster.Verification verification) {}

  /** @param outOfScope not related to the incident: for a person to check, never touched */
  record LeftAlone(String scenario, String kind, String namespace, String name, String reason, boolean outOfScope) {}
}
