package com.incident.tools.chaos;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.tools.chaos.core.ActionType;
import com.incident.tools.chaos.core.NamespaceGuard;
import com.incident.tools.chaos.core.Plan;
import com.incident.tools.chaos.core.PlannedAction;
import com.incident.tools.chaos.core.Planner;
import com.incident.tools.chaos.core.Skipped;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos-cleanup tool: finds the known chaos faults in the allowed namespaces and undoes them, within
 * guardrails enforced here whatever the model asks.
 */
public final class ChaosCleanup implements ToolTarget {
  private static final Logger log = LoggerFactory.getLogger(ChaosCleanup.class);
  private static final Logger audit = LoggerFactory.getLogger("com.incident.tools.chaos.audit");
  static final List<ChaosScenario> SCENARIOS = List.of(ChaosScenario.STRESS_WORKLOAD, ChaosScenario.BAD_IMAGE, ChaosScenario.SCALED_TO_ZERO);
  /** Time kept back from the caller's deadline for writing the answer after the verification wait. */
  static final Duration ANSWER_RESERVE = Duration.ofSeconds(2);

  private final Fabric8Cluster cluster;
  private final Config config;
  private final NamespaceGuard guard;
  private final MetricsSink metrics;
  private final Clock clock;

  /** For any cluster the caller already has a client for, such as the local sandbox's mock server. */
  public ChaosCleanup(KubernetesClient client, Config config, MetricsSink metrics) {
    this(() -> client, config, metrics, Clock.systemUTC());
  }

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
    scenarios.put("items", Map.of("type", "string", "enum", SCENARIOS.stream().map(ChaosScenario::id).toList()));
    scenarios.put("uniqueItems", true);
    Map<String, Object> namespaces = new LinkedHashMap<>();
    namespaces.put("type", "array");
    namespaces.put("description", "Namespaces to scan; every allowed namespace when omitted. Protected or non-allowlisted ones are refused.");
    namespaces.put("items", Map.of("type", "string", "pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength", 63));
    namespaces.put("maxItems", 20);
    Map<String, Object> schema = ToolSchemas.object()
        .property("namespaces", namespaces, false)
        .property("scenarios", scenarios, false)
        .bool("dry_run", "Only report what would be done. The function may also be in global dry-run mode.", false, false)
        .build();
    return List.of(ToolSchemas.tool(ToolNames.CHAOS_CLEANUP,
        "Removes known chaos faults from the EKS cluster and verifies recovery: deletes stress-ng/stress workloads "
            + "(stress-workload), rolls Deployments stuck in ImagePullBackOff back to the last working revision (bad-image), "
            + "restores Deployments scaled to 0 (scaled-to-zero). Only allowlisted namespaces, at most "
            + config.maxActions() + " actions per call. Returns every matched object, the action, before/after, how to undo, and the verification.",
        schema, false));
  }

  @Override
  public ToolResult call(String name, ToolArguments args, ToolContext context) {
    if (!ToolNames.CHAOS_CLEANUP.equals(name)) {
      throw new ToolException("Unknown tool '" + name + "'");
    }
    Set<ChaosScenario> scenarios = scenarios(args);
    boolean dryRun = config.dryRun() || args.bool("dry_run", false);
    NamespaceGuard.Scope scope = guard.resolve(args.stringList("namespaces"));
    if (scope.namespaces().isEmpty()) {
      throw new ToolException(scope.rejected().isEmpty()
          ? "No namespace may be cleaned: CHAOS_ALLOWED_NAMESPACES is empty or lists only protected namespaces; nothing was done"
          : "Nothing was done: " + rejections(scope.rejected()) + ". Allowed namespaces: " + guard.effectiveAllowlist());
    }
    scope.rejected().forEach(r -> log.warn("chaos-cleanup refused namespace={} reason={}", r.namespace(), r.reason()));
    List<PlannedAction> actions = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (String ns : scope.namespaces()) {
      Plan plan = Planner.plan(cluster.snapshot(ns), scenarios);
      actions.addAll(plan.actions());
      skipped.addAll(plan.skipped());
    }
    List<String> scenarioIds = scenarios.stream().map(ChaosScenario::id).toList();
    List<ChaosReport.LeftAlone> leftAlone = skipped.stream()
        .map(s -> new ChaosReport.LeftAlone(s.scenario().id(), s.target().kind(), s.target().namespace(), s.target().name(), s.reason()))
        .toList();

    String outcome;
    String message;
    List<ChaosReport.Action> reported = new ArrayList<>();
    if (actions.isEmpty()) {
      outcome = "clean";
      message = "no chaos fault found";
    } else if (actions.size() > config.maxActions()) {
      outcome = "refused";
      message = "NOTHING WAS DONE: " + actions.size() + " actions needed but at most " + config.maxActions()
          + " are allowed per call; call again with fewer namespaces or scenarios";
      log.warn("chaos-cleanup refused: {}", message);
      actions.forEach(a -> reported.add(record(a, "not-run", null, null, context, dryRun)));
    } else if (dryRun) {
      outcome = "planned";
      message = "dry run (" + (config.dryRun() ? "global CHAOS_DRY_RUN" : "dry_run=true") + "): " + actions.size()
          + " action(s) would be taken; nothing was changed";
      actions.forEach(a -> reported.add(record(a, "planned", null, null, context, dryRun)));
    } else {
      List<String> errors = actions.stream().map(cluster::apply).toList();
      Instant verifyDeadline = verificationDeadline(context);
      int failed = 0;
      for (int i = 0; i < actions.size(); i++) {
        PlannedAction a = actions.get(i);
        String error = errors.get(i);
        Fabric8Cluster.Verification v = error == null ? cluster.verify(a, verifyDeadline) : null;
        failed += error == null ? 0 : 1;
        reported.add(record(a, error == null ? "done" : "failed", error, v, context, dryRun));
      }
      outcome = failed == 0 ? "done" : "partial";
      message = (actions.size() - failed) + " of " + actions.size() + " action(s) done" + (failed > 0 ? ", " + failed + " failed" : "");
    }
    ChaosReport report = new ChaosReport(outcome, message, dryRun, scope.namespaces(), scope.rejected(), scenarioIds,
        config.maxActions(), reported, leftAlone);
    return ToolResult.ok(ReportText.render(report), report);
  }

  private Instant verificationDeadline(ToolContext context) {
    Duration budget = context.remaining().minus(ANSWER_RESERVE);
    if (budget.compareTo(config.verifyTimeout()) > 0) {
      budget = config.verifyTimeout();
    }
    return clock.instant().plus(budget.isNegative() ? Duration.ZERO : budget);
  }

  /** Writes the audit line and the metric of one action, and its report entry. */
  private ChaosReport.Action record(PlannedAction a, String status, String error, Fabric8Cluster.Verification v,
      ToolContext context, boolean dryRun) {
    String manifest = a.type() == ActionType.DELETE && a.undo().manifest() != null ? Json.write(a.undo().manifest()) : "-";
    audit.info("chaos-audit session={} scenario={} action={} target=\"{}\" status={} dryRun={} before=\"{}\" after=\"{}\" "
            + "undo=\"{}\" verification=\"{}\" error=\"{}\" manifest={}",
        context.sessionId(), a.scenario().id(), a.type().id(), a.target(), status, dryRun, a.before(), a.after(),
        a.undo().how(), v == null ? "-" : v.detail(), error == null ? "-" : error, manifest);
    metrics.record("ChaosAction", 1, MetricsSink.Unit.COUNT,
        Map.of("scenario", a.scenario().id(), "action", a.type().id(), "status", status));
    return new ChaosReport.Action(a.scenario().id(), a.type().id(), a.target().kind(), a.target().namespace(), a.target().name(),
        status, a.evidence(), a.pods(), a.before(), a.after(), a.undo(), v, error);
  }

  private static Set<ChaosScenario> scenarios(ToolArguments args) {
    List<String> requested = args.stringList("scenarios");
    if (requested.isEmpty()) {
      return EnumSet.copyOf(SCENARIOS);
    }
    Set<ChaosScenario> out = EnumSet.noneOf(ChaosScenario.class);
    for (String id : requested) {
      ChaosScenario s;
      try {
        s = ChaosScenario.fromId(id);
      } catch (IllegalArgumentException e) {
        s = ChaosScenario.NONE;
      }
      if (s == ChaosScenario.NONE) {
        throw new ToolException("Unknown scenario '" + id + "'; expected stress-workload, bad-image or scaled-to-zero");
      }
      out.add(s);
    }
    return out;
  }

  private static String rejections(List<NamespaceGuard.Rejection> rejected) {
    return String.join("; ", rejected.stream().map(r -> "namespace " + r.namespace() + " refused: " + r.reason()).toList());
  }
}
