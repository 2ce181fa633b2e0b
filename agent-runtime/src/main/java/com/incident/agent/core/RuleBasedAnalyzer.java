package com.incident.agent.core;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.NodeMetricsResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The diagnosis without a model: fixed rules over the collected evidence and the alarm, producing the same
 * structured result as {@code submit_analysis}. Used when Bedrock is unavailable or never submits, and to
 * decide whether a fault is still present after remediation.
 */
public final class RuleBasedAnalyzer {
  public static final String ANALYZER = "rule-based";

  /** One rule that fired: what it found, where, and which chaos fault (if any) it is. */
  public record Finding(String signal, RootCauseCategory category, double probability, String title,
      String description, EvidenceRef evidence) {
    public ChaosScenario scenario() {
      return Playbook.scenario(category);
    }
  }

  private static final Pattern STRESS = Pattern.compile("(?i)\\bstress(-ng)?\\b");
  private static final Pattern STRESS_NAME = Pattern.compile("(?i)(?:[a-z0-9][a-z0-9.-]*)?stress[a-z0-9.-]*");
  private static final Pattern IMAGE = Pattern.compile("(?i)\\b(ImagePullBackOff|ErrImagePull|InvalidImageName)\\b");
  private static final Pattern ZERO = Pattern.compile(
      "(?i)\\b(replicas|desired_?replicas|available_?replicas|ready_?replicas)\\b[\"']?\\s*[:=]?\\s*0(?![.\\d])|scaled to (0|zero)\\b");
  private static final Pattern OOM = Pattern.compile("(?i)\\b(OOMKilled|CrashLoopBackOff|OutOfMemoryError|out of memory)\\b");
  private static final Pattern DEPENDENCY = Pattern.compile(
      "(?i)timeout|timed out|connection refused|upstream|unavailable|\\b503\\b|econnreset");
  private static final double NODE_SATURATED = 90.0;
  private static final List<String> NODE_UTILIZATION = List.of(NodeMetricsResult.CPU, NodeMetricsResult.MEMORY);

  public List<Finding> findings(IncidentFacts facts, Evidence evidence) {
    List<Finding> found = new ArrayList<>(evidenceFindings(facts, evidence));
    String alarmMetric = facts.alarm().metricName() == null ? "" : facts.alarm().metricName().toLowerCase(Locale.ROOT);
    alarmFindings(facts, alarmMetric).forEach(found::add);
    return merge(found);
  }

  /**
   * Findings from the collected evidence alone, without what the alarm itself implies: recovery checks use this,
   * because the alarm's observed value describes the moment it fired and never changes.
   */
  public List<Finding> evidenceFindings(IncidentFacts facts, Evidence evidence) {
    List<Finding> found = new ArrayList<>();
    String alarmMetric = facts.alarm().metricName() == null ? "" : facts.alarm().metricName().toLowerCase(Locale.ROOT);
    for (Evidence.Item item : evidence.items()) {
      if (item.tool().startsWith("github-")) {
        continue;
      }
      line(item, STRESS).filter(l -> alarmMetric.contains("cpu") || l.toLowerCase(Locale.ROOT).contains("cpu")
              || item.tool().startsWith("container-insight"))
          .ifPresent(l -> found.add(new Finding(signal(RootCauseCategory.CPU_STRESS_WORKLOAD, l, STRESS_NAME),
              RootCauseCategory.CPU_STRESS_WORKLOAD, 0.85, "stress 워크로드의 CPU 점유",
              "stress/stress-ng 프로세스를 실행하는 워크로드가 CPU를 점유해 같은 노드와 서비스의 자원을 잠식했습니다.",
              ref(item, l))));
      line(item, IMAGE).ifPresent(l -> found.add(new Finding(signal(RootCauseCategory.BAD_IMAGE_ROLLOUT, l, null),
          RootCauseCategory.BAD_IMAGE_ROLLOUT, 0.85, "잘못된 이미지로 롤아웃",
          "새 이미지를 가져오지 못해(ImagePullBackOff/ErrImagePull) 새 Pod가 기동하지 못하고 있습니다.", ref(item, l))));
      line(item, ZERO).ifPresent(l -> found.add(new Finding(signal(RootCauseCategory.SCALED_TO_ZERO, l, null),
          RootCauseCategory.SCALED_TO_ZERO, 0.8, "Deployment 레플리카 0",
          "Deployment가 레플리카 0으로 축소되어 서비스할 Pod가 없습니다.", ref(item, l))));
      line(item, OOM).ifPresent(l -> found.add(new Finding(signal(RootCauseCategory.MEMORY_LEAK_OOM, l, null),
          RootCauseCategory.MEMORY_LEAK_OOM, 0.75, "메모리 부족(OOMKilled) / 반복 재시작",
          "컨테이너가 메모리 한도를 넘어 종료(OOMKilled)되거나 CrashLoopBackOff 상태로 반복 재시작하고 있습니다.",
          ref(item, l))));
      if (ToolNames.NODE_METRICS.equals(item.tool())) {
        nodeSaturation(item).ifPresent(found::add);
      }
      if (ToolNames.ERROR_SUMMARY.equals(item.tool())) {
        errorBurst(item).ifPresent(found::add);
      }
    }
    return merge(found);
  }

