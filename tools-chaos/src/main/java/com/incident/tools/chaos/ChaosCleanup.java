package com.incident.tools.chaos;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.Outcome;
import com.incident.common.tool.result.ChaosCleanupResult.Verification;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.kube.chaos.IncidentScope;
import com.incident.kube.chaos.NamespaceGuard;
import com.incident.kube.chaos.Plan;
import com.incident.kube.chaos.PlannedAction;
import com.incident.kube.chaos.Planner;
import com.incident.kube.chaos.ScanArguments;
import com.incident.kube.chaos.Skipped;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos-cleanup tool: finds the known chaos faults related to one incident (its namespace, workload, node and
 * the resource its alarm measures) in the allowed namespaces and undoes them, within guardrails enforced here whatever
 * the caller asks: REMEDIATION_MODE, the namespace allowlist and denylist, the action limit and the incident scope.
 */
public final class ChaosCleanup implements ToolTarget {
  private static final Logger log = LoggerFactory.getLogger(ChaosCleanup.class);
  private static final Logger audit = LoggerFactory.getLogger("com.incident.tools.chaos.audit");
  /** Time kept back from the caller's deadline for writing the answer after the verification wait. */
  static final Duration ANSWER_RESERVE = Duration.ofSeconds(2);
  private static final String NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
  private static final String NODE = "^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$";
  private static final String LOGIN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$";

  private final Fabric8Cluster cluster;
  private final Config config;
  private final NamespaceGuard guard;
  private final MetricsSink metrics;
  private final Clock clock;

  ChaosCleanup(Supplier<KubernetesClient> client, Config config, MetricsSink metrics, Clock clock) {
    this.cluster = new Fabric8Cluster(client, clock);
    this.config = config;
    this.guard = new NamespaceGuard(config.allowedNamespaces());
    this.metrics = metrics;
    this.clock = clock;
    if (!guard.ignoredAllowlistEntries().isEmpty()) {
      log.warn("CHAOS_ALLOWED_NAMESPACES entries ignored because they are protected: {}", guard.ignoredAllowlistEntries());
    }
  }

  @Override
  public List<McpSchema.Tool> tools() {
    Map<String, Object> scenarios = new LinkedHashMap<>();
    scenarios.put("type", "array");
    scenarios.put("description", "Faults to look for; all of them when omitted.");
    scenarios.put("items", Map.of("type", "string", "enum", ScanArguments.SCENARIOS.stream().map(ChaosScenario::id).toList()));
    scenarios.put("uniqueItems", true);
    Map<String, Object> schema = ToolSchemas.object()
        .string("namespace", "The alarmed namespace (the alarm's Namespace dimension). Required unless node is given.",
            false, NAME, 63)
        .string("workload", "The alarmed Deployment (the alarm's PodName or Service dimension: Container Insights reports a "
            + "workload's pods under its name). Only this workload is rolled back or scaled up.", false, NAME, 253)
        .string("pod", "The name of one alarmed pod, if the alarm names one; its Deployment counts as the alarmed workload.",
            false, NAME, 253)
        .string("node", "The alarmed node (the alarm's NodeName dimension): load generators running on it are in scope.",
            false, NODE, 253)
        .enumeration("resource", "What the alarmed metric measures. A load generator is removed only when it is running "
            + "and loads this resource; without it no stress workload is removed.", false, List.of("cpu", "memory"))
        .property("scenarios", scenarios, false)
        .bool("dry_run", "Only report what would be done. REMEDIATION_MODE of the function may also force dry-run or off.",
            false, false)
        .string("expected_plan_hash", "The planHash of the plan a person approved. The tool plans again and acts only "
            + "when the fresh plan has exactly this hash; otherwise it does nothing (outcome plan-changed). Required to "
            + "act when REMEDIATION_MODE is approval.", false, PlanHash.PATTERN, 64)
        .string("approved_by", "The GitHub login that approved the plan, for the audit line.", false, LOGIN, 39)
        .build();
    return List.of(ToolSchemas.tool(ToolNames.CHAOS_CLEANUP,
        "Removes known chaos faults related to one incident and verifies recovery: deletes a running stress-ng/stress "
            + "workload whose load explains the alarm (same node or namespace, loads the alarmed resource) (stress-workload), "
            + "rolls the alarmed Deployment back from ImagePullBackOff to the last working revision (bad-image), restores "
            + "the alarmed Deployment from an unintended 0 replicas to the count in its own history (scaled-to-zero). "
            + "Everything else is reported as out of scope and never touched. Only allowlisted namespaces, at most "
            + config.maxActions() + " actions per call; remediation mode " + config.mode().id() + ". Returns every matched "
            + "object, the action and its status (done, dry-run, refused, not-run, failed) with the reason, before/after, "
            + "how to undo, the verification, what was left alone, and the planHash a person approves (see "
            + "expected_plan_hash).",
        schema, false, ChaosCleanupResult.class));
  }

