package com.incident.agent.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.retry.Sleeper;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.StructuredContent;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6: remove a known chaos fault through {@code chaos-cleanup}, scoped to the incident the alarm names (its
 * namespace, workload, node and the resource its metric measures), in the deployment's {@link RemediationMode}; then
 * decide recovery by the alarmed metric of the alarmed subject, never by whether an action succeeded.
 */
public final class Remediator {
  private static final Logger LOG = LoggerFactory.getLogger(Remediator.class);
  /** How many out-of-scope findings the issue lists before it says how many more there are. */
  static final int LEFT_ALONE_SHOWN = 10;

  /**
   * What the cleanup call returned; {@code changedNothing} when no action was done (nothing related to the incident
   * found, refused, dry-run), so there is no remediation whose effect could be verified.
   *
   * @param report the tool's structured answer (null when it failed)
   */
  public record Cleanup(boolean failed, boolean changedNothing, String output, ChaosCleanupResult report) {
    public Cleanup(boolean failed, boolean changedNothing, String output) {
      this(failed, changedNothing, output, null);
    }

    /** One Korean line per action done, e.g. "Deployment default/orders 롤백 (a → b)", for chat. */
    public java.util.List<String> actionLines() {
      return lines(ChaosCleanupResult.ActionStatus.DONE);
    }

    /** One Korean line per action a dry-run planned, for chat. */
    public java.util.List<String> plannedLines() {
      return lines(ChaosCleanupResult.ActionStatus.DRY_RUN);
    }

    private java.util.List<String> lines(ChaosCleanupResult.ActionStatus status) {
      if (report == null) {
        return java.util.List.of();
      }
      return report.actions().stream()
          .filter(x -> x.status() == status)
          .map(x -> x.kind() + " " + x.namespace() + "/" + x.name() + " " + korean(x.action())
              + " (" + x.before() + " → " + x.after() + ")")
          .toList();
    }
  }

  /** What an action does, in Korean. */
  static String korean(ChaosCleanupResult.ActionType action) {
    return switch (action) {
      case DELETE -> "삭제";
      case ROLLBACK -> "롤백";
      case SCALE -> "복제본 수 조정";
    };
  }

  /** The verification verdict and how it was reached (Korean, for the issue). */
  public record Verification(boolean recovered, String how) {}

  private final WorkflowSettings settings;
  private final Sleeper sleeper;