  public AnalysisResult analyze(IncidentFacts facts, Evidence evidence, Instant now) {
    List<Finding> findings = findings(facts, evidence);
    List<ProbableCause> causes = new ArrayList<>();
    for (Finding f : findings) {
      causes.add(new ProbableCause(f.title(), f.category(), f.probability(), f.description(), List.of(f.evidence())));
    }
    if (causes.isEmpty()) {
      List<EvidenceRef> refs = evidence.gaps().stream()
          .map(g -> new EvidenceRef(g.tool(), "evidence-gap", "수집 실패: " + EvidenceCollector.abbreviate(g.reason())))
          .toList();
      causes.add(new ProbableCause("원인 불명(증거 부족)", RootCauseCategory.UNKNOWN, 0.2,
          "수집된 증거에서 알려진 장애 패턴(stress 워크로드, 이미지 오류, 레플리카 0, OOM, 노드 포화, 에러 집중)을 찾지 못했습니다. "
              + "사람의 추가 확인이 필요합니다.", refs));
    }
    RootCauseCategory top = causes.getFirst().category();
    ChaosScenario scenario = Playbook.scenario(top);
    List<AnalysisResult.TimelineEntry> timeline = new ArrayList<>();
    timeline.add(new AnalysisResult.TimelineEntry(facts.alarmAt().truncatedTo(ChronoUnit.SECONDS).toString(),
        "알람 " + facts.alarm().alarmName() + " ALARM 상태 전환"));
    timeline.add(new AnalysisResult.TimelineEntry(now.truncatedTo(ChronoUnit.SECONDS).toString(),
        "규칙 기반 분석 완료: " + top.koreanLabel()));
    Set<String> components = new LinkedHashSet<>(facts.affected());
    Set<String> stack = new LinkedHashSet<>();
    for (Evidence.Item item : evidence.items()) {
      ToolNames.Target.forTool(item.tool()).ifPresent(t -> stack.add(switch (t) {
        case CONTAINER_INSIGHT -> "Amazon EKS / Container Insights";
        case OPENSEARCH -> "OpenSearch";
        case DATADOG -> "Datadog";
        case GITHUB -> "GitHub";
        case CHAOS, KUBERNETES -> "Kubernetes";
      }));
    }
    stack.remove("GitHub");
    return new AnalysisResult(
        "규칙 기반 분석 결과, 가장 가능성이 높은 원인은 '" + top.koreanLabel() + "'입니다 (" + causes.getFirst().title() + ").",
        facts.type().id(), List.copyOf(components), List.copyOf(stack), causes, timeline,
        Playbook.immediate(top), Playbook.longTerm(top),
        new AnalysisResult.Remediation(scenario, scenario == ChaosScenario.NONE
            ? "알려진 카오스 시나리오와 일치하는 증거가 없어 자동 복구를 하지 않습니다."
            : "증거가 카오스 시나리오 '" + scenario.id() + "'와 일치하므로 chaos-cleanup으로 자동 복구합니다."),
        ANALYZER);
  }

  /** Stable ids of what the rules found, for "what changed" between occurrences. */
  public static List<String> signals(List<Finding> findings) {
    return findings.stream().map(Finding::signal).toList();
  }

  /** The first node whose CPU or memory utilization peaked at or above {@link #NODE_SATURATED} percent. */
  private Optional<Finding> nodeSaturation(Evidence.Item item) {
    for (InsightRow node : item.structured(NodeMetricsResult.class).map(NodeMetricsResult::nodes).orElse(List.of())) {
      for (String metric : NODE_UTILIZATION) {
        Optional<InsightRow.Summary> peak = node.metric(metric).filter(s -> s.max() >= NODE_SATURATED);
        if (peak.isPresent()) {
          return Optional.of(nodeFinding(item, metric + " (" + node.name() + ")", metric, peak.get().max()));
        }
      }
    }
    return Optional.empty();
  }