  @Override
  public ToolResult call(String name, ToolArguments args, ToolContext context) {
    if (!ToolNames.CHAOS_CLEANUP.equals(name)) {
      throw new ToolException("Unknown tool '" + name + "'");
    }
    Set<ChaosScenario> scenarios = ScanArguments.scenarios(args);
    IncidentScope incident = ScanArguments.scope(args, "chaos-cleanup acts only on objects related to the incident. Nothing was done");
    RemediationMode mode = config.mode();
    boolean dryRun = mode == RemediationMode.DRY_RUN || args.bool("dry_run", false);
    String expectedHash = args.optionalString("expected_plan_hash").orElse(null);
    String approvedBy = args.optionalString("approved_by").orElse(null);
    NamespaceGuard.Scope scope = guard.resolve(incident.namespace() == null ? List.of() : List.of(incident.namespace()));
    if (scope.namespaces().isEmpty()) {
      throw new ToolException(scope.rejected().isEmpty()
          ? "No namespace may be cleaned: CHAOS_ALLOWED_NAMESPACES is empty or lists only protected namespaces; nothing was done"
          : "Nothing was done: " + rejections(scope.rejected()) + ". Allowed namespaces: " + guard.effectiveAllowlist());
    }
    scope.rejected().forEach(r -> log.warn("chaos-cleanup refused namespace={} reason={}", r.namespace(), r.reason()));
    List<PlannedAction> actions = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (String ns : scope.namespaces()) {
      Plan plan = Planner.plan(cluster.snapshot(ns), scenarios, incident);
      actions.addAll(plan.actions());
      skipped.addAll(plan.skipped());
    }
    List<ChaosCleanupResult.LeftAlone> leftAlone = skipped.stream()
        .map(s -> new ChaosCleanupResult.LeftAlone(s.scenario(), s.target().kind(), s.target().namespace(), s.target().name(),
            s.reason(), s.outOfScope()))
        .toList();

    String planHash = PlanHash.of(actions);
    Audit who = new Audit(context, mode, approvedBy);
    Outcome outcome;
    String message;
    List<ChaosCleanupResult.Action> reported = new ArrayList<>();
    if (expectedHash != null && !expectedHash.equals(planHash)) {
      // The approval covered another plan: an object changed since (a new resourceVersion) or the plan differs.
      outcome = Outcome.PLAN_CHANGED;
      String why = "the plan changed since it was approved (approved " + expectedHash + ", now " + planHash + ")";
      message = "NOTHING WAS DONE: " + why + "; plan again and ask for a new approval";
      log.warn("chaos-cleanup refused: {}", message);
      actions.forEach(a -> reported.add(record(a, ActionStatus.NOT_RUN, why, null, who)));
    } else if (actions.isEmpty()) {
      outcome = Outcome.CLEAN;
      message = "no chaos fault related to the incident found";
    } else if (mode == RemediationMode.OFF) {
      outcome = Outcome.REFUSED;
      String why = "REMEDIATION_MODE is off: remediation is switched off for this deployment";
      message = "NOTHING WAS DONE: " + why + "; " + actions.size() + " action(s) would be needed";
      actions.forEach(a -> reported.add(record(a, ActionStatus.REFUSED, why, null, who)));
    } else if (mode == RemediationMode.APPROVAL && !dryRun && expectedHash == null) {
      outcome = Outcome.REFUSED;
      String why = "REMEDIATION_MODE is approval: only an approved plan runs (call with dry_run to plan, then with "
          + "expected_plan_hash of the approved plan)";
      message = "NOTHING WAS DONE: " + why + "; " + actions.size() + " action(s) planned, planHash " + planHash;
      log.warn("chaos-cleanup refused: {}", message);
      actions.forEach(a -> reported.add(record(a, ActionStatus.REFUSED, why, null, who)));
    } else if (actions.size() > config.maxActions()) {
      outcome = Outcome.REFUSED;
      String why = actions.size() + " actions needed but at most " + config.maxActions() + " are allowed per call";
      message = "NOTHING WAS DONE: " + why + "; call again with fewer scenarios";
      log.warn("chaos-cleanup refused: {}", message);
      actions.forEach(a -> reported.add(record(a, ActionStatus.NOT_RUN, why, null, who)));
    } else if (dryRun) {
      outcome = Outcome.DRY_RUN;
      String why = mode == RemediationMode.DRY_RUN ? "REMEDIATION_MODE is dry-run" : "the call asked for dry_run";
      message = "dry run (" + why + "): " + actions.size() + " action(s) would be taken; nothing was changed";
      actions.forEach(a -> reported.add(record(a, ActionStatus.DRY_RUN, why, null, who)));
    } else {
      List<String> errors = actions.stream().map(cluster::apply).toList();
      Instant verifyDeadline = verificationDeadline(context);
      int failed = 0;
      for (int i = 0; i < actions.size(); i++) {
        PlannedAction a = actions.get(i);
        String error = errors.get(i);
        Verification v = error == null ? cluster.verify(a, verifyDeadline) : null;
        failed += error == null ? 0 : 1;
        reported.add(record(a, error == null ? ActionStatus.DONE : ActionStatus.FAILED, error, v, who));
      }
      outcome = failed == 0 ? Outcome.DONE : Outcome.PARTIAL;
      message = (actions.size() - failed) + " of " + actions.size() + " action(s) done" + (failed > 0 ? ", " + failed + " failed" : "");
    }
    ChaosCleanupResult report = new ChaosCleanupResult(outcome, message, mode, dryRun, ScanArguments.reported(incident), scope.namespaces(),
        scope.rejected().stream().map(r -> new ChaosCleanupResult.Rejection(r.namespace(), r.reason())).toList(),
        List.copyOf(scenarios), config.maxActions(), List.copyOf(reported), leftAlone, planHash);
    return ToolResult.ok(ReportText.render(report, incident), report);
  }