  public Remediator(WorkflowSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  public RemediationMode mode() {
    return settings.remediationMode();
  }

  public Cleanup cleanup(Gateway gateway, IncidentFacts facts, ChaosScenario scenario, Deadline deadline) {
    // Approval mode plans here (a dry-run); only an approved plan's hash makes the tool act (see execute).
    Optional<ObjectNode> args = arguments(facts, scenario,
        mode() == RemediationMode.DRY_RUN || mode() == RemediationMode.APPROVAL);
    if (args.isEmpty()) {
      return new Cleanup(false, true, NO_SCOPE);
    }
    return call(gateway, args.get(), scenario.id(), deadline);
  }

  /**
   * Runs an approved plan: its stored scope with {@code expected_plan_hash}, so the tool acts only when a fresh plan is
   * identical, and the approver for its audit line.
   */
  public Cleanup execute(Gateway gateway, ObjectNode planArguments, String planHash, String approver, String scenario,
      Deadline deadline) {
    ObjectNode args = planArguments.deepCopy().put("dry_run", false).put("expected_plan_hash", planHash)
        .put("approved_by", approver);
    return call(gateway, args, scenario, deadline);
  }

  static final String NO_SCOPE = "알람에 네임스페이스나 노드 정보가 없어 자동 복구 범위를 정할 수 없으므로 chaos-cleanup을 실행하지 않았습니다. "
      + "분석에서 지목한 객체는 담당자가 확인한 뒤 조치해 주세요.";

  private Cleanup call(Gateway gateway, ObjectNode args, String scenario, Deadline deadline) {
    try {
      ToolOutcome out = gateway.call(ToolNames.CHAOS_CLEANUP, args,
          deadline.budget(settings.toolTimeout().multipliedBy(4), Duration.ofSeconds(10)));
      if (out.error()) {
        LOG.warn("chaos-cleanup failed for {}: {}", scenario, out.text());
      } else {
        LOG.info("chaos-cleanup ran for scenario {} in mode {}", scenario, mode().id());
      }
      if (out.error()) {
        return new Cleanup(true, false, Redactor.DEFAULT.redact(out.text()));
      }
      ChaosCleanupResult report = report(out);
      return new Cleanup(false, report == null || !report.changedCluster(), Redactor.DEFAULT.redact(out.text()), report);
    } catch (GatewayException e) {
      LOG.warn("chaos-cleanup unreachable: {}", e.getMessage());
      return new Cleanup(true, false, e.getMessage());
    }
  }

  /** The tool's report; null (and logged) when its answer does not carry one, so nothing is taken as changed. */
  private static ChaosCleanupResult report(ToolOutcome out) {
    try {
      return StructuredContent.read(out.structured(), ChaosCleanupResult.class);
    } catch (IllegalArgumentException e) {
      LOG.warn("chaos-cleanup answered without its report: {}", e.getMessage());
      return null;
    }
  }

  /**
   * The Korean lines the remediation comment carries besides the tool's answer: the mode, the incident scope and,
   * for a person to check, what chaos-cleanup found suspicious but left alone as out of scope.
   */
  public String note(IncidentFacts facts, Cleanup cleanup) {
    StringBuilder b = new StringBuilder("- 복구 모드: `").append(mode().id()).append("` (").append(mode().korean()).append(")\n");
    b.append("- 조치 범위: ").append(scopeText(facts)).append('\n');
    if (cleanup != null && cleanup.report() != null) {
      List<String> outOfScope = new ArrayList<>();
      for (ChaosCleanupResult.LeftAlone l : cleanup.report().outOfScope()) {
        outOfScope.add("  - `" + code(l.kind() + " " + l.namespace() + "/" + l.name()) + "`: `" + code(l.reason()) + "`");
      }
      if (!outOfScope.isEmpty()) {
        b.append("- 추가 확인 필요 (인시던트 범위 밖이라 변경하지 않음):\n");
        outOfScope.stream().limit(LEFT_ALONE_SHOWN).forEach(line -> b.append(line).append('\n'));
        if (outOfScope.size() > LEFT_ALONE_SHOWN) {
          b.append("  - 외 ").append(outOfScope.size() - LEFT_ALONE_SHOWN).append("건 (chaos-cleanup 결과 원문 참고)\n");
        }
      }
    }
    return b.toString();
  }

  /** The remediation comment of a dry-run: what would have been done; the cluster is unchanged. */
  public String dryRunComment(IncidentFacts facts, ChaosScenario scenario, Cleanup cleanup) {
    String head = cleanup.failed()
        ? "`chaos-cleanup` 점검(dry-run)이 실패했습니다. 담당자의 확인이 필요합니다."
        : "복구 모드가 `dry-run`이라 시나리오 `" + scenario.id() + "`에 대해 `chaos-cleanup`이 할 조치를 점검만 했고, 클러스터는 "
            + "변경하지 않았습니다. 아래 결과를 보고 담당자가 조치해 주세요.";
    return "## 🤖 자동 복구 조치 (dry-run)\n\n" + head + "\n\n" + note(facts, cleanup)
        + "\n<details>\n<summary>chaos-cleanup 점검 결과 (원문)</summary>\n\n```\n" + cleanup.output().replace("```", "'''")
        + "\n```\n</details>\n";
  }

  /** The comment when RemediationMode is off: nothing is called, the scope and mode are stated. */
  public String offNote(IncidentFacts facts, ChaosScenario scenario) {
    return "## 🤖 자동 복구 조치\n\n자동 복구가 꺼져 있어(`RemediationMode=off`) 시나리오 `" + scenario.id()
        + "`에 대한 `chaos-cleanup`을 호출하지 않았습니다. 담당자의 조치가 필요합니다.\n\n" + note(facts, null);
  }

  /**
   * Polls the alarmed metric of the alarmed subject until it is back on the good side of the alarm's threshold, a
   * bounded number of times. A metric no tool serves is judged by chaos-cleanup's own check of the alarmed workload.
   */
  public Verification verify(Gateway gateway, IncidentFacts facts, Cleanup cleanup, Deadline deadline) {
    AlarmDetails alarm = facts.alarm();
    Optional<Target> target = target(facts);
    if (target.isEmpty() || alarm.threshold() == null || comparison(alarm.comparisonOperator()) == null) {
      return workloadCheck(facts, cleanup).orElse(new Verification(false,
          "알람 지표를 다시 조회할 방법이 없어 복구를 확인하지 못함; 알람이 OK로 바뀌면 다시 확인함"));
    }
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
        ToolOutcome out = gateway.call(target.get().tool(), target.get().args(), budget);
        if (out.error()) {
          last = "알람 지표 재조회 실패: " + EvidenceCollector.abbreviate(out.text());
          continue;
        }
        Optional<Double> value = latest(out.structured(), target.get(), alarm.metricName());
        if (value.isEmpty()) {
          Optional<Verification> byWorkload = workloadCheck(facts, cleanup);
          if (byWorkload.isPresent()) {
            return byWorkload.get();
          }
          last = "알람 지표 " + alarm.metricName() + "(" + target.get().subject() + ")의 최신 값이 아직 없음";
          continue;
        }
        String shown = String.format(Locale.ROOT, "%.1f", value.get());
        String threshold = String.format(Locale.ROOT, "%.1f", alarm.threshold());
        if (!breaches(value.get(), alarm.comparisonOperator(), alarm.threshold())) {
          return new Verification(true, "알람 지표 " + alarm.metricName() + "(" + target.get().subject() + ") 최신 값 " + shown
              + ": 임계값 " + threshold + " 기준 정상 범위로 돌아옴, 확인 " + (check + 1) + "회차");
        }
        last = "알람 지표 " + alarm.metricName() + "(" + target.get().subject() + ") 최신 값 " + shown + ": 아직 임계값 "
            + threshold + " 기준 알람 범위에 있음";
      } catch (GatewayException e) {
        last = "검증 중 게이트웨이 오류: " + e.getMessage();
      }
    }
    return new Verification(false, last + " (" + settings.recoveryChecks() + "회 확인)");
  }

  /** Which tool serves the alarmed metric of the alarmed subject, with what arguments. */
  record Target(String tool, ObjectNode args, String dimension, String subject) {}

  static Optional<Target> target(IncidentFacts facts) {
    AlarmDetails alarm = facts.alarm();
    if (facts.cluster() == null || alarm.metricName() == null || !"ContainerInsights".equals(alarm.namespace())) {
      return Optional.empty();
    }
    ObjectNode args = Json.object().put("cluster_name", facts.cluster()).put("minutes", 5);
    if (facts.pod() != null) {
      if (facts.namespace() != null) {
        args.put("namespace", facts.namespace());
      }
      args.put("pod_name", facts.pod());
      return Optional.of(new Target(ToolNames.POD_METRICS, args, "PodName", facts.pod()));
    }
    if (facts.node() != null) {
      args.put("node_name", facts.node());
      return Optional.of(new Target(ToolNames.NODE_METRICS, args, "NodeName", facts.node()));
    }
    return Optional.empty();
  }

  /** The last datapoint of {@code metric} in the row whose dimensions are the alarmed subject's, if the tool returned one. */
  static Optional<Double> latest(JsonNode structured, Target target, String metric) {
    List<InsightRow> rows = ToolNames.POD_METRICS.equals(target.tool())
        ? Evidence.read(structured, PodMetricsResult.class).map(PodMetricsResult::pods).orElse(List.of())
        : Evidence.read(structured, NodeMetricsResult.class).map(NodeMetricsResult::nodes).orElse(List.of());
    return rows.stream().filter(row -> target.subject().equals(row.dimensions().get(target.dimension())))
        .flatMap(row -> row.metric(metric).stream()).map(InsightRow.Summary::last).findFirst();
  }

  /** Whether the value is still on the alarming side of the threshold. */
  static boolean breaches(double value, String operator, double threshold) {
    Integer c = comparison(operator);
    return c != null && switch (c) {
      case 1 -> value > threshold;
      case 2 -> value >= threshold;
      case -1 -> value < threshold;
      default -> value <= threshold;
    };
  }

  /** 1 &gt;, 2 &gt;=, -1 &lt;, -2 &lt;=; null for operators without a fixed threshold (anomaly bands). */
  private static Integer comparison(String operator) {
    if (operator == null) {
      return null;
    }
    return switch (operator) {
      case "GreaterThanThreshold" -> 1;
      case "GreaterThanOrEqualToThreshold" -> 2;
      case "LessThanThreshold" -> -1;
      case "LessThanOrEqualToThreshold" -> -2;
      default -> null;
    };
  }

  /**
   * For a metric no tool serves (e.g. service_number_of_running_pods): recovered when chaos-cleanup changed the
   * alarmed workload itself and saw it available again, which is what such a metric counts.
   */
  private static Optional<Verification> workloadCheck(IncidentFacts facts, Cleanup cleanup) {
    String workload = workload(facts);
    if (cleanup == null || cleanup.report() == null || workload == null) {
      return Optional.empty();
    }
    for (ChaosCleanupResult.Action a : cleanup.report().actions()) {
      if (workload.equals(a.name()) && "Deployment".equals(a.kind()) && a.status() == ChaosCleanupResult.ActionStatus.DONE
          && a.verification() != null && a.verification().status() == ChaosCleanupResult.VerificationStatus.AVAILABLE) {
        return Optional.of(new Verification(true, "알람 지표 " + facts.alarm().metricName() + "의 값은 도구로 조회할 수 없어, 알람 대상 "
            + "Deployment " + workload + "의 가용 상태를 Kubernetes API로 확인함 (" + a.verification().detail() + ")"));
      }
    }
    return Optional.empty();
  }

  /** The alarmed workload: Container Insights reports a workload's pods under its name in PodName and Service. */
  static String workload(IncidentFacts facts) {
    return facts.service() != null ? facts.service() : facts.pod();
  }

  /** What the alarmed metric measures, as chaos-cleanup's resource argument. */
  static String resource(AlarmDetails alarm) {
    String m = alarm.metricName() == null ? "" : alarm.metricName().toLowerCase(Locale.ROOT);
    if (m.contains("cpu")) {
      return "cpu";
    }
    return m.contains("memory") || m.contains("mem_") ? "memory" : null;
  }

  /** chaos-cleanup's arguments: the incident's scope from the alarm's dimensions; empty when the alarm names none. */
  static Optional<ObjectNode> arguments(IncidentFacts facts, ChaosScenario scenario, boolean dryRun) {
    if (facts.namespace() == null && facts.node() == null) {
      return Optional.empty();
    }
    ObjectNode args = Json.object();
    if (facts.namespace() != null) {
      args.put("namespace", facts.namespace());
    }
    String workload = workload(facts);
    if (workload != null && facts.namespace() != null) {
      args.put("workload", workload);
    }
    if (facts.node() != null) {
      args.put("node", facts.node());
    }
    String resource = resource(facts.alarm());
    if (resource != null) {
      args.put("resource", resource);
    }
    args.putArray("scenarios").add(scenario.id());
    args.put("dry_run", dryRun);
    return Optional.of(args);
  }

  private static String scopeText(IncidentFacts facts) {
    List<String> parts = new ArrayList<>();
    if (facts.namespace() != null) {
      parts.add("네임스페이스 `" + code(facts.namespace()) + "`");
    }
    if (workload(facts) != null) {
      parts.add("워크로드 `" + code(workload(facts)) + "`");
    }
    if (facts.node() != null) {
      parts.add("노드 `" + code(facts.node()) + "`");
    }
    if (resource(facts.alarm()) != null) {
      parts.add("리소스 " + resource(facts.alarm()));
    }
    return parts.isEmpty() ? "알람에 범위 정보 없음" : String.join(", ", parts);
  }

  /** A value inside a code span: backticks and line breaks cannot break out of it. */
  private static String code(String s) {
    return s.replace('`', '\'').replace('\n', ' ').replace('\r', ' ');
  }
}
