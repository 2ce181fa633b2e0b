package com.incident.tools.kubernetes;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.ResultFit;
import com.incident.kube.chaos.IncidentScope;
import com.incident.kube.chaos.NamespaceGuard;
import com.incident.kube.chaos.Plan;
import com.incident.kube.chaos.PlannedAction;
import com.incident.kube.chaos.Planner;
import com.incident.kube.chaos.ScanArguments;
import com.incident.kube.chaos.Skipped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code k8s-find-chaos}: chaos-cleanup's own planner over the same namespaces, read-only. Every match is reported as
 * what chaos-cleanup would do (dry-run, or not-run past its action limit); nothing is ever applied, and the undo
 * manifests chaos-cleanup keeps for its audit are left out.
 */
final class FindChaos {
  static final String READ_ONLY = "k8s-find-chaos is read-only: this is what chaos-cleanup would do";

  private final ClusterReads reads;
  private final String cluster;
  private final NamespaceGuard guard;
  private final int maxActions;

  FindChaos(ClusterReads reads, Config config) {
    this.reads = reads;
    this.cluster = config.cluster();
    this.guard = new NamespaceGuard(config.chaosAllowedNamespaces());
    this.maxActions = config.chaosMaxActions();
  }

  ToolResult run(ToolArguments args) {
    Set<ChaosScenario> scenarios = ScanArguments.scenarios(args);
    IncidentScope scope = ScanArguments.scope(args, "k8s-find-chaos reads what chaos-cleanup could act on, so it needs the same scope");
    NamespaceGuard.Scope namespaces = guard.resolve(scope.namespace() == null ? List.of() : List.of(scope.namespace()));
    List<PlannedAction> actions = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (String ns : namespaces.namespaces()) {
      Plan plan = Planner.plan(reads.chaosSnapshot(ns), scenarios, scope);
      actions.addAll(plan.actions());
      skipped.addAll(plan.skipped());
    }
    boolean overLimit = actions.size() > maxActions;
    String why = overLimit
        ? READ_ONLY + "; " + actions.size() + " actions would be needed but chaos-cleanup allows at most " + maxActions
            + " per call, so it would do none of them"
        : READ_ONLY;
    List<ChaosCleanupResult.Action> matches = actions.stream().map(a -> new ChaosCleanupResult.Action(a.scenario(), a.type(),
        a.target().kind(), a.target().namespace(), a.target().name(), overLimit ? ActionStatus.NOT_RUN : ActionStatus.DRY_RUN,
        why, Views.text(a.evidence()), a.pods(), a.before(), a.after(),
        new ChaosCleanupResult.Undo(a.undo().how(), a.undo().command(), a.undo().revision(), a.undo().previousImages(),
            a.undo().previousReplicas(), null), null)).toList();
    List<ChaosCleanupResult.LeftAlone> leftAlone = skipped.stream().map(s -> new ChaosCleanupResult.LeftAlone(s.scenario(),
        s.target().kind(), s.target().namespace(), s.target().name(), Views.text(s.reason()), s.outOfScope())).toList();
    List<ChaosCleanupResult.Rejection> rejected = namespaces.rejected().stream()
        .map(r -> new ChaosCleanupResult.Rejection(r.namespace(), r.reason())).toList();
    String noData = null;
    if (namespaces.namespaces().isEmpty()) {
      noData = rejected.isEmpty()
          ? "no namespace to scan: CHAOS_ALLOWED_NAMESPACES is empty or lists only protected namespaces"
          : "no namespace scanned: " + String.join("; ", rejected.stream().map(r -> r.namespace() + " " + r.reason()).toList())
              + "; chaos-cleanup scans only " + guard.effectiveAllowlist();
    } else if (matches.isEmpty() && leftAlone.isEmpty()) {
      noData = "no object in " + String.join(", ", namespaces.namespaces()) + " matches a chaos signature ("
          + String.join(", ", scenarios.stream().map(ChaosScenario::id).toList()) + ")";
    }
    ChaosCleanupResult.Scope view = ScanArguments.reported(scope);
    String finalNoData = noData;
    K8sChaosScanResult result = ResultFit.largest(leftAlone.size(), k -> new K8sChaosScanResult(cluster, view,
        namespaces.namespaces(), rejected, maxActions, matches, leftAlone.subList(0, k),
        k < leftAlone.size() ? List.of((leftAlone.size() - k) + " of " + leftAlone.size()
            + " left-alone matches not listed to stay under the result bound") : List.of(), finalNoData));
    if (!ResultFit.fits(result)) {
      result = ResultFit.largest(matches.size(), k -> new K8sChaosScanResult(cluster, view, namespaces.namespaces(), rejected,
          maxActions, matches.subList(0, k), List.of(), List.of(k + " of " + matches.size() + " matches and none of the "
              + leftAlone.size() + " left-alone ones fit the result bound; narrow the scope"), finalNoData));
    }
    return ToolResult.ok(Texts.chaos(result), result);
  }
}
