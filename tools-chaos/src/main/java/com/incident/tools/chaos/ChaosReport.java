package com.incident.tools.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.incident.tools.chaos.core.NamespaceGuard;
import com.incident.tools.chaos.core.Undo;
import java.util.List;

/**
 * The structured answer of chaos-cleanup: what matched, what was done or would be done, how to undo
 * it and whether the cluster recovered.
 *
 * @param outcome clean | planned | refused | done | partial
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ChaosReport(
    String outcome,
    String message,
    boolean dryRun,
    List<String> namespaces,
    List<NamespaceGuard.Rejection> rejectedNamespaces,
    List<String> scenarios,
    int maxActions,
    List<Action> actions,
    List<LeftAlone> leftAlone) {

  /** @param status planned | done | failed | not-run */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Action(
      String scenario,
      String action,
      String kind,
      String namespace,
      String name,
      String status,
      String evidence,
      List<String> pods,
      String before,
      String after,
      Undo undo,
      Fabric8Cluster.Verification verification,
      String error) {}

  record LeftAlone(String scenario, String kind, String namespace, String name, String reason) {}
}