  private static Finding nodeFinding(Evidence.Item item, String where, String metric, double value) {
    return new Finding("node-saturation:" + metric, RootCauseCategory.NODE_SATURATION, 0.6, "노드 자원 포화",
        "노드 자원 사용률이 " + String.format(Locale.ROOT, "%.1f", value) + "%까지 올라 노드의 Pod 전체가 영향을 받았습니다.",
        new EvidenceRef(item.tool(), where, String.format(Locale.ROOT, "최대 %.1f%%", value)));
  }

  private Optional<Finding> errorBurst(Evidence.Item item) {
    Map<String, Long> counts = new LinkedHashMap<>();
    item.structured(ErrorSummaryResult.class).map(ErrorSummaryResult::groups).orElse(List.of())
        .forEach(g -> counts.merge(g.key(), g.count(), Long::sum));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (total < 20) {
      return Optional.empty();
    }
    Map.Entry<String, Long> top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    double share = (double) top.getValue() / total;
    if (share < 0.6) {
      return Optional.empty();
    }
    boolean dependency = DEPENDENCY.matcher(item.corpus()).find();
    RootCauseCategory category = dependency ? RootCauseCategory.DEPENDENCY_FAILURE : RootCauseCategory.APP_ERROR_AFTER_DEPLOY;
    String observation = String.format(Locale.ROOT, "%s: 에러 %d건 (전체의 %.0f%%)", top.getKey(), top.getValue(), share * 100);
    return Optional.of(new Finding(category.id() + ":" + top.getKey(), category, dependency ? 0.55 : 0.5,
        dependency ? "'" + top.getKey() + "' 서비스의 의존성 오류 급증" : "'" + top.getKey() + "' 서비스의 애플리케이션 에러 급증",
        "에러 로그가 '" + top.getKey() + "' 서비스에 집중되어 있습니다"
            + (dependency ? " (타임아웃/연결 실패 메시지가 포함됨)." : ". 최근 배포나 코드 변경을 의심합니다."),
        new EvidenceRef(item.tool(), "error-count by service", observation)));
  }

  private List<Finding> alarmFindings(IncidentFacts facts, String metric) {
    List<Finding> found = new ArrayList<>();
    Double observed = facts.alarm().observedValue();
    if (observed == null) {
      return found;
    }
    if (metric.matches(".*(running_pods|replica|available).*") && observed == 0) {
      found.add(new Finding("scaled-to-zero:" + metric, RootCauseCategory.SCALED_TO_ZERO, 0.7, "실행 중인 Pod 0개",
          "알람 메트릭 " + facts.alarm().metricName() + " 값이 0으로, 서비스할 Pod가 없습니다.",
          new EvidenceRef("cloudwatch-alarm", facts.alarm().metricName(), "관측값 0")));
    }
    if (metric.startsWith("node_") && (metric.contains("cpu") || metric.contains("memory")) && observed >= NODE_SATURATED) {
      found.add(new Finding("node-saturation:" + metric, RootCauseCategory.NODE_SATURATION, 0.6, "노드 자원 포화",
          "알람 메트릭 " + facts.alarm().metricName() + " 값이 " + String.format(Locale.ROOT, "%.1f", observed) + "%입니다.",
          new EvidenceRef("cloudwatch-alarm", facts.alarm().metricName(), String.format(Locale.ROOT, "관측값 %.1f", observed))));
    }
    return found;
  }

  /** One finding per category: the most probable, evidence of the others appended. */
  private static List<Finding> merge(List<Finding> found) {
    Map<RootCauseCategory, Finding> best = new LinkedHashMap<>();
    for (Finding f : found) {
      best.merge(f.category(), f, (a, b) -> a.probability() >= b.probability() ? a : b);
    }
    return best.values().stream().sorted(Comparator.comparingDouble(Finding::probability).reversed()).toList();
  }

  private static Optional<String> line(Evidence.Item item, Pattern p) {
    for (String l : item.haystack().split("\n")) {
      Matcher m = p.matcher(l);
      if (m.find()) {
        int from = Math.max(0, m.start() - 80);
        int to = Math.min(l.length(), m.end() + 80);
        return Optional.of(l.substring(from, to).strip());
      }
    }
    return Optional.empty();
  }

  private static String signal(RootCauseCategory c, String line, Pattern subject) {
    if (subject != null) {
      Matcher m = subject.matcher(line);
      if (m.find()) {
        return c.id() + ":" + m.group().toLowerCase(Locale.ROOT);
      }
    }
    return c.id();
  }

  private static EvidenceRef ref(Evidence.Item item, String line) {
    return new EvidenceRef(item.tool(), item.tool().startsWith("opensearch") ? "log" : "metric/state", line);
  }
}
