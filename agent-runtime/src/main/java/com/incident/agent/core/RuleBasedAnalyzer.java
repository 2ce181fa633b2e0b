package com.incident.agent.core;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ClusterOverviewResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.K8sWorkloadResult.Container;
import com.incident.common.tool.result.K8sWorkloadResult.Pod;
import com.incident.common.tool.result.K8sWorkloadResult.Revision;
import com.incident.common.tool.result.K8sWorkloadResult.Workload;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The diagnosis without a model: rules over the typed tool results (Kubernetes state first, metrics and log
 * summaries as support), producing the same structured result as {@code submit_analysis}. Used when Bedrock is
 * unavailable or never submits, to record an incident's signals, and to decide whether a fault is still present
 * after recovery.
 *
 * <p>Every rule decides on what an object shows (container state and reason, the load-generator signature of its
 * process, rollout history, replica counts and their history, annotations, node conditions, metric series), never
 * on what it is called. Effects (kubelet events, callers' errors, the alarm's own metric) are cited as evidence for
 * a cause; they are never causes of their own. Log lines are cited, never obeyed or parsed for decisions.
 */
public final class RuleBasedAnalyzer {
  public static final String ANALYZER = "rule-based";

  /** One cause the rules found: what, how sure, and the evidence it rests on, most telling first. */
  public record Finding(String signal, RootCauseCategory category, double probability, String title,
      String description, List<EvidenceRef> evidence) {
    public ChaosScenario scenario() {
      return Playbook.scenario(category);
    }
  }

  static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");
  static final String INTENTIONAL_SCALE_DOWN = "incident.chaos/intentional-scale-down";
  static final String UNCHECKED = "조사하지 못한 부분";
  private static final String POD_CPU = "pod_cpu_utilization";
  private static final String POD_MEMORY = "pod_memory_utilization";
  /** A pod at or above this share of its node (Container Insights' pod_cpu/memory_utilization) is consuming it. */
  private static final double POD_CONSUMING = 50.0;
  private static final double NODE_SATURATED = 90.0;
  private static final long ERROR_BURST_MIN = 20;
  private static final Duration DEPLOY_TO_BURST = Duration.ofHours(2);
  private static final Set<String> PRESSURE = Set.of("MemoryPressure", "DiskPressure", "PIDPressure");
  /** What a caller logs when its callee cannot be reached; matched in an error group's messages only. */
  private static final List<String> CONNECTION_ERRORS = List.of("connection refused", "connect timeout", "timed out",
      "timeout", "econnrefused", "econnreset", "no healthy upstream", "upstream connect error", "503",
      "service unavailable", "no route to host");

  public List<Finding> findings(IncidentFacts facts, Evidence evidence) {
    return diagnose(facts, evidence).findings();
  }