  private Instant verificationDeadline(ToolContext context) {
    Duration budget = context.remaining().minus(ANSWER_RESERVE);
    if (budget.compareTo(config.verifyTimeout()) > 0) {
      budget = config.verifyTimeout();
    }
    return clock.instant().plus(budget.isNegative() ? Duration.ZERO : budget);
  }

  /** Who and what one call's audit lines name: the session, the mode and the approver (null outside approval). */
  private record Audit(ToolContext context, RemediationMode mode, String approvedBy) {}

  /** Writes the audit line and the metric of one action, and its report entry. */
  private ChaosCleanupResult.Action record(PlannedAction a, ActionStatus status, String reason, Verification v,
      Audit call) {
    String manifest = a.type() == ActionType.DELETE && a.undo().manifest() != null ? Json.write(a.undo().manifest()) : "-";
    audit.info("chaos-audit session={} scenario={} action={} target=\"{}\" status={} mode={} approved_by={} before=\"{}\" "
            + "after=\"{}\" undo=\"{}\" verification=\"{}\" reason=\"{}\" manifest={}",
        call.context().sessionId(), a.scenario().id(), a.type().id(), a.target(), status.id(), call.mode().id(),
        call.approvedBy() == null ? "-" : call.approvedBy(), a.before(), a.after(),
        a.undo().how(), v == null ? "-" : v.detail(), reason == null ? "-" : reason, manifest);
    metrics.record("ChaosAction", 1, MetricsSink.Unit.COUNT,
        Map.of("scenario", a.scenario().id(), "action", a.type().id(), "status", status.id()));
    return new ChaosCleanupResult.Action(a.scenario(), a.type(), a.target().kind(), a.target().namespace(), a.target().name(),
        status, reason, a.evidence(), a.pods(), a.before(), a.after(), a.undo(), v);
  }

  private static String rejections(List<NamespaceGuard.Rejection> rejected) {
    return String.join("; ", rejected.stream().map(r -> "namespace " + r.namespace() + " refused: " + r.reason()).toList());
  }
}
