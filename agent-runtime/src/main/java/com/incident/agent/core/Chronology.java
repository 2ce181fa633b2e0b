package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AnomalyDetectionResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import com.incident.store.ChronologyEntry;
import com.incident.store.ChronologyEntry.Stage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incident's one chronology: what happened, in order, from the first abnormal signal the evidence shows to the
 * close. Pure functions: entries from the alarm, the typed tool results and the runtime's own steps; and the order a
 * person reads them in (deduplicated, never an event before its cause).
 */
public final class Chronology {
  /** At most this many evidence signals before the threshold crossing: the story, not every blip. */
  static final int MAX_SIGNALS = 3;

  // "... datapoints [97.5 (21/11/26 03:14:00), 95.0 (21/11/26 03:13:00)] were greater than ...": newest first.
  private static final Pattern DATAPOINT = Pattern.compile(
      "(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*\\((\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2})\\)");
  private static final DateTimeFormatter DATAPOINT_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss");

  /**
   * Which earlier stages an event can never precede: its time is shown no earlier than theirs (clocks of different
   * functions disagree by seconds; the order a person reads must still be cause, then effect).
   */
  private static final Map<Stage, List<Stage>> CAUSES = new EnumMap<>(Map.of(
      Stage.RELATED_ALARM, List.of(Stage.ALARM),
      Stage.ISSUE, List.of(Stage.ALARM),
      Stage.ANALYSIS, List.of(Stage.ISSUE),
      Stage.APPROVAL, List.of(Stage.ANALYSIS),
      Stage.REMEDIATION, List.of(Stage.ANALYSIS, Stage.APPROVAL),
      Stage.VERIFICATION, List.of(Stage.REMEDIATION),
      Stage.RECURRENCE, List.of(Stage.ALARM),
      Stage.OK, List.of(Stage.ALARM),
      Stage.CLOSE, List.of(Stage.ISSUE)));

  private Chronology() {}

  // --- Detection: from the alarm and the evidence ---

  /** The alarm's own entries: the threshold crossing its datapoints show, and the state change. */
  public static List<ChronologyEntry> alarm(IncidentFacts facts, MetricValues.Unit unit) {
    List<ChronologyEntry> out = new ArrayList<>();
    AlarmDetails a = facts.alarm();
    thresholdCrossed(a, facts.windowStart(), facts.alarmAt()).ifPresent(t -> out.add(threshold(a, t, unit)));
    out.add(new ChronologyEntry("alarm", facts.alarmAt(), Stage.ALARM, "알람 " + a.alarmName() + " ALARM 전환"
        + (a.observedValue() == null ? "" : " (관측값 " + unit.format(a.observedValue()) + ")")));
    return out;
  }

  /** A datapoint of the alarm's reason: the value CloudWatch evaluated and the start of its period (UTC). */
  record Datapoint(double value, Instant at) {}

  /**
   * The first breaching datapoint of the run the alarm's reason lists (the reason lists the newest first), or empty
   * when the reason carries none (composite alarms, hand-written test alarms).
   */
  static Optional<Datapoint> thresholdCrossed(AlarmDetails a, Instant from, Instant until) {
    if (a.reason() == null || a.threshold() == null) {
      return Optional.empty();
    }
    List<Datapoint> points = new ArrayList<>();
    Matcher m = DATAPOINT.matcher(a.reason());
    while (m.find()) {
      try {
        Datapoint p = new Datapoint(Double.parseDouble(m.group(1)),
            LocalDateTime.parse(m.group(2), DATAPOINT_TIME).toInstant(ZoneOffset.UTC));
        // A datapoint outside the evidence window cannot be the one that raised this alarm (a replayed reason).
        if (!p.at().isBefore(from) && !p.at().isAfter(until)) {
          points.add(p);
        }
      } catch (DateTimeParseException | NumberFormatException e) {
        // Not a datapoint after all; the others still count.
      }
    }
    points.sort(Comparator.comparing(Datapoint::at));
    Datapoint first = null;
    // The crossing that led to the alarm: the oldest of the breaching run that ends at the newest datapoint.
    for (int i = points.size() - 1; i >= 0 && breaches(a, points.get(i).value()); i--) {
      first = points.get(i);
    }
    return Optional.ofNullable(first);
  }

