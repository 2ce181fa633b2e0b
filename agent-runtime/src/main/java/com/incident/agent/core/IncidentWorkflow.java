package com.incident.agent.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayConnector;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.GatewayTool;
import com.incident.agent.gateway.RedactingGateway;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.agent.model.ModelClient;
import com.incident.agent.notify.IncidentEvent;
import com.incident.agent.notify.IncidentListener;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.IssueCommand;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink.Unit;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Sleeper;
import com.incident.common.tool.LabelNames;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.store.AnalysisDigest;
import com.incident.store.ChronologyEntry;
import com.incident.common.tool.result.PermissionResult;
import com.incident.store.Feedback;
import com.incident.store.IncidentReview;
import com.incident.store.IncidentStatus;
import com.incident.store.PlanDecision;
import com.incident.store.RemediationPlan;
import com.incident.store.Incident;
import com.incident.store.IssueStatus;
import com.incident.store.IncidentStore;
import com.incident.store.RelatedAlarm;
import com.incident.store.Spend;
import com.incident.common.markdown.Markdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident workflow engine: alarm -> GitHub issue -> evidence -> analysis -> Korean comments ->
 * remediation and verified close; plus the short recurrence and recovery paths. It never throws and never
 * ends silently: every run leaves the incident record and the issue in a state a person can read.
 */