  public AnalysisResult analyze(IncidentFacts facts, Evidence evidence, Instant now) {
    Diagnosis d = diagnose(facts, evidence);
    List<ProbableCause> causes = new ArrayList<>();
    for (Finding f : d.findings()) {
      causes.add(new ProbableCause(f.title(), f.category(), f.probability(), f.description(), f.evidence()));
    }
    if (causes.isEmpty()) {
      List<Unchecked> unchecked = unchecked(evidence, d.notes());
      List<EvidenceRef> refs = new ArrayList<>();
      unchecked.forEach(u -> refs.add(new EvidenceRef(u.source(), UNCHECKED, u.text())));
      causes.add(new ProbableCause("원인 불명(결정적 증거 없음)", RootCauseCategory.UNKNOWN, 0.2,
          "수집된 증거에서 결정적인 원인 신호(부하 생성기, 이미지 풀 실패, 의도하지 않은 레플리카 0, OOMKilled, 배포 후 에러, "
              + "의존 서비스 중단, 노드 압박)를 찾지 못했습니다. " + UNCHECKED + ": "
              + (unchecked.isEmpty() ? "없음" : String.join("; ", unchecked.stream().map(Unchecked::text).toList()))
              + ". 사람의 추가 확인이 필요합니다.", refs));
    } else {
      ProbableCause top = causes.getFirst();
      List<EvidenceRef> withAlarm = new ArrayList<>(top.evidence());
      // The alarmed subject's own climb through the threshold leads (what happened and when); without that series,
      // the alarm's value closes the list as the cause's effect.
      Optional<EvidenceRef> trend = alarmedTrend(facts, View.of(evidence));
      if (trend.isPresent()) {
        withAlarm.addFirst(trend.get());
      } else {
        alarmRef(facts).ifPresent(withAlarm::add);
      }
      causes.set(0, new ProbableCause(top.title(), top.category(), top.probability(), top.description(), withAlarm));
    }
    RootCauseCategory top = causes.getFirst().category();
    ChaosScenario scenario = Playbook.scenario(top);
    List<AnalysisResult.TimelineEntry> timeline = new ArrayList<>();
    timeline.add(new AnalysisResult.TimelineEntry(facts.alarmAt().truncatedTo(ChronoUnit.SECONDS).toString(),
        "알람 " + facts.alarm().alarmName() + " ALARM 상태 전환"));
    timeline.add(new AnalysisResult.TimelineEntry(now.truncatedTo(ChronoUnit.SECONDS).toString(),
        "규칙 기반 분석 완료: " + top.koreanLabel()));
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
        top == RootCauseCategory.UNKNOWN
            ? "규칙 기반 분석으로 결정적인 원인을 찾지 못했습니다. 조사하지 못한 부분을 사람이 확인해야 합니다."
            : "규칙 기반 분석 결과, 가장 가능성이 높은 원인은 '" + top.koreanLabel() + "'입니다 (" + causes.getFirst().title() + ").",
        facts.type().id(), List.copyOf(new LinkedHashSet<>(facts.affected())), List.copyOf(stack), causes, timeline,
        Playbook.immediate(top), Playbook.longTerm(top),
        new AnalysisResult.Remediation(scenario, scenario == ChaosScenario.NONE
            ? "자동 복구할 수 있는 장애(부하 생성기, 잘못된 이미지, 의도하지 않은 레플리카 0, OOMKilled)의 결정적 증거가 없습니다."
            : "클러스터 상태(" + causes.getFirst().title() + ")가 이 장애 유형의 특징과 일치합니다."),
        ANALYZER);
  }

  /** Stable ids of what the rules found, for "what changed" between occurrences. */
  public static List<String> signals(List<Finding> findings) {
    return findings.stream().map(Finding::signal).toList();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The findings, most probable first, one per category, and what the rules set aside (for the unknown answer). */
  private record Diagnosis(List<Finding> findings, List<Unchecked> notes) {}

  /** Something the analysis could not check or set aside, and the tool it concerns. */
  private record Unchecked(String source, String text) {}

  /** Every typed result of the evidence, read once. */
  private record View(List<Workload> workloads, List<K8sEventsResult.Event> events, List<K8sPodLogsResult> logs,
      List<K8sNodeStatusResult.Node> nodes, List<ChaosCleanupResult.Action> chaos, List<InsightRow> podRows,
      List<InsightRow> nodeRows, List<ErrorSummaryResult> errors) {

    static View of(Evidence e) {
      Map<String, Workload> workloads = new LinkedHashMap<>();
      e.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class).forEach(r -> r.workloads()
          .forEach(w -> workloads.putIfAbsent(w.kind() + "/" + w.namespace() + "/" + w.name(), w)));
      List<InsightRow> pods = new ArrayList<>();
      e.results(ToolNames.POD_METRICS, PodMetricsResult.class).forEach(r -> pods.addAll(r.pods()));
      e.results(ToolNames.CLUSTER_OVERVIEW, ClusterOverviewResult.class).forEach(r -> pods.addAll(r.topPodsByCpu()));
      List<InsightRow> nodes = new ArrayList<>();
      e.results(ToolNames.NODE_METRICS, NodeMetricsResult.class).forEach(r -> nodes.addAll(r.nodes()));
      return new View(List.copyOf(workloads.values()),
          e.results(ToolNames.K8S_GET_EVENTS, K8sEventsResult.class).stream().flatMap(r -> r.events().stream()).toList(),
          e.results(ToolNames.K8S_POD_LOGS, K8sPodLogsResult.class),
          e.results(ToolNames.K8S_NODE_STATUS, K8sNodeStatusResult.class).stream().flatMap(r -> r.nodes().stream()).toList(),
          e.results(ToolNames.K8S_FIND_CHAOS, K8sChaosScanResult.class).stream().flatMap(r -> r.matches().stream()).toList(),
          pods, nodes, e.results(ToolNames.ERROR_SUMMARY, ErrorSummaryResult.class));
    }

    /** The metric rows of a pod: Container Insights names a workload's pods by the pod or by the workload. */
    Optional<InsightRow.Summary> podMetric(String namespace, String pod, String workload, String metric) {
      return podRows.stream()
          .filter(r -> namespace.equals(r.dimensions().get("Namespace")))
          .filter(r -> pod.equals(r.dimensions().get("PodName")) || workload != null && workload.equals(r.dimensions().get("PodName")))
          .flatMap(r -> r.metric(metric).stream()).max(Comparator.comparingDouble(InsightRow.Summary::max));
    }

    Optional<InsightRow> nodeRow(String node) {
      return nodeRows.stream().filter(r -> node != null && node.equals(r.dimensions().get("NodeName"))).findFirst();
    }

    List<K8sEventsResult.Event> eventsOf(String namespace, Set<String> names) {
      return events.stream().filter(e -> namespace.equals(e.namespace()) && names.contains(e.name())).toList();
    }
  }

  private Diagnosis diagnose(IncidentFacts facts, Evidence evidence) {
    View v = View.of(evidence);
    List<Finding> found = new ArrayList<>();
    List<Unchecked> notes = new ArrayList<>();
    Set<String> explained = new LinkedHashSet<>();
    stress(v, found, explained);
    badImage(v, found, explained);
    scaledToZero(v, found, explained, notes);
    oom(v, found, explained);
    appErrorAfterDeploy(v, found, explained, notes);
    dependency(v, found, explained);
    nodeSaturation(v, found);
    return new Diagnosis(merge(found), notes);
  }

  /** A running container whose process is a load generator, and the metrics that show it consuming. */
  private void stress(View v, List<Finding> found, Set<String> explained) {
    for (Workload w : v.workloads()) {
      for (Pod p : w.pods()) {
        for (Container c : p.containers()) {
          if (c.loadGenerator() == null || !"running".equals(c.state())) {
            continue;
          }
          List<EvidenceRef> refs = new ArrayList<>();
          refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + w.namespace() + "/" + w.name(),
              "Pod " + code(p.name()) + "의 컨테이너 " + code(c.name()) + "(이미지 " + code(c.image()) + ")에서 부하 생성기 "
                  + code(String.join(" ", c.loadGenerator().process())) + stresses(c.loadGenerator())
                  + " 실행 중" + (p.node() == null ? "" : ", 노드 " + code(SignalNames.node(p.node())))));
          List<EvidenceRef> consumption = consumption(v, w.namespace(), p.name(), w.name(), p.node());
          // Without any metric the load generator is still named (at low probability, saying so); metrics that
          // show it idle clear it.
          if (!consumption.isEmpty() || v.podRows().isEmpty() && v.nodeRows().isEmpty()) {
            refs.addAll(consumption);
            explained.add(w.namespace() + "/" + w.name());
            found.add(stressFinding(w.namespace() + "/" + w.name(), consumption.isEmpty() ? 0.5 : 0.9, refs,
                consumption.isEmpty()));
          }
        }
      }
    }
    // A load generator on a node the alarm or the node scan points at, in a namespace nobody described.
    for (K8sNodeStatusResult.Node n : v.nodes()) {
      for (K8sNodeStatusResult.NodePod p : n.topPods()) {
        String owner = p.owner() == null ? p.name() : p.owner().substring(p.owner().indexOf('/') + 1);
        boolean described = v.workloads().stream().anyMatch(w -> explained.contains(w.namespace() + "/" + w.name())
            && w.pods().stream().anyMatch(wp -> wp.name().equals(p.name())));
        if (p.loadGenerator() == null || described || explained.contains(p.namespace() + "/" + owner)) {
          continue;
        }
        List<EvidenceRef> consumption = consumption(v, p.namespace(), p.name(), owner, n.name());
        if (consumption.isEmpty()) {
          continue;
        }
        List<EvidenceRef> refs = new ArrayList<>();
        refs.add(new EvidenceRef(ToolNames.K8S_NODE_STATUS, "노드 " + SignalNames.node(n.name()), "Pod " + code(p.namespace() + "/" + p.name())
            + (p.owner() == null ? "" : "(" + code(p.owner()) + ")") + "에서 부하 생성기 "
            + code(String.join(" ", p.loadGenerator().process())) + stresses(p.loadGenerator()) + " 실행 중"));
        refs.addAll(consumption);
        explained.add(p.namespace() + "/" + owner);
        found.add(stressFinding(p.namespace() + "/" + owner, 0.85, refs, false));
      }
    }
  }

  private static Finding stressFinding(String subject, double p, List<EvidenceRef> refs, boolean unmeasured) {
    return new Finding(RootCauseCategory.CPU_STRESS_WORKLOAD.id() + ":" + subject, RootCauseCategory.CPU_STRESS_WORKLOAD, p,
        "부하 생성기 워크로드 `" + subject + "`의 자원 점유",
        "`" + subject + "`의 컨테이너가 부하 생성기(stress 계열) 프로세스를 실행하고 있습니다"
            + (unmeasured ? ". 메트릭이 없어 실제 자원 점유는 확인하지 못했습니다." : ". 메트릭상 CPU나 메모리를 점유해 같은 노드의 Pod에 영향을 줍니다."),
        List.copyOf(refs));
  }

  /** The pod's own CPU/memory share, else its node's utilization, at the consuming level. */
  private static List<EvidenceRef> consumption(View v, String namespace, String pod, String workload, String node) {
    List<EvidenceRef> refs = new ArrayList<>();
    for (String metric : List.of(POD_CPU, POD_MEMORY)) {
      v.podMetric(namespace, pod, workload, metric).filter(s -> s.max() >= POD_CONSUMING).ifPresent(s -> refs.add(
          new EvidenceRef(ToolNames.POD_METRICS, "Pod " + pod + " " + metricLabel(metric), trend(metric, s))));
    }
    if (refs.isEmpty()) {
      v.nodeRow(node).ifPresent(row -> {
        for (String metric : List.of(NodeMetricsResult.CPU, NodeMetricsResult.MEMORY)) {
          row.metric(metric).filter(s -> s.max() >= 80).ifPresent(s -> refs.add(new EvidenceRef(ToolNames.NODE_METRICS,
              "노드 " + SignalNames.node(node) + " " + metricLabel(metric), "부하 생성기가 실행 중인 노드: " + trend(metric, s))));
        }
      });
    }
    return refs;
  }

  /** Image pull failures on the pods of the newest revision; the previous revision's image is the rollback target. */
  private void badImage(View v, List<Finding> found, Set<String> explained) {
    for (Workload w : v.workloads()) {
      Revision newest = w.revisions().isEmpty() ? null : w.revisions().getFirst();
      List<Pod> current = w.pods().stream().filter(p -> newest == null || newest.name().equals(p.revision())).toList();
      List<Pod> failing = current.stream().filter(p -> p.containers().stream()
          .anyMatch(c -> "waiting".equals(c.state()) && IMAGE_PULL_FAILURES.contains(c.reason()))).toList();
      if (failing.isEmpty()) {
        continue;
      }
      Container bad = failing.getFirst().containers().stream()
          .filter(c -> IMAGE_PULL_FAILURES.contains(c.reason())).findFirst().orElseThrow();
      Set<String> names = new LinkedHashSet<>(failing.stream().map(Pod::name).toList());
      List<K8sEventsResult.Event> events = v.eventsOf(w.namespace(), names);
      String since = events.stream().map(K8sEventsResult.Event::firstSeen).filter(Objects::nonNull).min(String::compareTo)
          .orElse(failing.stream().map(Pod::created).filter(Objects::nonNull).min(String::compareTo).orElse(null));
      List<EvidenceRef> refs = new ArrayList<>();
      Revision previous = w.revisions().size() > 1 ? w.revisions().get(1) : null;
      refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + w.namespace() + "/" + w.name(),
          (newest == null ? "" : "rev " + newest.revision() + "의 ") + "이미지 " + code(bad.image()) + ": Pod "
              + failing.size() + "/" + current.size() + "개가 " + code(bad.reason())
              + (since == null ? "" : " (" + time(since) + "부터)")));
      if (previous != null && newest != null) {
        refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, "롤아웃 이력", rolloutChange(v, w, previous, newest)
            + " (직전 리비전이 롤백 대상)"));
      }
      events.stream().filter(e -> "Warning".equals(e.type())).limit(2).forEach(e -> refs.add(eventRef(e)));
      explained.add(w.namespace() + "/" + w.name());
      found.add(new Finding(RootCauseCategory.BAD_IMAGE_ROLLOUT.id() + ":" + w.namespace() + "/" + w.name(),
          RootCauseCategory.BAD_IMAGE_ROLLOUT, newest == null ? 0.7 : 0.9, "`" + w.name() + "`의 잘못된 이미지 롤아웃",
          "최신 리비전의 Pod가 이미지 `" + bad.image() + "`의 풀에 실패해(`" + bad.reason() + "`) 기동하지 못합니다"
              + (previous == null ? "." : ". 직전 리비전 rev " + previous.revision() + "의 이미지로 롤백할 수 있습니다."),
          List.copyOf(refs)));
    }
  }

  /** Desired 0 where the history shows the workload served, and nothing says the zero is intended. */
  private void scaledToZero(View v, List<Finding> found, Set<String> explained, List<Unchecked> notes) {
    for (Workload w : v.workloads()) {
      if (w.replicas().desired() == null || w.replicas().desired() != 0 || w.kind().equals("Job")) {
        continue;
      }
      String id = w.namespace() + "/" + w.name();
      Optional<String> intent = intent(w);
      if (intent.isPresent()) {
        notes.add(new Unchecked(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + code(id) + "의 레플리카 0은 의도된 것으로 보여 원인에서 제외: "
            + code(intent.get())));
        continue;
      }
      List<EvidenceRef> served = new ArrayList<>();
      for (Revision r : w.revisions()) {
        if (r.desiredReplicas() != null && r.desiredReplicas() > 0) {
          served.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, "롤아웃 이력",
              "rev " + r.revision() + "의 desired-replicas " + r.desiredReplicas() + " (이전에 서비스하던 레플리카 수)"));
          break;
        }
        if (r.replicas() > 0 && r != w.revisions().getFirst()) {
          served.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, "롤아웃 이력",
              "rev " + r.revision() + "의 ReplicaSet 레플리카 " + r.replicas() + "개"));
          break;
        }
      }
      if (w.lastAppliedReplicas() != null && w.lastAppliedReplicas() > 0) {
        served.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, "last-applied-configuration",
            "마지막으로 적용된 매니페스트의 replicas " + w.lastAppliedReplicas()));
      }
      w.services().stream().filter(s -> s.readyAddresses() == 0).forEach(s -> served.add(new EvidenceRef(
          ToolNames.K8S_DESCRIBE_WORKLOAD, "Service " + s.name(), "Service `" + s.name() + "`의 준비된 엔드포인트 0개")));
      callers(v, w).forEach(served::add);
      if (served.isEmpty()) {
        notes.add(new Unchecked(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + code(id)
            + "의 레플리카가 0이지만 이전에 서비스했다는 이력(리비전, 매니페스트, Service, 호출자 오류)을 찾지 못함"));
        continue;
      }
      List<EvidenceRef> refs = new ArrayList<>();
      refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + id, "`spec.replicas` 0, 준비된 Pod "
          + w.replicas().ready() + "개" + (w.replicas().lastChange() == null ? "" : ", 마지막 변경 " + time(w.replicas().lastChange()))));
      // The scale-down itself (the rollout controller's event) comes before what it left behind.
      v.eventsOf(w.namespace(), Set.of(w.name())).stream().limit(2).forEach(e -> refs.add(eventRef(e)));
      refs.addAll(served);
      explained.add(id);
      found.add(new Finding(RootCauseCategory.SCALED_TO_ZERO.id() + ":" + id, RootCauseCategory.SCALED_TO_ZERO, 0.9,
          w.kind() + " `" + w.name() + "` 레플리카 0",
          Hangul.with(w.kind() + " `" + id + "`", Hangul.Particle.SUBJECT) + " 레플리카 0으로 축소되어 서비스할 Pod가 없습니다. 이전에는 서비스하고 있었고, 축소가 의도되었다는 "
              + "표시(annotation, HPA)는 없습니다.", List.copyOf(refs)));
    }
  }

  /** Why a zero is intended: the intent annotation, kube-downscaler, a paused KEDA object, or an HPA allowing zero. */
  private static Optional<String> intent(Workload w) {
    for (Map.Entry<String, String> a : w.annotations().entrySet()) {
      String key = a.getKey();
      if (key.equals(INTENTIONAL_SCALE_DOWN) && !"false".equalsIgnoreCase(a.getValue())
          || key.startsWith("downscaler/") || key.startsWith("autoscaling.keda.sh/paused")) {
        return Optional.of("annotation " + key + "=" + a.getValue());
      }
    }
    K8sWorkloadResult.Hpa hpa = w.hpa();
    if (hpa != null && (Integer.valueOf(0).equals(hpa.minReplicas()) || Integer.valueOf(0).equals(hpa.desiredReplicas()))) {
      return Optional.of("HPA " + hpa.name() + " (minReplicas " + hpa.minReplicas() + ", desired " + hpa.desiredReplicas() + ")");
    }
    return Optional.empty();
  }

  /** OOMKilled as the last termination, with the memory trend that makes it a leak. */
  private void oom(View v, List<Finding> found, Set<String> explained) {
    for (Workload w : v.workloads()) {
      for (Pod p : w.pods()) {
        Optional<Container> killed = p.containers().stream().filter(c -> c.lastTermination() != null
            && "OOMKilled".equals(c.lastTermination().reason())
            || "terminated".equals(c.state()) && "OOMKilled".equals(c.reason())).findFirst();
        if (killed.isEmpty()) {
          continue;
        }
        Container c = killed.get();
        String id = w.namespace() + "/" + w.name();
        List<EvidenceRef> refs = new ArrayList<>();
        K8sWorkloadResult.Termination t = c.lastTermination();
        Optional<InsightRow.Summary> memory = v.podMetric(w.namespace(), p.name(), w.name(), POD_MEMORY);
        boolean rising = memory.filter(s -> s.last() > s.first() * 1.2 || s.max() >= NODE_SATURATED).isPresent();
        // The memory climb before the kill is what makes it a leak, so it leads.
        memory.ifPresent(s -> refs.add(new EvidenceRef(ToolNames.POD_METRICS, "Pod " + p.name() + " 메모리",
            trend(POD_MEMORY, s) + (rising ? ", 상승 추세" : ""))));
        refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + id, "Pod " + code(p.name()) + "의 컨테이너 "
            + code(c.name()) + " 직전 종료 `OOMKilled`" + (t != null && t.exitCode() != null ? " (exit " + t.exitCode() + ")" : "")
            + (t != null && t.finishedAt() != null ? " " + time(t.finishedAt()) : "") + ", 재시작 " + c.restartCount() + "회"
            + (c.resources().memoryLimit() == null ? "" : ", 메모리 한도 " + quantity(c.resources().memoryLimit()))));
        lastLine(v, w.namespace(), p.name(), c.name(), true).ifPresent(l -> refs.add(
            new EvidenceRef(ToolNames.K8S_POD_LOGS, "이전 컨테이너 " + c.name() + " 로그", "종료 직전 로그: " + code(l))));
        explained.add(id);
        found.add(new Finding(RootCauseCategory.MEMORY_LEAK_OOM.id() + ":" + id, RootCauseCategory.MEMORY_LEAK_OOM,
            rising ? 0.85 : memory.isPresent() ? 0.5 : 0.65, "`" + w.name() + "` 메모리 부족(OOMKilled)",
            "컨테이너가 메모리 한도를 넘어 종료(OOMKilled)되고 재시작하고 있습니다"
                + (rising ? "; 메모리 사용률이 계속 올라 누수를 의심합니다." : memory.isPresent()
                    ? "; 메모리 추세는 평탄해 누수보다 한도 부족일 수 있습니다." : "; 메모리 추세는 확인하지 못했습니다."),
            List.copyOf(refs)));
        break;
      }
    }
  }

  /** An error burst that starts after the erroring workload's newest revision was created. */
  private void appErrorAfterDeploy(View v, List<Finding> found, Set<String> explained, List<Unchecked> notes) {
    for (ErrorSummaryResult summary : v.errors()) {
      if (summary.total() < ERROR_BURST_MIN || summary.groups().isEmpty()) {
        continue;
      }
      ErrorSummaryResult.Group group = summary.groups().getFirst();
      Optional<Workload> owner = owner(v, group);
      if (owner.isEmpty()) {
        notes.add(new Unchecked(ToolNames.ERROR_SUMMARY, "에러가 `" + group.key() + "`에 집중(" + Units.count(group.count())
            + ")되었지만 해당 워크로드의 배포 이력을 확인하지 못함"));
        continue;
      }
      Workload w = owner.get();
      String id = w.namespace() + "/" + w.name();
      Instant burst = summary.risingSince() != null ? summary.risingSince() : group.topMessages().stream()
          .map(ErrorSummaryResult.Message::exampleTime).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
      Revision newest = w.revisions().isEmpty() ? null : w.revisions().getFirst();
      Instant deployed = newest == null ? null : rolledOut(v, w, newest);
      if (explained.contains(id) || w.revisions().size() < 2 || burst == null || deployed == null
          || deployed.isAfter(burst) || Duration.between(deployed, burst).compareTo(DEPLOY_TO_BURST) > 0) {
        if (!explained.contains(id)) {
          notes.add(new Unchecked(ToolNames.ERROR_SUMMARY, "`" + id + "`의 에러 급증(" + Units.count(group.count())
              + ")이 새 리비전 배포 뒤에 시작되었다는 근거 없음"));
        }
        continue;
      }
      Revision previous = w.revisions().get(1);
      List<EvidenceRef> refs = new ArrayList<>();
      refs.add(new EvidenceRef(ToolNames.ERROR_SUMMARY, group.key() + " 에러", Units.count(group.count()) + ", "
          + time(burst) + "부터 급증" + (group.topMessages().isEmpty() ? "" : ". " + ErrorLine.of(group.topMessages().getFirst().message()).korean())));
      refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + id, rolloutChange(v, w, previous, newest)));
      w.pods().stream().findFirst().flatMap(p -> lastLine(v, w.namespace(), p.name(), null, false))
          .ifPresent(l -> refs.add(new EvidenceRef(ToolNames.K8S_POD_LOGS, "현재 로그", code(l))));
      explained.add(id);
      found.add(new Finding(RootCauseCategory.APP_ERROR_AFTER_DEPLOY.id() + ":" + id, RootCauseCategory.APP_ERROR_AFTER_DEPLOY,
          0.75, "`" + w.name() + "` 배포(rev " + newest.revision() + ") 후 애플리케이션 에러 급증",
          Hangul.with("새 리비전 rev " + newest.revision(), Hangul.Particle.SUBJECT) + " " + time(deployed) + "에 배포된 뒤 "
              + time(burst) + "부터 `" + w.name() + "`의 에러가 급증했습니다. 직전 리비전으로 롤백을 검토하세요.", List.copyOf(refs)));
    }
  }

  /**
   * When a revision went out: the earliest of its ReplicaSet's creation, the first event on that ReplicaSet, and the
   * Deployment's first scaling event about it (a ReplicaSet re-created from a manifest keeps only the events' time).
   */
  private static Instant rolledOut(View v, Workload w, Revision r) {
    return Stream.concat(Stream.of(instant(r.created())), v.events().stream()
            .filter(e -> w.namespace().equals(e.namespace()))
            .filter(e -> "ReplicaSet".equals(e.kind()) && r.name().equals(e.name())
                || w.kind().equals(e.kind()) && w.name().equals(e.name()) && "ScalingReplicaSet".equals(e.reason())
                    && e.message() != null && e.message().contains(r.name()))
            .map(e -> instant(e.firstSeen())))
        .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }

  /** The workload that logged an error group: by the pod its messages came from, else by its name or Service. */
  private static Optional<Workload> owner(View v, ErrorSummaryResult.Group group) {
    Set<String> pods = new LinkedHashSet<>();
    group.topMessages().forEach(m -> {
      if (m.examplePod() != null) {
        pods.add(m.examplePod());
      }
    });
    return v.workloads().stream().filter(w -> w.pods().stream().anyMatch(p -> pods.contains(p.name()))).findFirst()
        .or(() -> v.workloads().stream().filter(w -> w.name().equals(group.key())
            || w.services().stream().anyMatch(s -> s.name().equals(group.key()))).findFirst());
  }

  /** Callers' connection errors while the callee's pods are down or not ready (and nothing else explains it). */
  private void dependency(View v, List<Finding> found, Set<String> explained) {
    for (Workload w : v.workloads()) {
      String id = w.namespace() + "/" + w.name();
      int desired = w.replicas().desired() == null ? w.pods().size() : w.replicas().desired();
      boolean down = desired > 0 && w.replicas().ready() < desired && w.pods().stream().noneMatch(Pod::ready);
      if (!down) {
        continue;
      }
      List<EvidenceRef> callers = callers(v, w);
      if (callers.isEmpty()) {
        continue;
      }
      if (explained.contains(id)) {
        // The callee's own fault is the cause; its callers' errors are that cause's effect.
        attach(found, id, callers);
        continue;
      }
      List<EvidenceRef> refs = new ArrayList<>();
      refs.add(new EvidenceRef(ToolNames.K8S_DESCRIBE_WORKLOAD, w.kind() + " " + id, "준비된 Pod " + w.replicas().ready() + "/"
          + desired + "개: " + String.join(", ", w.pods().stream().limit(3).map(RuleBasedAnalyzer::podState).toList())));
      refs.addAll(callers);
      explained.add(id);
      found.add(new Finding(RootCauseCategory.DEPENDENCY_FAILURE.id() + ":" + id, RootCauseCategory.DEPENDENCY_FAILURE, 0.7,
          "의존 서비스 `" + w.name() + "` 중단", "`" + id + "`의 Pod가 준비되지 않은 동안 이를 호출하는 서비스에서 연결/타임아웃 오류가 "
              + "발생했습니다.", List.copyOf(refs)));
    }
  }

  /** Error groups of other services whose messages name the workload (or its Service) or say a connection failed. */
  private static List<EvidenceRef> callers(View v, Workload callee) {
    Set<String> names = new LinkedHashSet<>();
    names.add(callee.name().toLowerCase(Locale.ROOT));
    callee.services().forEach(s -> names.add(s.name().toLowerCase(Locale.ROOT)));
    List<EvidenceRef> refs = new ArrayList<>();
    for (ErrorSummaryResult summary : v.errors()) {
      for (ErrorSummaryResult.Group g : summary.groups()) {
        if (names.contains(g.key().toLowerCase(Locale.ROOT))) {
          continue;
        }
        g.topMessages().stream().filter(m -> {
          String text = m.message().toLowerCase(Locale.ROOT);
          return names.stream().anyMatch(text::contains) || CONNECTION_ERRORS.stream().anyMatch(text::contains);
        }).findFirst().ifPresent(m -> refs.add(new EvidenceRef(ToolNames.ERROR_SUMMARY, "호출자 " + g.key(),
            "호출자 `" + g.key() + "`의 에러 " + Units.count(m.count()) + " (영향): " + code(Truncate.words(m.message())))));
      }
    }
    return refs.stream().limit(2).toList();
  }

  /** Node pressure or utilization, with the node's top consumers named; a load generator there is the cause. */
  private void nodeSaturation(View v, List<Finding> found) {
    Map<String, List<EvidenceRef>> byNode = new LinkedHashMap<>();
    Map<String, Double> weight = new LinkedHashMap<>();
    for (K8sNodeStatusResult.Node n : v.nodes()) {
      List<String> pressure = n.conditions().stream().filter(c -> PRESSURE.contains(c.type()) && "True".equals(c.status()))
          .map(K8sWorkloadResult.Condition::type).toList();
      if (pressure.isEmpty() && n.ready()) {
        continue;
      }
      byNode.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(new EvidenceRef(ToolNames.K8S_NODE_STATUS,
          "노드 " + SignalNames.node(n.name()), String.join(", ", Stream.concat(n.ready() ? Stream.<String>empty() : Stream.of("NotReady"),
              pressure.stream()).map(RuleBasedAnalyzer::code).toList()) + " (요청 CPU " + Units.percent(n.cpuMillicores().requestedPercent())
              + ", 요청 메모리 " + Units.percent(n.memoryBytes().requestedPercent()) + ")"));
      weight.put(n.name(), 0.7);
    }
    for (InsightRow row : v.nodeRows()) {
      String node = row.dimensions().getOrDefault("NodeName", row.name());
      for (String metric : List.of(NodeMetricsResult.CPU, NodeMetricsResult.MEMORY)) {
        row.metric(metric).filter(s -> s.max() >= NODE_SATURATED).ifPresent(s -> {
          byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(new EvidenceRef(ToolNames.NODE_METRICS,
              "노드 " + SignalNames.node(node) + " " + metricLabel(metric), trend(metric, s)));
          weight.merge(node, 0.6, Math::max);
        });
      }
    }
    for (Map.Entry<String, List<EvidenceRef>> e : byNode.entrySet()) {
      String node = e.getKey();
      Optional<K8sNodeStatusResult.Node> status = v.nodes().stream().filter(n -> n.name().equals(node)).findFirst();
      List<K8sNodeStatusResult.NodePod> top = status.map(K8sNodeStatusResult.Node::topPods).orElse(List.of());
      Optional<Finding> stressHere = found.stream().filter(f -> f.category() == RootCauseCategory.CPU_STRESS_WORKLOAD)
          .filter(f -> f.evidence().stream().anyMatch(r -> r.observation().contains(code(SignalNames.node(node))))).findFirst();
      if (stressHere.isPresent() || top.stream().anyMatch(p -> p.loadGenerator() != null)) {
        // The saturation is the load generator's effect, not a cause of its own.
        stressHere.ifPresent(f -> attach(found, f.signal().substring(f.signal().indexOf(':') + 1), e.getValue()));
        continue;
      }
      List<EvidenceRef> refs = new ArrayList<>(e.getValue());
      if (!top.isEmpty()) {
        refs.add(new EvidenceRef(ToolNames.K8S_NODE_STATUS, "노드 " + SignalNames.node(node) + " 상위 Pod", String.join(", ", top.stream().limit(3)
            .map(p -> code(p.namespace() + "/" + p.name()) + " (요청 CPU " + p.cpuRequestMillicores() + "m, 요청 메모리 "
                + Units.bytes(p.memoryRequestBytes()) + ")").toList())));
      }
      found.add(new Finding(RootCauseCategory.NODE_SATURATION.id() + ":" + node, RootCauseCategory.NODE_SATURATION,
          weight.get(node), "노드 `" + node + "` 자원 포화",
          "노드 `" + node + "`에 자원 압박 또는 높은 사용률이 있어 그 위의 Pod 전체가 영향을 받았습니다"
              + (top.isEmpty() ? "." : ". 상위 소비자: " + String.join(", ", top.stream().limit(3).map(K8sNodeStatusResult.NodePod::name).toList()) + "."),
          List.copyOf(refs)));
    }
  }

  /** Adds effect evidence to the finding about {@code subject} (namespace/name). */
  private static void attach(List<Finding> found, String subject, List<EvidenceRef> refs) {
    for (int i = 0; i < found.size(); i++) {
      Finding f = found.get(i);
      if (f.signal().endsWith(":" + subject)) {
        List<EvidenceRef> all = new ArrayList<>(f.evidence());
        refs.stream().filter(r -> !all.contains(r)).forEach(all::add);
        found.set(i, new Finding(f.signal(), f.category(), f.probability(), f.title(), f.description(), List.copyOf(all)));
        return;
      }
    }
  }

  /** One finding per category: the most probable, the others' evidence appended; most probable first. */
  private static List<Finding> merge(List<Finding> found) {
    Map<RootCauseCategory, Finding> best = new LinkedHashMap<>();
    for (Finding f : found) {
      best.merge(f.category(), f, (a, b) -> {
        Finding keep = a.probability() >= b.probability() ? a : b;
        Finding other = keep == a ? b : a;
        List<EvidenceRef> refs = new ArrayList<>(keep.evidence());
        refs.addAll(other.evidence());
        return new Finding(keep.signal(), keep.category(), keep.probability(), keep.title(), keep.description(), List.copyOf(refs));
      });
    }
    return best.values().stream().sorted(Comparator.comparingDouble(Finding::probability).reversed()).toList();
  }

  /** What could not be checked: failed or missing tools, empty answers, and what the rules set aside. */
  private static List<Unchecked> unchecked(Evidence evidence, List<Unchecked> notes) {
    List<Unchecked> out = new ArrayList<>();
    for (Evidence.Gap g : evidence.gaps()) {
      out.add(new Unchecked(g.tool(), "`" + g.tool() + "` 수집 실패: " + code(Truncate.words(g.reason()))));
    }
    Set<String> answered = new LinkedHashSet<>();
    evidence.items().forEach(i -> answered.add(i.tool()));
    Set<String> failed = new LinkedHashSet<>();
    evidence.gaps().forEach(g -> failed.add(g.tool()));
    for (String tool : List.of(ToolNames.K8S_DESCRIBE_WORKLOAD, ToolNames.K8S_GET_EVENTS, ToolNames.K8S_NODE_STATUS)) {
      if (!answered.contains(tool) && !failed.contains(tool)) {
        out.add(new Unchecked(tool, "`" + tool + "` 호출 없음: 해당 Kubernetes 상태를 확인하지 못함"));
      }
    }
    evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class).stream()
        .map(K8sWorkloadResult::noDataReason).filter(Objects::nonNull)
        .forEach(r -> out.add(new Unchecked(ToolNames.K8S_DESCRIBE_WORKLOAD, "워크로드를 찾지 못함: " + code(r))));
    out.addAll(notes);
    return out;
  }

  private static Optional<EvidenceRef> alarmRef(IncidentFacts facts) {
    String metric = facts.alarm().metricName();
    if (metric == null || facts.alarm().observedValue() == null) {
      return Optional.empty();
    }
    return Optional.of(new EvidenceRef("cloudwatch-alarm", metric, "알람 관측값 "
        + Units.metric(metric, facts.alarm().observedValue())
        + (facts.alarm().threshold() == null ? "" : ", 임계값 " + Units.metric(metric, facts.alarm().threshold())) + " (원인의 결과)"));
  }

  /**
   * The alarmed metric of the alarmed subject (the Container Insights row whose dimensions the alarm's match) as a
   * trend through the threshold: "ui CPU 38% → 97.5% (임계값 80%를 15:14 KST(06:14 UTC)에 넘음)".
   */
  private static Optional<EvidenceRef> alarmedTrend(IncidentFacts facts, View v) {
    String metric = facts.alarm().metricName();
    Map<String, String> dims = facts.alarm().dimensions();
    if (metric == null || dims == null || dims.isEmpty()) {
      return Optional.empty();
    }
    boolean node = metric.startsWith("node_");
    return (node ? v.nodeRows() : v.podRows()).stream()
        .filter(r -> dims.entrySet().stream().filter(d -> !d.getKey().equals("ClusterName"))
            .allMatch(d -> d.getValue().equals(r.dimensions().get(d.getKey()))))
        .flatMap(r -> r.metric(metric).map(s -> Map.entry(r, s)).stream())
        // Only a series that shows the crossing proves when the fault began; a calm one says nothing here.
        .filter(e -> e.getValue().crossedAt() != null || Boolean.TRUE.equals(e.getValue().aboveAtStart()))
        .findFirst()
        .map(e -> {
          InsightRow.Summary s = e.getValue();
          String subject = node ? SignalNames.node(e.getKey().dimensions().getOrDefault("NodeName", e.getKey().name()))
              : e.getKey().dimensions().getOrDefault("PodName", e.getKey().name());
          Double threshold = s.threshold() != null ? s.threshold() : facts.alarm().threshold();
          String crossing = threshold == null ? "" : s.crossedAt() != null
              ? " (임계값 " + Hangul.with(Units.metric(metric, threshold), Hangul.Particle.OBJECT) + " " + time(s.crossedAt()) + "에 넘음)"
              : Boolean.TRUE.equals(s.aboveAtStart()) ? " (구간 시작부터 임계값 " + Units.metric(metric, threshold) + " 초과)" : "";
          return new EvidenceRef(node ? ToolNames.NODE_METRICS : ToolNames.POD_METRICS, "알람 대상 " + subject + " "
              + metricLabel(metric), subject + " " + metricLabel(metric) + " " + Units.metric(metric, s.first()) + " → "
              + Units.metric(metric, s.last()) + (s.max() > s.last() ? " (최대 " + Units.metric(metric, s.max()) + ")" : "") + crossing);
        });
  }

  /** A Container Insights metric name as the person reads it: CPU, 메모리, 네트워크... */
  static String metricLabel(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    return m.contains("cpu") ? "CPU" : m.contains("memory") ? "메모리" : m.contains("network") ? "네트워크"
        : m.contains("filesystem") || m.contains("disk") ? "디스크" : metric;
  }

  /**
   * A series summary with its unit: a flat line as its level ("약 98.7%로 일정"), a shape as first → last with the
   * peak and its time.
   */
  static String trend(String metric, InsightRow.Summary s) {
    if (s.max() - s.min() < Math.max(5, s.max() * 0.1)) {
      String level = Units.metric(metric, s.avg());
      String peak = Units.metric(metric, s.max());
      return "약 " + level + "로 일정" + (peak.equals(level) ? "" : " (최대 " + peak + ")");
    }
    return Units.metric(metric, s.first()) + " → " + Units.metric(metric, s.last()) + (s.max() <= s.last() ? ""
        : " (최대 " + Units.metric(metric, s.max()) + (s.maxAt() == null ? "" : ", " + time(s.maxAt())) + ")");
  }

  /** The rollout change: revisions, images before → after, and when the new one went out. */
  private static String rolloutChange(View v, Workload w, Revision previous, Revision newest) {
    Instant at = rolledOut(v, w, newest);
    List<String> before = List.copyOf(previous.images().values());
    List<String> after = List.copyOf(newest.images().values());
    return "rev " + previous.revision() + " → rev " + newest.revision() + (at == null ? "" : " (" + time(at) + " 배포)")
        + ", 이미지 " + (before.equals(after) ? images(newest) + " (변경 없음)" : images(previous) + " → " + images(newest));
  }

  /** A Kubernetes quantity as a unit a person reads: {@code 512Mi} → 512 MiB. */
  static String quantity(String q) {
    if (q == null) {
      return "-";
    }
    if (q.matches("\\d+(\\.\\d+)?(Mi|Gi|Ki)")) {
      return q.substring(0, q.length() - 2) + " " + q.substring(q.length() - 2) + "B";
    }
    return q;
  }

  /** What the stressor consumes, from its parsed options: " (CPU 부하)". */
  private static String stresses(K8sWorkloadResult.LoadGenerator g) {
    return g.resources() == null || g.resources().isEmpty() ? ""
        : " (" + String.join(", ", g.resources().stream().map(r -> r.equalsIgnoreCase("cpu") ? "CPU" : r.equalsIgnoreCase("memory")
            ? "메모리" : r).toList()) + " 부하)";
  }

  /**
   * An error message as evidence: the exception and its first stack frame kept whole (the part that proves where
   * it breaks), the rest shortened; everything the log said stays in code spans.
   */
  record ErrorLine(String message, String exception, String frame) {
    private static final java.util.regex.Pattern EXCEPTION =
        java.util.regex.Pattern.compile("\\b((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error))\\b");
    private static final java.util.regex.Pattern FRAME =
        java.util.regex.Pattern.compile("\\bat\\s+((?:[\\w$]+\\.)*[\\w$<>]+\\([\\w$.]+:\\d+\\))");

    static ErrorLine of(String message) {
      String m = message == null ? "" : message.replace('\n', ' ').strip();
      java.util.regex.Matcher e = EXCEPTION.matcher(m);
      java.util.regex.Matcher f = FRAME.matcher(m);
      String frame = f.find() ? f.group(1) : null;
      String rest = frame == null ? m : (m.substring(0, f.start()) + m.substring(f.end())).strip();
      return new ErrorLine(rest, e.find() ? e.group(1) : null, frame);
    }

    String korean() {
      StringBuilder b = new StringBuilder();
      if (exception != null) {
        b.append("예외 ").append(code(exception.substring(exception.lastIndexOf('.') + 1)));
        b.append(frame == null ? "" : ", 첫 스택 프레임 " + code(shortFrame(frame))).append(". ");
      }
      return b.append("메시지: ").append(code(Truncate.words(message))).toString();
    }

    /** {@code com.acme.checkout.DiscountEngine.apply(DiscountEngine.java:57)} → {@code DiscountEngine.apply(DiscountEngine.java:57)}. */
    private static String shortFrame(String frame) {
      int paren = frame.indexOf('(');
      String method = frame.substring(0, paren);
      int methodDot = method.lastIndexOf('.');
      int classDot = methodDot <= 0 ? -1 : method.lastIndexOf('.', methodDot - 1);
      return frame.substring(classDot + 1);
    }
  }

  private static Optional<String> lastLine(View v, String namespace, String pod, String container, boolean previous) {
    return v.logs().stream().filter(l -> namespace.equals(l.namespace()) && pod.equals(l.pod()))
        .flatMap(l -> l.containers().stream())
        .filter(c -> container == null || container.equals(c.container()))
        .map(c -> previous ? c.previous() : c.current()).filter(lines -> !lines.isEmpty())
        .map(lines -> Truncate.words(lines.getLast())).findFirst();
  }

  private static EvidenceRef eventRef(K8sEventsResult.Event e) {
    boolean once = e.lastSeen() == null || e.lastSeen().equals(e.firstSeen());
    return new EvidenceRef(ToolNames.K8S_GET_EVENTS, e.type() + " " + e.reason() + " " + e.kind() + "/" + e.name(),
        code(Truncate.words(e.message())) + " (" + e.count() + "회, " + time(e.firstSeen())
            + (once ? "" : " ~ " + time(e.lastSeen())) + ")");
  }

  private static String podState(Pod p) {
    String reasons = String.join("/", p.containers().stream().map(c -> c.reason() == null ? c.state() : c.reason()).toList());
    return p.name() + " " + p.phase() + (reasons.isEmpty() ? "" : " " + reasons);
  }

  private static String images(Revision r) {
    return String.join(", ", r.images().values().stream().map(RuleBasedAnalyzer::code).toList());
  }

  /**
   * A value from the cluster or a log as a code span in the evidence text (the renderer turns spans into
   * Markdown code); a backtick inside becomes a quote so the span cannot end early.
   */
  static String code(String s) {
    return "`" + (s == null ? "-" : s.replace('`', '\'').replace('\n', ' ').strip()) + "`";
  }

  /** A time a person reads: KST with UTC in parentheses. */
  static String time(Instant at) {
    return Units.time(at);
  }

  static String time(String iso) {
    return Units.time(iso);
  }

  private static Instant instant(String iso) {
    return Units.instant(iso);
  }
}