  private static ChronologyEntry threshold(AlarmDetails a, Datapoint t, MetricValues.Unit unit) {
    return new ChronologyEntry("threshold", t.at(), Stage.THRESHOLD,
        a.metricName() + " 임계값 " + unit.format(a.threshold()) + " 넘음 (" + unit.format(t.value()) + ")");
  }

  private static boolean breaches(AlarmDetails a, double v) {
    String op = a.comparisonOperator() == null ? "" : a.comparisonOperator();
    return switch (op) {
      case "GreaterThanOrEqualToThreshold" -> v >= a.threshold();
      case "LessThanThreshold" -> v < a.threshold();
      case "LessThanOrEqualToThreshold" -> v <= a.threshold();
      case "GreaterThanThreshold" -> v > a.threshold();
      // Anomaly-band and unknown operators: the datapoints the reason lists are the ones that breached.
      default -> true;
    };
  }

  /**
   * The abnormal signals the typed tool results show between the window's start and the alarm, earliest first (at
   * most {@link #MAX_SIGNALS}, one per kind): the alarmed metric's own climb, errors rising, a rollout, a load
   * generator starting, a container restart, a Warning event. The earliest is the "first abnormal signal".
   */
  public static List<ChronologyEntry> signals(IncidentFacts facts, Evidence evidence) {
    Map<String, ChronologyEntry> earliest = new LinkedHashMap<>();
    Instant from = facts.windowStart();
    Instant until = facts.alarmAt();
    java.util.function.BiConsumer<String, ChronologyEntry> offer = (kind, e) -> {
      if (e.at().isBefore(from) || e.at().isAfter(until)) {
        return;
      }
      earliest.merge(kind, e, (a, b) -> b.at().isBefore(a.at()) ? b : a);
    };
    String metric = facts.alarm().metricName();
    // The alarmed subject's rows carry the alarm's own dimensions (PodName, NodeName).
    for (PodMetricsResult r : evidence.results(ToolNames.POD_METRICS, PodMetricsResult.class)) {
      r.pods().stream().filter(p -> facts.pod() != null && facts.pod().equals(p.dimensions().get("PodName")))
          .forEach(p -> metricClimb(p, metric, "파드 ").ifPresent(e -> offer.accept("metric", e)));
    }
    for (K8sWorkloadResult r : evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class)) {
      for (K8sWorkloadResult.Workload w : r.workloads()) {
        for (K8sWorkloadResult.Pod p : w.pods()) {
          // A load generator is abnormal from its first minute: when its container started (else its pod did).
          p.containers().stream().filter(c -> c.loadGenerator() != null).findFirst().ifPresent(c -> {
            Instant started = instant(c.startedAt() != null ? c.startedAt() : p.created());
            if (started != null) {
              offer.accept("load", new ChronologyEntry("signal:load", started, Stage.FIRST_SIGNAL,
                  "부하 생성 컨테이너 " + w.namespace() + "/" + p.name() + " 시작"));
            }
          });
        }
      }
    }
    for (NodeMetricsResult r : evidence.results(ToolNames.NODE_METRICS, NodeMetricsResult.class)) {
      r.nodes().stream().filter(n -> facts.node() != null && facts.node().equals(n.dimensions().get("NodeName")))
          .forEach(n -> metricClimb(n, metric == null || !metric.startsWith("node_") ? NodeMetricsResult.CPU : metric,
              "노드 ").ifPresent(e -> offer.accept("node", e)));
    }
    for (ErrorSummaryResult r : evidence.results(ToolNames.ERROR_SUMMARY, ErrorSummaryResult.class)) {
      if (r.risingSince() != null) {
        String top = r.groups().isEmpty() ? "" : " (" + r.groups().getFirst().key() + " " + r.groups().getFirst().count()
            + "건)";
        offer.accept("errors", new ChronologyEntry("signal:errors", r.risingSince(), Stage.FIRST_SIGNAL,
            "에러 로그 증가 시작" + top));
      }
    }
    for (AnomalyDetectionResult r : evidence.results(ToolNames.ANOMALY_DETECTION, AnomalyDetectionResult.class)) {
      r.anomalies().stream().findFirst().ifPresent(run -> offer.accept("errors", new ChronologyEntry("signal:errors",
          run.start(), Stage.FIRST_SIGNAL, "로그 이상 구간 시작 (" + r.series() + " 최대 " + MetricValues.number(run.peakValue())
              + ")")));
    }
    for (K8sWorkloadResult r : evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class)) {
      for (K8sWorkloadResult.Workload w : r.workloads()) {
        rollout(w).ifPresent(e -> offer.accept("rollout", e));
        for (K8sWorkloadResult.Pod p : w.pods()) {
          for (K8sWorkloadResult.Container c : p.containers()) {
            Instant ended = c.lastTermination() == null ? null : instant(c.lastTermination().finishedAt());
            if (ended != null) {
              offer.accept("restart", new ChronologyEntry("signal:restart", ended, Stage.FIRST_SIGNAL,
                  "컨테이너 " + p.name() + "/" + c.name() + " 종료"
                      + (c.lastTermination().reason() == null ? "" : " (" + c.lastTermination().reason() + ")")
                      + ", 재시작 " + c.restartCount() + "회"));
            }
          }
        }
      }
    }
    for (K8sEventsResult r : evidence.results(ToolNames.K8S_GET_EVENTS, K8sEventsResult.class)) {
      for (K8sEventsResult.Event e : r.events()) {
        Instant first = instant(e.firstSeen());
        if (first != null && "Warning".equals(e.type())) {
          offer.accept("event", new ChronologyEntry("signal:event", first, Stage.FIRST_SIGNAL,
              "Kubernetes 경고 이벤트 " + e.reason() + " (" + e.kind() + " " + e.namespace() + "/" + e.name() + ", "
                  + e.count() + "회)"));
        }
      }
    }
    List<ChronologyEntry> ordered = earliest.values().stream()
        .sorted(Comparator.comparing(ChronologyEntry::at)).limit(MAX_SIGNALS).toList();
    List<ChronologyEntry> out = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      ChronologyEntry e = ordered.get(i);
      out.add(i == 0 ? new ChronologyEntry("first-signal", e.at(), e.stage(), "최초 이상 신호: " + e.text()) : e);
    }
    // When the alarm's reason did not place the crossing (composite alarm, replayed reason), the alarmed subject's own
    // series, summarised against the alarm's threshold, does. Same key: a crossing from the reason, kept first, wins.
    MetricValues.Unit unit = MetricValues.of(facts.alarm(), evidence);
    evidence.results(ToolNames.POD_METRICS, PodMetricsResult.class).stream().flatMap(r -> r.pods().stream())
        .filter(p -> facts.pod() != null && facts.pod().equals(p.dimensions().get("PodName")))
        .flatMap(p -> p.metric(metric).stream())
        .filter(s -> s.crossedAt() != null && s.threshold() != null && s.threshold().equals(facts.alarm().threshold())
            && !s.crossedAt().isBefore(from) && !s.crossedAt().isAfter(until))
        .findFirst().ifPresent(s -> out.add(new ChronologyEntry("threshold", s.crossedAt(), Stage.THRESHOLD,
            metric + " 임계값 " + unit.format(s.threshold()) + " 넘음 (최대 " + unit.format(s.max()) + ")")));
    return out;
  }

  /** When the subject's alarmed metric went over its threshold (the tool's summary), unless it already was. */
  private static Optional<ChronologyEntry> metricClimb(InsightRow row, String metric, String what) {
    return row.metric(metric).filter(s -> s.crossedAt() != null && !Boolean.TRUE.equals(s.aboveAtStart()))
        .map(s -> new ChronologyEntry("signal:metric:" + row.name(), s.crossedAt(), Stage.FIRST_SIGNAL,
            what + row.name() + " " + metric + " 상승 (" + MetricValues.summary(s.first(), s.unit()) + " → 최대 "
                + MetricValues.summary(s.max(), s.unit()) + ")"));
  }

  /** The workload's newest revision, with the image change from the one before it. */
  private static Optional<ChronologyEntry> rollout(K8sWorkloadResult.Workload w) {
    if (w.revisions().size() < 2) {
      return Optional.empty();
    }
    K8sWorkloadResult.Revision now = w.revisions().get(0);
    K8sWorkloadResult.Revision before = w.revisions().get(1);
    Instant at = instant(now.created());
    if (at == null) {
      return Optional.empty();
    }
    String change = now.images().equals(before.images()) ? "" : ", 이미지 " + String.join(", ", before.images().values())
        + " → " + String.join(", ", now.images().values());
    return Optional.of(new ChronologyEntry("signal:rollout", at, Stage.FIRST_SIGNAL, w.kind() + " " + w.namespace() + "/"
        + w.name() + " 롤아웃 (revision " + before.revision() + " → " + now.revision() + change + ")"));
  }

  private static Instant instant(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  // --- The runtime's own steps ---

  public static ChronologyEntry issueOpened(int number, Instant at) {
    return new ChronologyEntry("issue", at, Stage.ISSUE, "이슈 #" + number + " 생성");
  }

  /** The first analysis of the incident ({@code round} 1) or a later one (follow-up, re-analysis). */
  public static ChronologyEntry analysed(String round, String what, Instant at) {
    return new ChronologyEntry("analysis:" + round, at, Stage.ANALYSIS, what);
  }

  public static ChronologyEntry remediated(String what, Instant at) {
    return new ChronologyEntry("remediation:" + at.truncatedTo(ChronoUnit.SECONDS), at, Stage.REMEDIATION, what);
  }

  public static ChronologyEntry verified(String what, Instant at) {
    return new ChronologyEntry("verification:" + at.truncatedTo(ChronoUnit.SECONDS), at, Stage.VERIFICATION, what);
  }

  public static ChronologyEntry recurred(int occurrence, Instant at) {
    return new ChronologyEntry("recurrence:" + occurrence, at, Stage.RECURRENCE,
        "알람 재발생 (" + occurrence + "번째 ALARM)");
  }

  public static ChronologyEntry alarmOk(String alarmName, Instant at) {
    return new ChronologyEntry("ok:" + alarmName + ":" + at.truncatedTo(ChronoUnit.SECONDS), at, Stage.OK,
        "알람 " + alarmName + " OK 복귀");
  }

  public static ChronologyEntry related(String alarmName, Instant at) {
    return new ChronologyEntry("related:" + alarmName, at, Stage.RELATED_ALARM, "연관 알람 " + alarmName + " 합류");
  }

  public static ChronologyEntry closed(Instant at) {
    return new ChronologyEntry("close", at, Stage.CLOSE, "이슈 종료 (해결됨)");
  }

  // --- The order a person reads ---

  /**
   * The entries as the timeline shows them: one per key (the first written), one per identical event (same stage,
   * same text: a retried step), each no earlier than its causes, in time order with ties in causal order. Evidence
   * signals later than the threshold crossing or the alarm were not the beginning and are dropped.
   */
  public static List<ChronologyEntry> ordered(List<ChronologyEntry> entries) {
    Map<String, ChronologyEntry> byKey = new LinkedHashMap<>();
    entries.forEach(e -> byKey.putIfAbsent(e.key(), e));
    List<ChronologyEntry> sorted = new ArrayList<>(byKey.values());
    sorted.sort(ORDER);
    Set<String> seen = new HashSet<>();
    List<ChronologyEntry> unique = new ArrayList<>();
    for (ChronologyEntry e : sorted) {
      if (seen.add(e.stage() + "\n" + e.text())) {
        unique.add(e);
      }
    }
    Instant detected = unique.stream().filter(e -> e.stage() == Stage.THRESHOLD || e.stage() == Stage.ALARM)
        .map(ChronologyEntry::at).min(Comparator.naturalOrder()).orElse(null);
    Map<Stage, Instant> first = new EnumMap<>(Stage.class);
    List<ChronologyEntry> out = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      for (ChronologyEntry e : unique) {
        if (e.stage() != stage) {
          continue;
        }
        if (stage == Stage.FIRST_SIGNAL && detected != null && e.at().isAfter(detected)) {
          continue;
        }
        Instant at = e.at();
        for (Stage cause : CAUSES.getOrDefault(stage, List.of())) {
          Instant c = first.get(cause);
          if (c != null && c.isAfter(at)) {
            at = c;
          }
        }
        ChronologyEntry shown = at.equals(e.at()) ? e : new ChronologyEntry(e.key(), at, e.stage(), e.text());
        first.merge(stage, at, (a, b) -> a.isBefore(b) ? a : b);
        out.add(shown);
      }
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  private static final Comparator<ChronologyEntry> ORDER = Comparator.comparing(ChronologyEntry::at)
      .thenComparing(ChronologyEntry::stage).thenComparing(ChronologyEntry::key);
}