public final class IncidentWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentWorkflow.class);
  /** GitHub writes belong to the runtime; chaos-cleanup waits for step 6. */
  static final Set<String> HIDDEN_FROM_MODEL = Set.of(ToolNames.CHAOS_CLEANUP, ToolNames.GITHUB_CREATE_ISSUE,
      ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_CLOSE_ISSUE, ToolNames.GITHUB_UPDATE_ISSUE, ToolNames.GITHUB_GET_PERMISSION);

  /** How a run ended, for the caller's log line and tests. */
  public record Report(Integer issueNumber, String analyzer, boolean recovered, String outcome) {}

  private final GatewayConnector connector;
  private final ModelClient model;
  private final IncidentStore store;
  private final Clock clock;
  private final WorkflowSettings settings;
  private final MetricsSink metrics;
  private final IncidentClassifier classifier;
  private final EvidenceCollector collector;
  private final RuleBasedAnalyzer rules = new RuleBasedAnalyzer();
  private final IssueRenderer renderer;
  private final IssueBody body;
  private final LivingIssue living;
  private final AnalysisLoop loop;
  private final Remediator remediator;
  private final RemediationReport remediationReport;
  private final PostmortemWriter postmortems;
  private final ModelBudget.Limits budgetLimits;
  private final AnalysisLoop firstPass;
  private final double escalationConfidence;
  private final IncidentListener listener;

  public IncidentWorkflow(GatewayConnector connector, ModelClient model, IncidentStore store, Clock clock,
      WorkflowSettings settings, MetricsSink metrics, Sleeper sleeper) {
    this(connector, model, store, clock, settings, metrics, sleeper, ModelBudget.Limits.DEFAULT, null);
  }

  /** With the incident's model budget and, when not null, a cheaper first pass that escalates to {@code model}. */
  public IncidentWorkflow(GatewayConnector connector, ModelClient model, IncidentStore store, Clock clock,
      WorkflowSettings settings, MetricsSink metrics, Sleeper sleeper, ModelBudget.Limits budgetLimits,
      Escalation escalation) {
    this(connector, model, store, clock, settings, metrics, sleeper, budgetLimits, escalation, IncidentListener.NONE);
  }

  /** ... and a listener told of each step the issue shows (chat notifications). */
  public IncidentWorkflow(GatewayConnector connector, ModelClient model, IncidentStore store, Clock clock,
      WorkflowSettings settings, MetricsSink metrics, Sleeper sleeper, ModelBudget.Limits budgetLimits,
      Escalation escalation, IncidentListener listener) {
    this.listener = listener;
    this.budgetLimits = budgetLimits;
    this.firstPass = escalation == null ? null : new AnalysisLoop(escalation.firstPass(), settings, escalation.pricing());
    this.escalationConfidence = escalation == null ? 0 : escalation.minConfidence();
    this.connector = connector;
    this.model = model;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.classifier = new IncidentClassifier(clock, settings.evidenceMinutes());
    this.collector = new EvidenceCollector(settings);
    this.renderer = new IssueRenderer(settings);
    this.body = new IssueBody(settings);
    this.living = new LivingIssue(store, body, classifier, clock);
    this.loop = new AnalysisLoop(model, settings);
    this.remediator = new Remediator(settings, sleeper);
    this.remediationReport = new RemediationReport(settings.remediationMode());
    this.postmortems = new PostmortemWriter(model, settings.pricing());
  }

  public Report run(AgentRequest request, Deadline deadline) {
    RunStats stats = new RunStats();
    Gateway gateway = new RedactingGateway(connector.open(request.sessionId()), stats.redactions());
    try {
      Report report = switch (request.mode()) {
        case ANALYZE -> analyze(request, gateway, deadline, stats);
        case RECURRENCE -> recurrence(request, gateway, deadline, stats);
        case RECOVERY -> recovery(request, gateway, deadline, stats);
        case CORRELATED -> correlated(request, gateway, deadline, stats);
        case COMMAND -> command(request, gateway, deadline, stats);
      };
      emit(request, stats, report);
      LOG.info("Session {} finished: {}", request.sessionId(), report.outcome());
      return report;
    } catch (RuntimeException e) {
      LOG.error("Session {} failed unexpectedly", request.sessionId(), e);
      String reason = "internal error: " + e.getClass().getSimpleName();
      fail(request, reason);
      Integer issue = tellTheIssue(request, gateway, stats, reason);
      return new Report(issue, null, false, "failed: " + e.getClass().getSimpleName());
    }
  }

  private Report analyze(AgentRequest request, Gateway gateway, Deadline deadline, RunStats stats) {
    IncidentFacts facts = classifier.classify(request.alarm());
    progress(request, "markAnalyzing", id -> store.markAnalyzing(id, request.sessionId(), facts.alarm().alarmName(),
        facts.alarmAt(), clock.instant()));
    List<GatewayTool> tools;
    GitHubIssues.IssueRef issue;
    GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
    try {
      tools = gateway.listTools();
      issue = github.create(body.title(facts), living.opening(facts, request.incidentId()),
          body.labels(facts, facts.severity()), request.incidentId());
    } catch (GatewayException e) {
      LOG.error("Cannot open the incident issue: {}", e.getMessage());
      fail(request, "issue not created: " + e.getMessage());
      return new Report(null, null, false, "failed: issue not created");
    }
    Instant issueAt = clock.instant();
    stats.alarmToIssue(Duration.between(facts.alarmAt(), issueAt));
    progress(request, "markIssueOpened", id -> store.markIssueOpened(id, issue.number(), issue.url(), issueAt));
    progress(request, "appendChronology", id -> store.appendChronology(id,
        List.of(Chronology.issueOpened(issue.number(), issueAt)), issueAt));
    LOG.info("Incident issue #{} ready", issue.number());

    Set<String> offered = tools.stream().map(GatewayTool::name).collect(Collectors.toSet());
    EvidenceCollector.Collected collected = collector.gather(gateway, facts, offered, deadline, c -> true);
    List<EvidenceCollector.Call> calls = collected.calls();
    Evidence evidence = collected.evidence();
    stats.toolCalls(evidence.items().size() + (int) evidence.gaps().stream().filter(g -> offered.contains(g.tool())).count());

    List<GatewayTool> modelTools = tools.stream().filter(t -> !HIDDEN_FROM_MODEL.contains(t.name())).toList();
    Optional<Incident> before = incidentRecord(request);
    List<RelatedAlarm> related = before.map(Incident::related).orElse(List.of());
    String text = stats.redactions().redact(incidentText(facts, request) + relatedText(related));
    ModelBudget budget = new ModelBudget(budgetLimits, before.map(Incident::spend).orElse(Spend.NONE));
    AnalysisLoop.Outcome outcome = analyse(gateway, modelTools, text, calls, evidence, deadline, stats, budget);
    Spend day = recordSpend(request, budget);
    String spent = spendLine(budget, day);
    AnalysisResult result = outcome.result() != null ? outcome.result() : rules.analyze(facts, evidence, clock.instant());
    boolean ruleBased = outcome.result() == null;
    if (ruleBased) {
      LOG.warn("Falling back to the rule-based analyzer: {}", outcome.endReason());
    }
    stats.alarmToAnalysis(Duration.between(facts.alarmAt(), clock.instant()));
    github.comment(issue.number(), renderer.rootCause(result, evidence, outcome.endReason())
        + budgetNote(budget, outcome));
    List<ChronologyEntry> analysed = new ArrayList<>(Chronology.signals(facts, evidence));
    analysed.add(Chronology.issueOpened(issue.number(), issueAt));
    related.forEach(r -> analysed.add(Chronology.related(r.alarmName(), r.at())));
    analysed.add(Chronology.analysed("first", (ruleBased ? "규칙 기반" : "AI") + " 분석 완료: "
        + result.topCategory().koreanLabel(), clock.instant()));
    SeverityCalibrator.Calibration severity = SeverityCalibrator.calibrate(facts, evidence);
    MetricValues.Unit unit = MetricValues.of(facts.alarm(), evidence);
    List<String> signals = RuleBasedAnalyzer.signals(rules.findings(facts, evidence));
    progress(request, "markAnalyzed", id -> store.markAnalyzed(id, signals, clock.instant()));
    progress(request, "keepAnalysis", id -> store.keepAnalysis(id, AnalysisDigest.of(result), clock.instant()));
    progress(request, "keepCommandContext", id -> store.keepCommandContext(id, Json.write(facts.alarm()), result.topCategory().id(),
        clock.instant()));
    IncidentEvent.Ref ref = new IncidentEvent.Ref(request.incidentId(), facts.alarm().alarmName(), issue.number(),
        issue.url());
    tell(new IncidentEvent.Analyzed(ref, clock.instant(), facts.alarm(), severity.severity().label(), result,
        strongestEvidence(result)));
    postRelatedComments(request, github, issue.number(), related, gateway, deadline, stats);

    ChaosScenario scenario = scenario(result, facts, evidence);
    living.step(github, issue.number(), request.incidentId(), facts, scenario == ChaosScenario.NONE
        || remediator.mode() == RemediationMode.OFF ? IssueStatus.NEEDS_ACTION
        : remediator.mode() == RemediationMode.APPROVAL ? IssueStatus.AWAITING_APPROVAL : IssueStatus.REMEDIATING,
        analysed, severity, unit);
    if (scenario == ChaosScenario.NONE) {
      github.comment(issue.number(), renderer.responseGuide(result) + renderer.footer(stats, modelIds(), ruleBased) + spent);
      tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "알려진 카오스 장애가 아니어서 자동 복구 대상이 아닙니다. 담당자의 확인이 필요합니다."));
      progress(request, "markOpen", id -> store.markOpen(id, clock.instant()));
      return new Report(issue.number(), result.analyzer(), false, "analyzed, no remediation (" + outcome.endReason() + ")");
    }
    github.comment(issue.number(), renderer.responseGuide(result));
    if (remediator.mode() == RemediationMode.OFF) {
      github.comment(issue.number(), remediationReport.off(facts, scenario) + renderer.footer(stats, modelIds(), ruleBased) + spent);
      tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "자동 복구가 꺼져 있어 클러스터를 변경하지 않았습니다. 담당자의 조치가 필요합니다."));
      progress(request, "markOpen", id -> store.markOpen(id, clock.instant()));
      return new Report(issue.number(), result.analyzer(), false, "analyzed, remediation off (" + outcome.endReason() + ")");
    }
    Supplier<String> footer = () -> renderer.footer(stats, modelIds(), ruleBased) + spent;
    if (remediator.mode() == RemediationMode.APPROVAL) {
      return proposePlan(request, gateway, github, ref, facts, scenario, result.analyzer(), footer, deadline, stats);
    }
    progress(request, "markRemediating", id -> store.markRemediating(id, clock.instant()));
    Remediator.Cleanup cleanup = remediator.cleanup(gateway, facts, scenario, deadline);
    stats.toolCalls(1);
    github.comment(issue.number(), remediator.mode() == RemediationMode.DRY_RUN
        ? remediationReport.dryRun(facts, scenario, cleanup)
        : remediationReport.applied(facts, scenario, cleanup));
    if (remediator.mode() != RemediationMode.DRY_RUN && !cleanup.failed() && !cleanup.changedNothing()) {
      tell(new IncidentEvent.Remediated(ref, clock.instant(), null, cleanup.actionLines()));
    }
    return settle(request, gateway, github, ref, facts, scenario, cleanup, result.analyzer(),
        " (" + outcome.endReason() + ")", footer, unit, result.timeline(), deadline, stats);
  }

  /**
   * After a remediation: verify by the alarmed subject and close, or say why the issue stays open. Shared by the
   * automatic run and an approved plan, so both end the same way.
   *
   * @param closedNote appended to the report's outcome when the issue is closed
   */
  private Report settle(AgentRequest request, Gateway gateway, GitHubIssues github, IncidentEvent.Ref ref,
      IncidentFacts facts, ChaosScenario scenario, Remediator.Cleanup cleanup, String analyzer, String closedNote,
      Supplier<String> footer, MetricValues.Unit unit, List<AnalysisResult.TimelineEntry> modelTimeline,
      Deadline deadline, RunStats stats) {
    GitHubIssues.IssueRef issue = new GitHubIssues.IssueRef(ref.issueNumber(), ref.issueUrl());
    // The close is earned by the alarmed subject, not by an action: only a change can be verified, and only the
    // alarmed metric of the alarmed subject (or, for a metric no tool serves, the alarmed workload itself) decides.
    Remediator.Verification verification = cleanup.failed()
        ? new Remediator.Verification(false, "chaos-cleanup 실패")
        : remediator.mode() == RemediationMode.DRY_RUN
            ? new Remediator.Verification(false, "복구 모드가 dry-run이라 클러스터를 변경하지 않음")
            : cleanup.changedNothing()
                ? new Remediator.Verification(false, "chaos-cleanup이 인시던트 범위에서 조치한 대상이 없어 클러스터를 변경하지 않음")
                : remediator.verify(gateway, facts, cleanup, deadline);
    List<ChronologyEntry> remediated = new ArrayList<>();
    remediated.add(Chronology.remediated(remediationEvent(scenario, cleanup), clock.instant()));
    remediated.add(Chronology.verified((verification.recovered() ? "복구 확인: " : "복구 미확인: ")
        + verification.how(), clock.instant()));
    List<String> stillAlarming = othersInAlarm(request, facts);
    if (verification.recovered() && !stillAlarming.isEmpty()) {
      // Closing is for the whole incident: the last related alarm's OK starts the recovery check that closes it.
      github.comment(issue.number(), renderer.notRecovered("복구 검증은 통과했지만 연관 알람 " + stillAlarming.size()
          + "개(" + String.join(", ", stillAlarming.stream().map(Markdown::code).toList())
          + ")가 아직 ALARM 상태입니다. 모두 OK가 되면 복구를 확인하고 이슈를 닫습니다.")
          + footer.get());
      progress(request, "markRemediationUnconfirmed",
          id -> store.markRemediationUnconfirmed(id, "related alarms still in ALARM", clock.instant()));
      living.step(github, issue.number(), request.incidentId(), facts, IssueStatus.REMEDIATING, remediated, null, unit);
      tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "연관 알람 " + stillAlarming.size()
          + "개가 아직 ALARM 상태라 이슈를 열어 둡니다."));
      return new Report(issue.number(), analyzer, false, "remediated, waiting for related alarms");
    }
    if (verification.recovered()) {
      Instant now = clock.instant();
      github.close(issue.number(), renderer.recovered(Duration.between(facts.alarmAt(), now), verification.how())
          + footer.get());
      remediated.add(Chronology.closed(clock.instant()));
      living.step(github, issue.number(), request.incidentId(), facts, IssueStatus.RESOLVED, remediated, null, unit);
      tell(new IncidentEvent.Resolved(ref, now, Duration.between(facts.alarmAt(), now), verification.how()));
      progress(request, "markResolved", id -> store.markResolved(id, now, now));
      postmortem(request, github, issue.number(), issue.url(), now, (analyzer == null ? "승인된 복구: " : "chaos-cleanup 자동 복구: ")
          + RemediationReport.changes(cleanup) + ". 복구 검증: " + verification.how() + ".", true,
          timeline(modelTimeline, now, "자동 복구 검증 후 이슈 종료"), deadline, stats);
      return new Report(issue.number(), analyzer, true, "remediated and closed" + closedNote);
    }
    github.comment(issue.number(), renderer.notRecovered(verification.how()) + footer.get());
    living.step(github, issue.number(), request.incidentId(), facts, IssueStatus.NEEDS_ACTION, remediated, null, unit);
    tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "복구를 확인하지 못했습니다: " + verification.how()));
    progress(request, "markRemediationUnconfirmed",
        id -> store.markRemediationUnconfirmed(id, "recovery not confirmed", clock.instant()));
    return new Report(issue.number(), analyzer, false, "remediated, recovery not confirmed");
  }

  // --- People in the loop: the approval plan and commands on the issue (#19) ---

  /** How often a person may ask for a re-analysis of one incident. */
  static final Duration REANALYSIS_INTERVAL = Duration.ofMinutes(10);
  private static final Logger AUDIT = LoggerFactory.getLogger("com.incident.agent.audit");

  /**
   * Step 6 in REMEDIATION_MODE approval: chaos-cleanup plans as a dry-run, scoped exactly as in auto; the plan is
   * posted with its hash and expiry and kept on the incident until a person with write access decides it.
   */
  private Report proposePlan(AgentRequest request, Gateway gateway, GitHubIssues github, IncidentEvent.Ref ref,
      IncidentFacts facts, ChaosScenario scenario, String analyzer, Supplier<String> footer, Deadline deadline,
      RunStats stats) {
    int issue = ref.issueNumber();
    Remediator.Cleanup plan = remediator.cleanup(gateway, facts, scenario, deadline);
    stats.toolCalls(1);
    ChaosCleanupResult report = plan.report();
    if (plan.failed() || report == null || report.outcome() != ChaosCleanupResult.Outcome.DRY_RUN) {
      // Nothing a person could approve: the check failed, found nothing in the incident's scope, or was refused.
      github.comment(issue, ApprovalComments.nothingPlanned(scenario.id(), plan) + remediationReport.note(facts, plan)
          + footer.get());
      tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "승인할 복구 계획을 세우지 못했습니다. 담당자의 확인이 필요합니다."));
      progress(request, "markOpen", id -> store.markOpen(id, clock.instant()));
      return new Report(issue, analyzer, false, "analyzed, no remediation plan to approve");
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(settings.approvalExpiry());
    Optional<String> url = github.commentAt(issue, ApprovalComments.plan(scenario.id(), report, remediationReport.note(facts, plan),
        expiresAt) + ApprovalComments.toolOutput(plan) + footer.get());
    ObjectNode scope = Remediator.arguments(facts, scenario, false).orElseThrow();
    scope.remove("dry_run");
    RemediationPlan pending = RemediationPlan.pending(report.planHash(), scenario.id(), Json.write(scope), now, expiresAt,
        url.orElse(null));
    progress(request, "awaitApproval", id -> store.awaitApproval(id, pending, now));
    tell(new IncidentEvent.ApprovalRequested(ref, now, report.planHash(), expiresAt, plan.plannedLines()));
    return new Report(issue, analyzer, false, "analyzed, remediation plan awaiting approval");
  }

  /**
   * A person's command on the incident issue, verified and de-duplicated by the webhook function. Every command
   * ends with a reply on the issue; authorisation is asked of GitHub now, never taken from the comment.
   */
  private Report command(AgentRequest request, Gateway gateway, Deadline deadline, RunStats stats) {
    IssueCommand command = request.command();
    GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
    metrics.record("IssueCommands", 1, Unit.COUNT, Map.of("Command", command.kind().id()));
    Optional<Incident> record = incidentRecord(request);
    if (record.isEmpty() || record.get().issueNumber() == null || record.get().issueNumber() != command.issueNumber()) {
      github.comment(command.issueNumber(), CommandReplies.noIncident(command.author()));
      return new Report(command.issueNumber(), null, false, "command " + command.kind().id() + ": no incident for the issue");
    }
    IncidentEvent.Ref ref = new IncidentEvent.Ref(request.incidentId(), record.get().alarmName(), command.issueNumber(),
        record.get().issueUrl());
    IncidentReview review = store.review(request.incidentId())
        .orElse(new IncidentReview(null, null, null, List.of(), null));
    return switch (command.kind()) {
      case APPROVE -> approve(request, command, gateway, github, ref, record.get(), review, deadline, stats);
      case REJECT -> reject(request, command, github, ref, record.get(), review);
      case REANALYZE -> reanalyze(request, command, gateway, github, ref, record.get(), review, deadline, stats);
      case FEEDBACK_CORRECT, FEEDBACK_WRONG -> feedback(request, command, github, review);
      case UNKNOWN -> {
        github.comment(ref.issueNumber(), CommandReplies.unknown(command.author(), command.argument()));
        yield new Report(ref.issueNumber(), null, false, "unknown command: replied with the command list");
      }
    };
  }

  /** The pending plan runs exactly as planned, once, by a login GitHub says may write; then verify and close as auto. */
  private Report approve(AgentRequest request, IssueCommand command, Gateway gateway, GitHubIssues github,
      IncidentEvent.Ref ref, Incident record, IncidentReview review, Deadline deadline, RunStats stats) {
    String login = command.author();
    int issue = ref.issueNumber();
    Optional<String> early = undecidable(login, record, review, clock.instant());
    if (early.isPresent()) {
      github.comment(issue, early.get());
      return new Report(issue, null, false, "approve: nothing to approve");
    }
    Optional<String> refused = refusedPermission(github, issue, login);
    if (refused.isPresent()) {
      return new Report(issue, null, false, "approve refused: " + refused.get());
    }
    PlanDecision decision = store.decidePlan(request.incidentId(), review.plan().planHash(),
        RemediationPlan.State.APPROVED, login, clock.instant());
    if (!(decision instanceof PlanDecision.Decided decided)) {
      github.comment(issue, decisionReply(login, decision));
      return new Report(issue, null, false, "approve: " + decision.getClass().getSimpleName());
    }
    RemediationPlan plan = decided.plan();
    AUDIT.info("remediation-audit decision=approved incident={} issue={} plan={} scenario={} approved_by={} comment={} "
        + "delivery={}", request.incidentId(), issue, plan.planHash(), plan.scenario(), login, command.commentId(),
        command.deliveryId());
    IncidentFacts facts = classifier.classify(readAlarm(review.alarmJson()));
    ObjectNode scope;
    try {
      scope = (ObjectNode) Json.tree(plan.arguments());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored plan arguments are not JSON", e);
    }
    Remediator.Cleanup cleanup = remediator.execute(gateway, scope, plan.planHash(), login, plan.scenario(), deadline);
    stats.toolCalls(1);
    Supplier<String> footer = () -> renderer.footer(stats, model.modelId(), true);
    if (cleanup.report() != null && cleanup.report().outcome() == ChaosCleanupResult.Outcome.PLAN_CHANGED) {
      github.comment(issue, ApprovalComments.planChanged(login, plan, cleanup.report()) + ApprovalComments.toolOutput(cleanup));
      progress(request, "markRemediationUnconfirmed",
          id -> store.markRemediationUnconfirmed(id, "approved plan changed before it ran", clock.instant()));
      tell(new IncidentEvent.NeedsAction(ref, clock.instant(), "승인한 복구 계획과 클러스터 상태가 달라 실행하지 않았습니다."));
      return new Report(issue, null, false, "approved plan changed; nothing done");
    }
    github.comment(issue, remediationReport.applied(facts, ChaosScenario.fromId(plan.scenario()), cleanup)
        + ApprovalComments.approvedBy(plan));
    if (!cleanup.failed() && !cleanup.changedNothing()) {
      tell(new IncidentEvent.Remediated(ref, clock.instant(), login, cleanup.actionLines()));
    }
    return settle(request, gateway, github, ref, facts, ChaosScenario.fromId(plan.scenario()), cleanup, null,
        " (approved by " + login + ")", footer, null, List.of(), deadline, stats);
  }

  /** Drops the pending plan: nothing changes in the cluster, the incident needs a person. */
  private Report reject(AgentRequest request, IssueCommand command, GitHubIssues github, IncidentEvent.Ref ref,
      Incident record, IncidentReview review) {
    String login = command.author();
    int issue = ref.issueNumber();
    Optional<String> early = undecidable(login, record, review, clock.instant());
    if (early.isPresent()) {
      github.comment(issue, early.get());
      return new Report(issue, null, false, "reject: nothing to reject");
    }
    Optional<String> refused = refusedPermission(github, issue, login);
    if (refused.isPresent()) {
      return new Report(issue, null, false, "reject refused: " + refused.get());
    }
    PlanDecision decision = store.decidePlan(request.incidentId(), review.plan().planHash(),
        RemediationPlan.State.REJECTED, login, clock.instant());
    if (!(decision instanceof PlanDecision.Decided decided)) {
      github.comment(issue, decisionReply(login, decision));
      return new Report(issue, null, false, "reject: " + decision.getClass().getSimpleName());
    }
    AUDIT.info("remediation-audit decision=rejected incident={} issue={} plan={} rejected_by={} comment={} delivery={}",
        request.incidentId(), issue, decided.plan().planHash(), login, command.commentId(), command.deliveryId());
    github.comment(issue, ApprovalComments.rejected(login));
    living.step(github, issue, request.incidentId(), classifier.classify(readAlarm(review.alarmJson())),
        IssueStatus.NEEDS_ACTION, List.of(Chronology.remediated("복구 계획 거절 (" + login + ")", clock.instant())), null,
        null);
    tell(new IncidentEvent.NeedsAction(ref, clock.instant(), login + " 님이 복구 계획을 거절했습니다. 담당자의 조치가 필요합니다."));
    return new Report(issue, null, false, "plan rejected by " + login);
  }

  /** The Korean reply when there is no plan a decision could apply to; empty when there is one. */
  private static Optional<String> undecidable(String login, Incident record, IncidentReview review, Instant now) {
    RemediationPlan plan = review.plan();
    if (plan == null || review.alarmJson() == null) {
      return Optional.of(ApprovalComments.noPlan(login));
    }
    if (record.status() == IncidentStatus.RESOLVED) {
      // The alarm recovered on its own and the issue was closed: a plan for the old state must not run now.
      return Optional.of(ApprovalComments.resolved(login));
    }
    if (plan.state() != RemediationPlan.State.PENDING) {
      return Optional.of(ApprovalComments.alreadyDecided(login, plan));
    }
    return plan.expiredAt(now) ? Optional.of(ApprovalComments.expired(login, plan)) : Optional.empty();
  }

  private static String decisionReply(String login, PlanDecision decision) {
    return switch (decision) {
      case PlanDecision.NoPlan n -> ApprovalComments.noPlan(login);
      case PlanDecision.Expired e -> ApprovalComments.expired(login, e.plan());
      case PlanDecision.AlreadyDecided a -> ApprovalComments.alreadyDecided(login, a.plan());
      case PlanDecision.Superseded s -> ApprovalComments.superseded(login, s.current());
      case PlanDecision.Decided d -> throw new IllegalArgumentException("a decided plan needs no refusal");
    };
  }

  /** Empty when GitHub says {@code login} may write; otherwise the reason, after a polite reply on the issue. */
  private Optional<String> refusedPermission(GitHubIssues github, int issue, String login) {
    try {
      PermissionResult permission = github.permission(login);
      if (permission.canWrite()) {
        return Optional.empty();
      }
      github.comment(issue, ApprovalComments.notAllowed(login, permission.permission()));
      return Optional.of("no write permission (" + permission.permission() + ")");
    } catch (GatewayException e) {
      LOG.warn("Permission of {} not checked: {}", login, e.getMessage());
      github.comment(issue, ApprovalComments.permissionUnknown(login));
      return Optional.of("permission not checked");
    }
  }

  /** A fresh analysis with current evidence on the same issue, at most once per {@link #REANALYSIS_INTERVAL}. */
  private Report reanalyze(AgentRequest request, IssueCommand command, Gateway gateway, GitHubIssues github,
      IncidentEvent.Ref ref, Incident record, IncidentReview review, Deadline deadline, RunStats stats) {
    String login = command.author();
    int issue = ref.issueNumber();
    if (review.alarmJson() == null) {
      github.comment(issue, CommandReplies.nothingToReanalyze(login));
      return new Report(issue, null, false, "reanalyze: no stored alarm");
    }
    Optional<Instant> next = store.claimReanalysis(request.incidentId(), REANALYSIS_INTERVAL, clock.instant());
    if (next.isPresent()) {
      github.comment(issue, CommandReplies.reanalysisLimited(login, next.get()));
      return new Report(issue, null, false, "reanalyze: rate-limited");
    }
    AlarmDetails alarm = readAlarm(review.alarmJson());
    IncidentFacts facts = classifier.classify(alarm);
    Evidence evidence = collect(gateway, facts, deadline, stats, c -> true);
    List<GatewayTool> tools;
    try {
      tools = gateway.listTools().stream().filter(t -> !HIDDEN_FROM_MODEL.contains(t.name())).toList();
    } catch (GatewayException e) {
      tools = List.of();
    }
    AgentRequest withAlarm = new AgentRequest(request.sessionId(), request.actor(), AnalysisMode.COMMAND,
        request.incidentId(), alarm, null, request.receivedAt(), command);
    String text = stats.redactions().redact("담당자가 재분석을 요청했습니다. 지금 모은 증거로 근본 원인을 다시 판단해 "
        + "submit_analysis로 제출하세요.\n\n" + incidentText(facts, withAlarm) + relatedText(record.related()));
    ModelBudget budget = new ModelBudget(budgetLimits, record.spend());
    AnalysisLoop.Outcome outcome = analyse(gateway, tools, text, collector.plan(facts), evidence, deadline, stats, budget);
    Spend day = recordSpend(request, budget);
    boolean ruleBased = outcome.result() == null;
    AnalysisResult result = ruleBased ? rules.analyze(facts, evidence, clock.instant()) : outcome.result();
    github.comment(issue, CommandReplies.reanalysisHead(login) + renderer.rootCause(result, evidence, outcome.endReason())
        + budgetNote(budget, outcome) + renderer.footer(stats, modelIds(), ruleBased) + spendLine(budget, day));
    living.step(github, issue, request.incidentId(), facts, null, List.of(Chronology.analysed(
        "reanalysis-" + command.deliveryId(), "재분석 완료 (요청: " + login + "): " + result.topCategory().koreanLabel(),
        clock.instant())), null, null);
    List<String> signals = RuleBasedAnalyzer.signals(rules.findings(facts, evidence));
    progress(request, "markAnalyzed", id -> store.markAnalyzed(id, signals, clock.instant()));
    progress(request, "keepCommandContext", id -> store.keepCommandContext(id, review.alarmJson(), result.topCategory().id(),
        clock.instant()));
    tell(new IncidentEvent.Analyzed(ref, clock.instant(), alarm, facts.severity().label(), result,
        strongestEvidence(result)));
    return new Report(issue, result.analyzer(), false, "reanalysed (" + outcome.endReason() + ")");
  }

  /** A verdict on the analysis: validated, stored, labelled on the issue and counted per category. */
  private Report feedback(AgentRequest request, IssueCommand command, GitHubIssues github, IncidentReview review) {
    String login = command.author();
    int issue = command.issueNumber();
    RootCauseCategory judged = review.topCategory() == null ? null : category(review.topCategory()).orElse(null);
    if (judged == null) {
      github.comment(issue, CommandReplies.noAnalysis(login));
      return new Report(issue, null, false, "feedback: no analysis to judge");
    }
    boolean correct = command.kind() == IssueCommand.Kind.FEEDBACK_CORRECT;
    RootCauseCategory corrected = null;
    if (!correct) {
      Optional<RootCauseCategory> named = category(command.argument());
      if (named.isEmpty()) {
        github.comment(issue, CommandReplies.unknownCategory(login, command.argument()));
        return new Report(issue, null, false, "feedback: unknown category");
      }
      corrected = named.get();
    }
    Optional<String> refused = refusedPermission(github, issue, login);
    if (refused.isPresent()) {
      return new Report(issue, null, false, "feedback refused: " + refused.get());
    }
    Feedback verdict = new Feedback(login, correct ? Feedback.Verdict.CORRECT : Feedback.Verdict.WRONG, judged.id(),
        corrected == null ? null : corrected.id(), clock.instant());
    store.recordFeedback(request.incidentId(), verdict);
    boolean labelled = correct
        ? github.labels(issue, List.of(LabelNames.FEEDBACK_CORRECT), List.of(LabelNames.FEEDBACK_WRONG))
        : github.labels(issue, List.of(LabelNames.FEEDBACK_WRONG, LabelNames.feedbackCategory(corrected)),
            List.of(LabelNames.FEEDBACK_CORRECT));
    Map<String, String> dims = Map.of("Category", judged.id(), "Verdict", correct ? "correct" : "wrong");
    metrics.record("AnalysisFeedback", 1, Unit.COUNT, dims);
    metrics.record("AnalysisAccuracy", correct ? 1 : 0, Unit.NONE, Map.of("Category", judged.id()));
    github.comment(issue, CommandReplies.feedbackThanks(login, judged, corrected, labelled));
    return new Report(issue, null, false, "feedback " + (correct ? "correct" : "wrong") + " recorded");
  }

  /** A category by its exact id (case ignored); the lenient {@link RootCauseCategory#fromId} would hide a typo. */
  private static Optional<RootCauseCategory> category(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim();
    return java.util.Arrays.stream(RootCauseCategory.values()).filter(c -> c.id().equalsIgnoreCase(wanted)).findFirst();
  }

  private static AlarmDetails readAlarm(String json) {
    try {
      return Json.read(json, AlarmDetails.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored alarm is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private Report recurrence(AgentRequest request, Gateway gateway, Deadline deadline, RunStats stats) {
    Optional<Incident> record = store.incident(request.incidentId());
    if (record.isEmpty() || record.get().issueNumber() == null) {
      LOG.warn("Recurrence for incident {} without an issue; running a full analysis", request.incidentId());
      return analyze(request, gateway, deadline, stats);
    }
    IncidentFacts facts = classifier.classify(request.alarm());
    Evidence evidence = collect(gateway, facts, deadline, stats, c -> !ToolNames.GITHUB_FIND_SIMILAR.equals(c.tool()));
    List<String> now = RuleBasedAnalyzer.signals(rules.findings(facts, evidence));
    List<String> before = record.get().evidenceSignals();
    List<String> added = now.stream().filter(s -> !before.contains(s)).toList();
    List<String> gone = before.stream().filter(s -> !now.contains(s)).toList();
    List<String> same = now.stream().filter(before::contains).toList();
    int occurrence = record.get().occurrences() == null ? 2 : Math.max(2, record.get().occurrences());
    int issue = record.get().issueNumber();
    GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
    github.comment(issue, renderer.recurrence(facts, occurrence, added, gone, same) + renderer.footer(stats, model.modelId(), true));
    living.step(github, issue, request.incidentId(), facts, null,
        List.of(Chronology.recurred(occurrence, facts.alarmAt())), null, null);
    progress(request, "markRecurrence", id -> store.markRecurrence(id, now, clock.instant()));
    return new Report(issue, RuleBasedAnalyzer.ANALYZER, false, "recurrence commented");
  }

  private Report recovery(AgentRequest request, Gateway gateway, Deadline deadline, RunStats stats) {
    Optional<Incident> record = store.incident(request.incidentId());
    if (record.isEmpty() || record.get().issueNumber() == null) {
      LOG.warn("Recovery for incident {} without an issue; nothing to close", request.incidentId());
      progress(request, "markResolved", id -> store.markResolved(id, clock.instant(), clock.instant()));
      return new Report(null, null, true, "recovered, no issue to close");
    }
    IncidentFacts okFacts = new IncidentClassifier(clock, 5).classify(request.alarm());
    // The cluster as it is now: metrics and Kubernetes state, not the window's events and logs.
    Evidence state = collect(gateway, okFacts, deadline, stats,
        c -> c.tool().startsWith(ToolNames.Target.CONTAINER_INSIGHT.prefix())
            || c.tool().startsWith(ToolNames.Target.KUBERNETES.prefix())
            && !c.tool().equals(ToolNames.K8S_GET_EVENTS) && !c.tool().equals(ToolNames.K8S_POD_LOGS));
    List<String> remaining = rules.findings(okFacts, state).stream()
        .filter(f -> f.category() != com.incident.common.incident.RootCauseCategory.NODE_SATURATION || okFacts.node() != null)
        .map(RuleBasedAnalyzer.Finding::signal).toList();
    int issue = record.get().issueNumber();
    GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
    if (!remaining.isEmpty()) {
      github.comment(issue, renderer.recoveryUnconfirmed(remaining) + renderer.footer(stats, model.modelId(), true));
      living.step(github, issue, request.incidentId(), okFacts, IssueStatus.NEEDS_ACTION, List.of(
          Chronology.alarmOk(request.alarm().alarmName(), okFacts.alarmAt()),
          Chronology.verified("알람은 OK지만 장애 신호가 남음: " + String.join(", ", remaining), clock.instant())), null, null);
      progress(request, "markRecoveryUnconfirmed",
          id -> store.markRecoveryUnconfirmed(id, "alarm OK but fault signals remain", clock.instant()));
      return new Report(issue, RuleBasedAnalyzer.ANALYZER, false, "alarm OK, recovery not confirmed");
    }
    Instant start = record.get().alarmAt() != null ? record.get().alarmAt() : record.get().issueCreatedAt();
    Instant end = okFacts.alarmAt();
    Duration mttr = start == null ? null : Duration.between(start, end);
    github.close(issue, renderer.recoveryVerified(mttr) + renderer.footer(stats, model.modelId(), true));
    living.step(github, issue, request.incidentId(), okFacts, IssueStatus.RESOLVED, List.of(
        Chronology.alarmOk(request.alarm().alarmName(), okFacts.alarmAt()),
        Chronology.verified("복구 확인: 알람이 OK로 돌아오고 장애 신호가 사라짐", clock.instant()),
        Chronology.closed(clock.instant())), null, null);
    tell(new IncidentEvent.Resolved(new IncidentEvent.Ref(request.incidentId(), request.alarm().alarmName(), issue,
        record.get().issueUrl()), clock.instant(), mttr, "알람이 OK로 돌아오고 장애 신호가 사라짐"));
    // The alarm's OK already set the last state (alarm-trigger's endEpisode).
    progress(request, "markResolved", id -> store.markResolved(id, end, clock.instant()));
    postmortem(request, github, issue, record.get().issueUrl(), end, "알람이 OK 상태로 돌아왔고, 현재 지표와 Kubernetes 상태에서 "
        + "장애 신호가 사라진 것을 확인해 이슈를 닫았습니다.", false, timeline(List.of(), end, "알람 OK, 복구 확인 후 이슈 종료"), deadline, stats);
    if (mttr != null) {
      metrics.record("TimeToRecover", mttr.toMillis(), Unit.MILLISECONDS, Map.of());
    }
    return new Report(issue, RuleBasedAnalyzer.ANALYZER, true, "recovery verified and closed");
  }

  /**
   * The resolved incident's last comment: its postmortem draft from the kept analysis and chronology (Claude's
   * narrative when a model is available and the budget allows, else the template). Nothing here undoes the close:
   * a failure is logged and the issue stays closed without the draft.
   *
   * @param thisRun what this run knows happened, used while the incident record keeps no chronology
   */
  private void postmortem(AgentRequest request, GitHubIssues github, int issue, String issueUrl, Instant recoveredAt,
      String resolution, boolean remediated, List<AnalysisResult.TimelineEntry> thisRun, Deadline deadline, RunStats stats) {
    try {
      Optional<Incident> record = incidentRecord(request);
      AnalysisDigest analysis = store.analysis(request.incidentId()).orElse(null);
      AlarmDetails alarm = store.issueAlarm(request.incidentId()).orElse(request.alarm());
      Instant alarmAt = record.map(Incident::alarmAt).orElse(alarm.stateChangeTime());
      List<String> affected = analysis != null && !analysis.affected().isEmpty() ? analysis.affected()
          : classifier.classify(alarm).affected();
      Postmortem.Facts facts = new Postmortem.Facts(alarm.alarmName(), alarm, alarmAt,
          record.map(Incident::issueCreatedAt).orElse(null), recoveredAt, analysis, affected, resolution, remediated, issue,
          issueUrl);
      ModelBudget budget = new ModelBudget(budgetLimits, record.map(Incident::spend).orElse(Spend.NONE));
      PostmortemWriter.Draft draft = postmortems.write(facts, chronology(request, record, thisRun), budget, deadline,
          stats.redactions()::redact, stats);
      github.comment(issue, draft.markdown());
      recordSpend(request, budget);
      metrics.record("PostmortemDrafts", 1, Unit.COUNT,
          Map.of("Author", draft.author() instanceof Postmortem.Claude ? "model" : "template"));
    } catch (RuntimeException e) {
      LOG.error("Postmortem draft not posted on issue #{}: {}", issue, e.toString());
    }
  }

  /** {@code earlier} then the closing event at {@code closedAt}. */
  private static List<AnalysisResult.TimelineEntry> timeline(List<AnalysisResult.TimelineEntry> earlier, Instant closedAt,
      String close) {
    List<AnalysisResult.TimelineEntry> out = new ArrayList<>(earlier);
    out.add(new AnalysisResult.TimelineEntry(closedAt.truncatedTo(ChronoUnit.SECONDS).toString(), close));
    return out;
  }

  /**
   * The incident's chronology as its record keeps it, ending with this run's close when the record has none yet;
   * before the record keeps any, the steps the record knows (alarm, issue, analysis) and what this run saw.
   */
  private List<AnalysisResult.TimelineEntry> chronology(AgentRequest request, Optional<Incident> record,
      List<AnalysisResult.TimelineEntry> thisRun) {
    List<ChronologyEntry> kept = store.chronicle(request.incidentId()).entries();
    List<AnalysisResult.TimelineEntry> out = new ArrayList<>();
    if (!kept.isEmpty()) {
      kept.forEach(e -> out.add(new AnalysisResult.TimelineEntry(e.at().truncatedTo(ChronoUnit.SECONDS).toString(), e.text())));
      if (kept.stream().noneMatch(e -> e.stage() == ChronologyEntry.Stage.CLOSE)) {
        out.add(thisRun.getLast());
      }
      return out;
    }
    record.ifPresent(i -> {
      if (i.alarmAt() != null) {
        out.add(new AnalysisResult.TimelineEntry(i.alarmAt().truncatedTo(ChronoUnit.SECONDS).toString(),
            "알람 " + i.alarmName() + " 발생"));
      }
      if (i.issueCreatedAt() != null) {
        out.add(new AnalysisResult.TimelineEntry(i.issueCreatedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
            "이슈 #" + i.issueNumber() + " 생성"));
      }
      if (i.analyzedAt() != null) {
        out.add(new AnalysisResult.TimelineEntry(i.analyzedAt().truncatedTo(ChronoUnit.SECONDS).toString(), "분석 결과 게시"));
      }
    });
    out.addAll(thisRun);
    return out;
  }

  /** Listeners are told after the issue shows the step; nothing they do can fail the run. */
  private void tell(IncidentEvent event) {
    try {
      listener.on(event);
    } catch (RuntimeException e) {
      LOG.warn("Incident listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
    }
  }

  /** The top cause's first evidence line, for a one-line chat summary. */
  private static String strongestEvidence(AnalysisResult result) {
    return result.causes().stream().findFirst()
        .flatMap(c -> c.evidence().stream().findFirst())
        .map(e -> e.source() + ": " + e.observation())
        .orElse(null);
  }

  private Evidence collect(Gateway gateway, IncidentFacts facts, Deadline deadline, RunStats stats,
      Predicate<EvidenceCollector.Call> wanted) {
    Set<String> offered;
    try {
      offered = gateway.listTools().stream().map(GatewayTool::name).collect(Collectors.toSet());
    } catch (GatewayException e) {
      LOG.warn("Gateway tools/list failed: {}", e.getMessage());
      return new Evidence(List.of(), List.of(new Evidence.Gap("tools/list", null, e.getMessage())));
    }
    Evidence evidence = collector.gather(gateway, facts, offered, deadline, wanted).evidence();
    stats.toolCalls(evidence.items().size());
    return evidence;
  }

  /** The model's recommendation, else a chaos fault the rules see in the evidence. */
  private ChaosScenario scenario(AnalysisResult result, IncidentFacts facts, Evidence evidence) {
    if (result.remediation() != null && result.remediation().scenario() != null
        && result.remediation().scenario() != ChaosScenario.NONE) {
      return result.remediation().scenario();
    }
    return rules.findings(facts, evidence).stream().map(RuleBasedAnalyzer.Finding::scenario)
        .filter(s -> s != ChaosScenario.NONE).findFirst().orElse(ChaosScenario.NONE);
  }

  // --- Correlated alarms and the model budget (#18) ---

  private static final java.time.format.DateTimeFormatter KST = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss 'KST'").withZone(java.time.ZoneId.of("Asia/Seoul"));
  private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter
      .ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

  /**
   * A related alarm joined this incident: its `🔗 연관 알람` comment (once, whoever claims it first: this session
   * or the analysis that was still running) and, when it adds a namespace or node to an analysis already posted,
   * the incident's one follow-up analysis with the combined evidence.
   */
  private Report correlated(AgentRequest request, Gateway gateway, Deadline deadline, RunStats stats) {
    Optional<Incident> record = store.incident(request.incidentId());
    String name = request.alarm().alarmName();
    Optional<RelatedAlarm> me = record.flatMap(i -> i.related().stream().filter(r -> r.alarmName().equals(name))
        .findFirst());
    if (me.isEmpty()) {
      return new Report(null, null, false, "alarm is no longer part of incident " + request.incidentId());
    }
    if (record.get().issueNumber() == null) {
      return new Report(null, null, false, "joined before the issue exists; the analysis posts its comment");
    }
    if (me.get().placementAssumed()) {
      Optional<Report> own = splitIfPlacedElsewhere(request, gateway, me.get(), deadline, stats);
      if (own.isPresent()) {
        return own.get();
      }
    }
    int issue = record.get().issueNumber();
    GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
    // Whoever posts the comment owns the alarm: the analysis posts those that joined while it ran (and had them in
    // its evidence), so only an alarm this session comments on can call for the follow-up; a redelivery cannot.
    if (!store.claimRelatedComment(request.incidentId(), name, clock.instant())) {
      return new Report(issue, null, false, "related alarm already commented");
    }
    github.comment(issue, relatedComment(me.get()));
    living.step(github, issue, request.incidentId(), classifier.classify(request.alarm()), null,
        List.of(Chronology.related(name, me.get().at())), null, null);
    if (!me.get().widens() || !store.claimFollowUp(request.incidentId(), request.sessionId(), clock.instant())) {
      return new Report(issue, null, false, "related alarm commented");
    }
    String analyzer = followUp(request, record.get(), issue, github, gateway, deadline, stats);
    return new Report(issue, analyzer, false, "related alarm commented, follow-up analysis posted");
  }

  /**
   * The incident's one follow-up analysis for the joined alarm of {@code request}: fresh evidence for its scope, the
   * data of every grouped alarm, one model run within the incident's budget; posted as `🔁 연관 알람 반영 재분석`.
   *
   * @return the analyzer that answered
   */
  private String followUp(AgentRequest request, Incident record, int issue, GitHubIssues github, Gateway gateway,
      Deadline deadline, RunStats stats) {
    String name = request.alarm().alarmName();
    IncidentFacts facts = classifier.classify(request.alarm());
    Evidence evidence = collect(gateway, facts, deadline, stats, c -> !ToolNames.GITHUB_FIND_SIMILAR.equals(c.tool()));
    List<GatewayTool> tools;
    try {
      tools = gateway.listTools().stream().filter(t -> !HIDDEN_FROM_MODEL.contains(t.name())).toList();
    } catch (GatewayException e) {
      tools = List.of();
    }
    List<EvidenceCollector.Call> calls = collector.plan(facts).stream()
        .filter(c -> !ToolNames.GITHUB_FIND_SIMILAR.equals(c.tool())).toList();
    String text = stats.redactions().redact("이미 분석한 인시던트에 범위가 다른 연관 알람이 더해졌습니다. 처음 알람("
        + record.alarmName() + ")과 연관 알람을 합쳐 근본 원인을 다시 판단하세요.\n\n" + incidentText(facts, request)
        + relatedText(record.related()));
    ModelBudget budget = new ModelBudget(budgetLimits, record.spend());
    AnalysisLoop.Outcome outcome = analyse(gateway, tools, text, calls, evidence, deadline, stats, budget);
    Spend day = recordSpend(request, budget);
    AnalysisResult result = outcome.result() != null ? outcome.result() : rules.analyze(facts, evidence, clock.instant());
    github.comment(issue, "## 🔁 연관 알람 반영 재분석\n\n연관 알람 " + Markdown.code(name)
        + ": 처음 분석에 없던 범위가 더해져, 합친 증거로 한 번 더 분석했습니다 (인시던트당 한 번).\n\n"
        + renderer.rootCause(result, evidence, outcome.endReason()) + budgetNote(budget, outcome)
        + renderer.footer(stats, modelIds(), outcome.result() == null) + spendLine(budget, day));
    living.step(github, issue, request.incidentId(), facts, null, List.of(Chronology.analysed("follow-up",
        "연관 알람 " + name + " 반영 재분석 완료: " + result.topCategory().koreanLabel(), clock.instant())), null, null);
    progress(request, "keepAnalysis", id -> store.keepAnalysis(id, AnalysisDigest.of(result), clock.instant()));
    return result.analyzer();
  }

  /**
   * A pod alarm that joined a node's incident only because it does not say where its pods run: the cluster answers
   * that. When its workload's pods all run on other nodes, the grouping was wrong: the alarm moves to an incident of
   * its own, analysed in this session. An unanswered check keeps the grouping (its comment says why and how to split).
   */
  private Optional<Report> splitIfPlacedElsewhere(AgentRequest request, Gateway gateway, RelatedAlarm me,
      Deadline deadline, RunStats stats) {
    Set<String> placed = podNodes(gateway, classifier.classify(request.alarm()), deadline);
    if (placed.isEmpty() || placed.stream().anyMatch(me.assumedNodeSet()::contains)) {
      return Optional.empty();
    }
    String incidentId = java.util.UUID.randomUUID().toString();
    String sessionId = request.sessionId() + "-split";
    Optional<IncidentStore.Split> split;
    try {
      split = store.split(me.alarmName(), incidentId, sessionId, clock.instant());
    } catch (IllegalArgumentException e) {
      // A concurrent delivery of the same alarm split it first: the alarm now owns its incident.
      return Optional.of(new Report(null, null, false, "alarm already split into its own incident"));
    }
    if (split.isEmpty()) {
      return Optional.empty();
    }
    LOG.info("Alarm {} split from incident {}: its pods run on {}, not on {}", me.alarmName(),
        split.get().fromIncidentId(), placed, me.assumedNodeSet());
    metrics.record("AlarmsSplit", 1, Unit.COUNT, Map.of("By", "placement"));
    return Optional.of(analyze(new AgentRequest(sessionId, request.actor(), AnalysisMode.ANALYZE, incidentId,
        request.alarm(), request.prompt(), clock.instant()), gateway, deadline, stats));
  }

  /** The nodes the alarmed workload's pods run on, from k8s-describe-workload; empty when the cluster did not say. */
  private Set<String> podNodes(Gateway gateway, IncidentFacts facts, Deadline deadline) {
    Optional<EvidenceCollector.Call> describe = collector.plan(facts).stream()
        .filter(c -> ToolNames.K8S_DESCRIBE_WORKLOAD.equals(c.tool())).findFirst();
    if (describe.isEmpty()) {
      return Set.of();
    }
    try {
      ToolOutcome out = gateway.call(describe.get().tool(), describe.get().arguments(),
          deadline.budget(settings.toolTimeout(), settings.finalReserve()));
      if (out.error()) {
        return Set.of();
      }
      return Evidence.read(out.structured(), K8sWorkloadResult.class).stream()
          .flatMap(r -> r.workloads().stream()).flatMap(w -> w.pods().stream())
          .map(K8sWorkloadResult.Pod::node).filter(n -> n != null && !n.isBlank())
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    } catch (GatewayException e) {
      LOG.warn("Placement of {} not checked: {}", facts.alarm().alarmName(), e.getMessage());
      return Set.of();
    }
  }

  /** The first pass on the cheaper model when configured, escalating to the main model when it is not sure. */
  private AnalysisLoop.Outcome analyse(Gateway gateway, List<GatewayTool> tools, String text,
      List<EvidenceCollector.Call> calls, Evidence evidence, Deadline deadline, RunStats stats, ModelBudget budget) {
    if (firstPass == null) {
      return loop.run(gateway, tools, text, calls, evidence, deadline, stats, budget);
    }
    AnalysisLoop.Outcome first = firstPass.run(gateway, tools, text, calls, evidence, deadline, stats, budget);
    AnalysisResult r = first.result();
    boolean sure = r != null && r.topCategory() != com.incident.common.incident.RootCauseCategory.UNKNOWN
        && r.causes().getFirst().probability() >= escalationConfidence;
    metrics.record("ModelEscalations", sure ? 0 : 1, Unit.COUNT, Map.of());
    if (sure) {
      return new AnalysisLoop.Outcome(r, first.endReason() + " (first pass " + firstPass.modelId() + ")");
    }
    LOG.info("First pass on {} ended unsure ({}); escalating to {}", firstPass.modelId(), first.endReason(),
        model.modelId());
    AnalysisLoop.Outcome main = loop.run(gateway, tools, text, calls, evidence, deadline, stats, budget);
    // Better the first pass's answer than none when the budget or the model stops the escalation.
    return main.result() == null && r != null ? new AnalysisLoop.Outcome(r, first.endReason()
        + "; escalation ended without a submission: " + main.endReason()) : main;
  }

  private String modelIds() {
    return firstPass == null ? model.modelId() : firstPass.modelId() + "` → `" + model.modelId();
  }

  private Optional<Incident> incidentRecord(AgentRequest request) {
    try {
      return store.incident(request.incidentId());
    } catch (RuntimeException e) {
      LOG.error("Incident record read failed: {}", e.toString());
      return Optional.empty();
    }
  }

  /** Adds the session's spend to the incident and today's total, and emits both; null when it could not be stored. */
  private Spend recordSpend(AgentRequest request, ModelBudget budget) {
    Spend session = budget.session();
    Map<String, String> dims = Map.of("Mode", request.mode().id());
    metrics.record("IncidentModelSpendMicroUsd", budget.total().microUsd(), Unit.COUNT, dims);
    metrics.record("IncidentModelInputTokens", budget.total().inputTokens(), Unit.COUNT, dims);
    metrics.record("BudgetLimited", budget.limited() ? 1 : 0, Unit.COUNT, dims);
    if (session.modelCalls() == 0) {
      return null;
    }
    try {
      Spend day = store.addSpend(request.incidentId(), session, clock.instant());
      metrics.record("DailyModelSpendMicroUsd", day.microUsd(), Unit.COUNT, Map.of());
      return day;
    } catch (RuntimeException e) {
      LOG.error("Recording the model spend failed: {}", e.toString());
      return null;
    }
  }

  private String spendLine(ModelBudget budget, Spend day) {
    return renderer.spend(budget.korean(day), budget.total().modelCalls(), modelIds());
  }

  /** The Korean sentence the issue carries when the budget shortened or stopped the analysis. */
  private static String budgetNote(ModelBudget budget, AnalysisLoop.Outcome outcome) {
    if (!budget.limited()) {
      return "";
    }
    String how = outcome.result() == null
        ? "추가 모델 호출 없이 규칙 기반 분석으로 대체했습니다"
        : "지금까지의 증거로 분석을 마무리하도록 모델에 제출을 요청했습니다";
    return String.format(java.util.Locale.ROOT, "\n> 💰 인시던트당 모델 예산(입력 토큰 %,d, 예상 비용 $%.2f)에 도달해 %s.\n",
        budget.limits().maxInputTokens(), budget.limits().maxUsd(), how);
  }

  private static String relatedComment(RelatedAlarm r) {
    StringBuilder b = new StringBuilder("## 🔗 연관 알람\n\n");
    b.append("- 알람: ").append(Markdown.code(r.alarmName())).append('\n');
    b.append("- 시각: ").append(KST.format(r.at())).append(" (").append(UTC.format(r.at())).append(")\n");
    b.append("- 메트릭: ").append(Markdown.code(r.metric() == null ? "-" : r.metric())).append('\n');
    if (r.namespaces() != null && !r.namespaces().isBlank()) {
      b.append("- 네임스페이스: ").append(Markdown.code(r.namespaces())).append('\n');
    }
    if (r.nodes() != null && !r.nodes().isBlank()) {
      b.append("- 노드: ").append(Markdown.code(r.nodes())).append('\n');
    }
    b.append("- 묶은 이유: ").append(Markdown.text(r.reason())).append('\n');
    b.append("\n<sub>잘못 묶였다면 docs/operations.md의 분리(split) 절차로 이 알람을 별도 인시던트로 옮길 수 있습니다.</sub>\n");
    return b.toString();
  }

  /** The remediation step in the chronology: what was done (or why nothing changed). */
  private String remediationEvent(ChaosScenario scenario, Remediator.Cleanup cleanup) {
    if (remediator.mode() == RemediationMode.DRY_RUN) {
      return "dry-run: 복구 계획만 확인, 클러스터 변경 없음";
    }
    if (cleanup.failed()) {
      return "chaos-cleanup 복구 시도 실패 (" + scenario.id() + ")";
    }
    if (cleanup.changedNothing()) {
      return "chaos-cleanup 실행, 인시던트 범위에 조치 대상 없음";
    }
    List<String> actions = cleanup.actionLines();
    return "chaos-cleanup으로 " + scenario.id() + " 장애 제거" + (actions.isEmpty() ? "" : " (" + actions.size() + "건 조치)");
  }

  /** The joined alarms as data for the model: each one's details as the alarm carried them. */
  private static String relatedText(List<RelatedAlarm> related) {
    if (related.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    parts.add("\n\n같은 인시던트로 묶인 연관 알람(데이터):");
    for (RelatedAlarm r : related) {
      ObjectNode data = Json.object();
      data.put("alarmName", r.alarmName());
      data.put("at", r.at().toString());
      data.put("metric", r.metric());
      data.put("namespaces", r.namespaces());
      data.put("nodes", r.nodes());
      data.put("groupedBecause", r.reason());
      if (r.alarm() != null) {
        try {
          com.fasterxml.jackson.databind.JsonNode alarm = Json.tree(r.alarm());
          data.set("reason", alarm.path("reason"));
          data.set("dimensions", alarm.path("dimensions"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          // The summary above stands on its own.
        }
      }
      parts.add("```json\n" + Json.pretty(data) + "\n```");
    }
    return String.join("\n", parts);
  }

  /** The related alarms of the incident still in ALARM besides this session's own alarm. */
  private List<String> othersInAlarm(AgentRequest request, IncidentFacts facts) {
    return incidentRecord(request).map(Incident::alarming).orElse(List.of()).stream()
        .filter(n -> !n.equals(facts.alarm().alarmName())).toList();
  }

  /**
   * Comments for the alarms that joined while the analysis ran (each claimed once). One that joined after the
   * analysis read the incident (so it is not in its evidence) and adds a namespace or node gets the incident's one
   * follow-up analysis here: its own session found the issue not yet analysed and left the comment to this one.
   */
  private void postRelatedComments(AgentRequest request, GitHubIssues github, int issue, List<RelatedAlarm> inEvidence,
      Gateway gateway, Deadline deadline, RunStats stats) {
    Set<String> analysed = inEvidence.stream().map(RelatedAlarm::alarmName).collect(Collectors.toSet());
    RelatedAlarm lateWidening = null;
    for (RelatedAlarm r : incidentRecord(request).map(Incident::related).orElse(List.of())) {
      if (store.claimRelatedComment(request.incidentId(), r.alarmName(), clock.instant())) {
        github.comment(issue, relatedComment(r));
        if (lateWidening == null && r.widens() && !analysed.contains(r.alarmName())) {
          lateWidening = r;
        }
      }
    }
    if (lateWidening == null || lateWidening.alarm() == null
        || !store.claimFollowUp(request.incidentId(), request.sessionId(), clock.instant())) {
      return;
    }
    try {
      AlarmDetails alarm = Json.read(lateWidening.alarm(), AlarmDetails.class);
      followUp(new AgentRequest(request.sessionId(), request.actor(), AnalysisMode.CORRELATED, request.incidentId(), alarm,
          "", clock.instant()), incidentRecord(request).orElseThrow(), issue, github, gateway, deadline, stats);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.error("Related alarm {} has unreadable details; no follow-up analysis: {}", lateWidening.alarmName(),
          e.getOriginalMessage());
    }
  }

  private static String incidentText(IncidentFacts facts, AgentRequest request) {
    ObjectNode data = Json.object();
    data.set("alarm", Json.MAPPER.valueToTree(facts.alarm()));
    data.put("incidentType", facts.type().id());
    data.put("severity", facts.severity().id());
    facts.affected().forEach(data.withArray("affected")::add);
    data.put("windowStart", facts.windowStart().toString());
    data.put("windowEnd", facts.windowEnd().toString());
    List<String> parts = new ArrayList<>();
    parts.add("다음 인시던트의 근본 원인을 분석하고 submit_analysis로 제출하세요. 아래 JSON은 알람에서 나온 데이터입니다.");
    parts.add("```json\n" + Json.pretty(data) + "\n```");
    if (request.prompt() != null && !request.prompt().isBlank()) {
      parts.add("분석 요청 원문(데이터):\n```\n" + request.prompt().replace("```", "'''") + "\n```");
    }
    return String.join("\n\n", parts);
  }

  /** A lost progress write must not end the run: the issue is what people read. */
  private void progress(AgentRequest request, String transition, Consumer<String> write) {
    try {
      write.accept(request.incidentId());
    } catch (RuntimeException e) {
      LOG.error("Incident record {} failed: {}", transition, e.toString());
    }
  }

  /** A crash mid-run still ends the issue's timeline with a Korean note, so nobody waits for an analysis. */
  private Integer tellTheIssue(AgentRequest request, Gateway gateway, RunStats stats, String reason) {
    try {
      Integer issue = store.incident(request.incidentId()).map(Incident::issueNumber).orElse(null);
      if (issue != null) {
        GitHubIssues github = new GitHubIssues(gateway, settings.toolTimeout());
        github.comment(issue, renderer.failure(reason) + renderer.footer(stats, model.modelId(), true));
        living.step(github, issue, request.incidentId(), classifier.classify(request.alarm()), IssueStatus.NEEDS_ACTION,
            List.of(Chronology.analysed("failed", "자동 분석 실패", clock.instant())), null, null);
      }
      return issue;
    } catch (RuntimeException e) {
      LOG.error("Could not report the failure on the issue: {}", e.toString());
      return null;
    }
  }

  private void fail(AgentRequest request, String reason) {
    // A person's command that crashed leaves the incident as it was; its reply on the issue says what happened.
    if (request.mode() != AnalysisMode.COMMAND) {
      progress(request, "markFailed", id -> store.markFailed(id, reason, clock.instant()));
    }
    metrics.record("AnalysisFailed", 1, Unit.COUNT, Map.of("Mode", request.mode().id()));
  }

  private void emit(AgentRequest request, RunStats stats, Report report) {
    Map<String, String> dims = Map.of("Mode", request.mode().id());
    metrics.record("ModelTurns", stats.turns(), Unit.COUNT, dims);
    metrics.record("ToolCalls", stats.toolCalls(), Unit.COUNT, dims);
    metrics.record("InputTokens", stats.inputTokens(), Unit.COUNT, dims);
    metrics.record("OutputTokens", stats.outputTokens(), Unit.COUNT, dims);
    metrics.record("CacheReadTokens", stats.cacheReadTokens(), Unit.COUNT, dims);
    metrics.record("CacheWriteTokens", stats.cacheWriteTokens(), Unit.COUNT, dims);
    metrics.record("EstimatedCostMicroUsd", Math.round(stats.cost(settings.pricing()) * 1_000_000), Unit.COUNT, dims);
    if (stats.alarmToIssue() != null) {
      metrics.record("AlarmToIssue", stats.alarmToIssue().toMillis(), Unit.MILLISECONDS, dims);
    }
    if (stats.alarmToAnalysis() != null) {
      metrics.record("AlarmToAnalysis", stats.alarmToAnalysis().toMillis(), Unit.MILLISECONDS, dims);
    }
    metrics.record("RuleBasedFallback", RuleBasedAnalyzer.ANALYZER.equals(report.analyzer()) && request.mode().id().equals("analyze") ? 1 : 0, Unit.COUNT, dims);
    metrics.record("Recovered", report.recovered() ? 1 : 0, Unit.COUNT, dims);
  }
}
