package com.incident.agent.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6: remove a known chaos fault through {@code chaos-cleanup}, then verify recovery with a bounded number
 * of checks: a dry-run rescan must find nothing left to fix and fresh pod metrics must no longer show the fault.
 */
public final class Remediator {
  private static final Logger LOG = LoggerFactory.getLogger(Remediator.class);
  private static final Set<String> ACTION_ARRAYS = Set.of("actions", "matches", "matched", "findings", "targets");
  private static final Pattern NOTHING_LEFT = Pattern.compile("(?i)no (matching|chaos)|nothing to (clean|do|fix)|\\b0 (matches|matched|actions)\\b");

  /**
   * What the cleanup call returned; {@code changedNothing} when it found no matching chaos object or refused
   * (namespace guard, action limit, dry-run), so there is no remediation whose effect could be verified.
   */
  public record Cleanup(boolean failed, boolean changedNothing, String output) {}

  /** The verification verdict and how it was reached (Korean, for the issue). */
  public record Verification(boolean recovered, String how) {}

  private final WorkflowSettings settings;
  private final RuleBasedAnalyzer rules;
  private final Sleeper sleeper;

  public Remediator(WorkflowSettings settings, RuleBasedAnalyzer rules, Sleeper sleeper) {
    this.settings = settings;
    this.rules = rules;
    this.sleeper = sleeper;
  }

  public Cleanup cleanup(Gateway gateway, IncidentFacts facts, ChaosScenario scenario, Deadline deadline) {
    try {
      ToolOutcome out = gateway.call(ToolNames.CHAOS_CLEANUP, arguments(facts, scenario, false),
          deadline.budget(settings.toolTimeout().multipliedBy(4), Duration.ofSeconds(10)));
      if (out.error()) {
        LOG.warn("chaos-cleanup failed for {}: {}", scenario.id(), out.text());
      } else {
        LOG.info("chaos-cleanup ran for scenario {}", scenario.id());
      }
      return new Cleanup(out.error(), !out.error() && changedNothing(out), Redactor.DEFAULT.redact(out.text()));
    } catch (GatewayException e) {
      LOG.warn("chaos-cleanup unreachable: {}", e.getMessage());
      return new Cleanup(true, false, e.getMessage());
    }
  }

  /** chaos-cleanup reports outcome clean | planned | refused | done | partial; only done/partial changed the cluster. */
  static boolean changedNothing(ToolOutcome out) {
    JsonNode s = out.structured();
    String outcome = s != null && s.isObject() ? s.path("outcome").asText("") : "";
    if (!outcome.isEmpty()) {
      return !outcome.equals("done") && !outcome.equals("partial");
    }
    return pending(out) == 0;
  }

  public Verification verify(Gateway gateway, IncidentFacts facts, ChaosScenario scenario, Deadline deadline) {
    String last = "검증을 시작하지 못함 (시간 부족)";
    for (int check = 0; check < settings.recoveryChecks(); check++) {
      if (check > 0) {
        if (deadline.remaining().compareTo(settings.recoveryInterval().plus(settings.toolTimeout())) < 0) {
          return new Verification(false, last + "; 남은 시간이 부족해 검증을 중단함");
        }
        try {
          sleeper.sleep(settings.recoveryInterval());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Verification(false, "검증 대기 중 중단됨");
        }
      }
      Duration budget = deadline.budget(settings.toolTimeout(), Duration.ZERO);
      if (budget.isZero()) {
        return new Verification(false, last);
      }
      try {
        ToolOutcome scan = gateway.call(ToolNames.CHAOS_CLEANUP, arguments(facts, scenario, true), budget);
        int pending = scan.error() ? -1 : pending(scan);
        if (pending != 0) {
          last = scan.error() ? "재검사 실패: " + EvidenceCollector.abbreviate(scan.text())
              : "chaos-cleanup 재검사에서 복구 대상이 아직 남아 있음";
          continue;
        }
        String metrics = metricsStillFaulty(gateway, facts, scenario, budget);
        if (metrics != null) {
          last = metrics;
          continue;
        }
        return new Verification(true, "chaos-cleanup 재검사에서 남은 대상 없음, " + (facts.cluster() == null
            ? "메트릭 재조회 불가(클러스터 정보 없음)" : "Pod 메트릭에서 장애 신호 사라짐") + ", 확인 " + (check + 1) + "회차");
      } catch (GatewayException e) {
        last = "검증 중 게이트웨이 오류: " + e.getMessage();
      }
    }
    return new Verification(false, last + " (" + settings.recoveryChecks() + "회 확인)");
  }

  /** Null when fresh metrics no longer show the scenario's signature, else why not (Korean). */
  private String metricsStillFaulty(Gateway gateway, IncidentFacts facts, ChaosScenario scenario, Duration budget)
      throws GatewayException {
    if (facts.cluster() == null) {
      return null;
    }
    ObjectNode args = Json.object().put("cluster_name", facts.cluster()).put("minutes", 5)
        .put("period", settings.periodSeconds());
    if (facts.namespace() != null) {
      args.put("namespace", facts.namespace());
    }
    if (facts.pod() != null) {
      args.put("pod_name", facts.pod());
    }
    ToolOutcome out = gateway.call(ToolNames.POD_METRICS, args, budget);
    if (out.error()) {
      return "메트릭 재조회 실패: " + EvidenceCollector.abbreviate(out.text());
    }
    Evidence fresh = new Evidence(List.of(new Evidence.Item(ToolNames.POD_METRICS, args,
        Redactor.DEFAULT.redact(out.text()), out.structured())), List.of());
    boolean still = rules.evidenceFindings(facts, fresh).stream().anyMatch(f -> f.scenario() == scenario);
    return still ? "Pod 메트릭에 장애 신호(" + scenario.id() + ")가 아직 보임" : null;
  }

  /** Matching objects a dry-run still reports: 0 = clean, -1 = cannot tell (treated as not clean). */
  static int pending(ToolOutcome scan) {
    JsonNode s = scan.structured();
    if (s != null && s.isObject()) {
      int total = 0;
      boolean seen = false;
      for (String name : ACTION_ARRAYS) {
        JsonNode n = s.get(name);
        if (n != null && n.isArray()) {
          total += n.size();
          seen = true;
        } else if (n != null && n.isNumber()) {
          total += n.asInt();
          seen = true;
        }
      }
      if (seen) {
        return total;
      }
    }
    return scan.text() != null && NOTHING_LEFT.matcher(scan.text()).find() ? 0 : -1;
  }

  private static ObjectNode arguments(IncidentFacts facts, ChaosScenario scenario, boolean dryRun) {
    ObjectNode args = Json.object();
    if (facts.namespace() != null) {
      args.putArray("namespaces").add(facts.namespace());
    }
    args.putArray("scenarios").add(scenario.id());
    args.put("dry_run", dryRun);
    return args;
  }
}
