package com.incident.agent.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayConnector;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.GatewayTool;
import com.incident.agent.gateway.RedactingGateway;
import com.incident.agent.model.ModelClient;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink.Unit;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Sleeper;
import com.incident.common.tool.ToolNames;
import com.incident.store.Incident;
import com.incident.store.IncidentStore;
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
      ToolNames.GITHUB_ADD_COMMENT, ToolNames.GITHUB_CLOSE_ISSUE);

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
  private final AnalysisLoop loop;
  private final Remediator remediator;

  public IncidentWorkflow(GatewayConnector connector, ModelClient model, IncidentStore store, Clock clock,
      WorkflowSettings settings, MetricsSink metrics, Sleeper sleeper) {
    this.connector = connector;
    this.model = model;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.classifier = new IncidentClassifier(clock, settings.evidenceMinutes());
    this.collector = new EvidenceCollector(settings);
    this.renderer = new IssueRenderer(settings);
    this.loop = new AnalysisLoop(model, settings);
    this.remediator = new Remediator(settings, sleeper);
  }

  public Report run(AgentRequest request, Deadline deadline) {
    RunStats stats = new RunStats();
    Gateway gateway = new RedactingGateway(connector.open(request.sessionId()), stats.redactions());
    try {
      Report report = switch (request.mode()) {
        case ANALYZE -> analyze(request, gateway, deadline, stats);
        case RECURRENCE -> recurrence(request, gateway, deadline, stats);
        case RECOVERY -> recovery(request, gateway, deadline, stats);
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
      issue = github.create(renderer.title(facts), renderer.issueBody(facts, request.incidentId()),
          renderer.labels(facts), request.incidentId());
    } catch (GatewayException e) {
      LOG.error("Cannot open the incident issue: {}", e.getMessage());
      fail(request, "issue not created: " + e.getMessage());
      return new Report(null, null, false, "failed: issue not created");
    }
    Instant issueAt = clock.instant();
    stats.alarmToIssue(Duration.between(facts.alarmAt(), issueAt));
    progress(request, "markIssueOpened", id -> store.markIssueOpened(id, issue.number(), issue.url(), issueAt));
    LOG.info("Incident issue #{} ready", issue.number());

    Set<String> offered = tools.stream().map(GatewayTool::name).collect(Collectors.toSet());
    EvidenceCollector.Collected collected = collector.gather(gateway, facts, offered, deadline, c -> true);
    List<EvidenceCollector.Call> calls = collected.calls();
    Evidence evidence = collected.evidence();
    stats.toolCalls(evidence.items().size() + (int) evidence.gaps().stream().filter(g -> offered.contains(g.tool())).count());

    List<GatewayTool> modelTools = tools.stream().filter(t -> !HIDDEN_FROM_MODEL.contains(t.name())).toList();
    String text = stats.redactions().redact(incidentText(facts, request));
    AnalysisLoop.Outcome outcome = loop.run(gateway, modelTools, text, calls, evidence, deadline, stats);
    AnalysisResult result = outcome.result() != null ? outcome.result() : rules.analyze(facts, evidence, clock.instant());
    boolean ruleBased = outcome.result() == null;
    if (ruleBased) {
      LOG.warn("Falling back to the rule-based analyzer: {}", outcome.endReason());
    }
    stats.alarmToAnalysis(Duration.between(facts.alarmAt(), clock.instant()));
    List<AnalysisResult.TimelineEntry> runtimeEvents = List.of(
        new AnalysisResult.TimelineEntry(issueAt.truncatedTo(ChronoUnit.SECONDS).toString(), "이슈 #" + issue.number() + " 생성"),
        new AnalysisResult.TimelineEntry(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
            (ruleBased ? "규칙 기반" : "AI") + " 분석 완료"));
    github.comment(issue.number(), renderer.rootCause(result, evidence, outcome.endReason(), runtimeEvents));
    List<String> signals = RuleBasedAnalyzer.signals(rules.findings(facts, evidence));
    progress(request, "markAnalyzed", id -> store.markAnalyzed(id, signals, clock.instant()));

    ChaosScenario scenario = scenario(result, facts, evidence);
    if (scenario == ChaosScenario.NONE) {
      github.comment(issue.number(), renderer.responseGuide(result) + renderer.footer(stats, model.modelId(), ruleBased));
      progress(request, "markOpen", id -> store.markOpen(id, clock.instant()));
      return new Report(issue.number(), result.analyzer(), false, "analyzed, no remediation (" + outcome.endReason() + ")");
    }
    github.comment(issue.number(), renderer.responseGuide(result));
    if (remediator.mode() == RemediationMode.OFF) {
      github.comment(issue.number(), remediator.offNote(facts, scenario) + renderer.footer(stats, model.modelId(), ruleBased));
      progress(request, "markOpen", id -> store.markOpen(id, clock.instant()));
      return new Report(issue.number(), result.analyzer(), false, "analyzed, remediation off (" + outcome.endReason() + ")");
    }
    progress(request, "markRemediating", id -> store.markRemediating(id, clock.instant()));
    Remediator.Cleanup cleanup = remediator.cleanup(gateway, facts, scenario, deadline);
    stats.toolCalls(1);
    github.comment(issue.number(), remediator.mode() == RemediationMode.DRY_RUN
        ? remediator.dryRunComment(facts, scenario, cleanup)
        : renderer.remediation(scenario.id(), cleanup) + "\n" + remediator.note(facts, cleanup));
    // The close is earned by the alarmed subject, not by an action: only a change can be verified, and only the
    // alarmed metric of the alarmed subject (or, for a metric no tool serves, the alarmed workload itself) decides.
    Remediator.Verification verification = cleanup.failed()
        ? new Remediator.Verification(false, "chaos-cleanup 실패")
        : remediator.mode() == RemediationMode.DRY_RUN
            ? new Remediator.Verification(false, "복구 모드가 dry-run이라 클러스터를 변경하지 않음")
            : cleanup.changedNothing()
                ? new Remediator.Verification(false, "chaos-cleanup이 인시던트 범위에서 조치한 대상이 없어 클러스터를 변경하지 않음")
                : remediator.verify(gateway, facts, cleanup, deadline);
    if (verification.recovered()) {
      Instant now = clock.instant();
      github.close(issue.number(), renderer.recovered(Duration.between(facts.alarmAt(), now), verification.how())
          + renderer.footer(stats, model.modelId(), ruleBased));
      progress(request, "markResolved", id -> store.markResolved(id, now, now));
      return new Report(issue.number(), result.analyzer(), true, "remediated and closed (" + outcome.endReason() + ")");
    }
    github.comment(issue.number(), renderer.notRecovered(verification.how()) + renderer.footer(stats, model.modelId(), ruleBased));
    progress(request, "markRemediationUnconfirmed",
        id -> store.markRemediationUnconfirmed(id, "recovery not confirmed", clock.instant()));
    return new Report(issue.number(), result.analyzer(), false, "remediated, recovery not confirmed");
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
    new GitHubIssues(gateway, settings.toolTimeout()).comment(issue,
        renderer.recurrence(facts, occurrence, added, gone, same) + renderer.footer(stats, model.modelId(), true));
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
      progress(request, "markRecoveryUnconfirmed",
          id -> store.markRecoveryUnconfirmed(id, "alarm OK but fault signals remain", clock.instant()));
      return new Report(issue, RuleBasedAnalyzer.ANALYZER, false, "alarm OK, recovery not confirmed");
    }
    Instant start = record.get().alarmAt() != null ? record.get().alarmAt() : record.get().issueCreatedAt();
    Instant end = okFacts.alarmAt();
    Duration mttr = start == null ? null : Duration.between(start, end);
    github.close(issue, renderer.recoveryVerified(mttr) + renderer.footer(stats, model.modelId(), true));
    // The alarm's OK already set the last state (alarm-trigger's endEpisode).
    progress(request, "markResolved", id -> store.markResolved(id, end, clock.instant()));
    if (mttr != null) {
      metrics.record("TimeToRecover", mttr.toMillis(), Unit.MILLISECONDS, Map.of());
    }
    return new Report(issue, RuleBasedAnalyzer.ANALYZER, true, "recovery verified and closed");
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
        new GitHubIssues(gateway, settings.toolTimeout()).comment(issue,
            renderer.failure(reason) + renderer.footer(stats, model.modelId(), true));
      }
      return issue;
    } catch (RuntimeException e) {
      LOG.error("Could not report the failure on the issue: {}", e.toString());
      return null;
    }
  }

  private void fail(AgentRequest request, String reason) {
    progress(request, "markFailed", id -> store.markFailed(id, reason, clock.instant()));
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
