package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.agent.testing.K8sResults;
import com.incident.agent.testing.ToolResults;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.PodMetricsResult;
import com.incident.store.ChronologyEntry;
import com.incident.store.ChronologyEntry.Stage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChronologyTest {
  /** The harness alarm: netaiops-cpu-spike on pod ui, ALARM at 03:15:12 UTC, datapoints 85.6 (03:12), 88.1, 92.4. */
  private final IncidentFacts facts = new IncidentClassifier(Clock.fixed(Instant.parse("2026-11-21T03:16:00Z"),
      ZoneOffset.UTC), 30).classify(Harness.request(AnalysisMode.ANALYZE).alarm());

  @Test
  void theAlarmsReasonGivesTheMinuteTheThresholdWasCrossed() {
    List<ChronologyEntry> alarm = Chronology.alarm(facts, MetricValues.Unit.PERCENT);

    assertThat(alarm).extracting(ChronologyEntry::stage).containsExactly(Stage.THRESHOLD, Stage.ALARM);
    assertThat(alarm.get(0).at()).isEqualTo(Instant.parse("2026-11-21T03:12:00Z"));
    assertThat(alarm.get(0).text()).isEqualTo("pod_cpu_utilization 임계값 80% 넘음 (85.6%)");
    assertThat(alarm.get(1).text()).isEqualTo("알람 netaiops-cpu-spike ALARM 전환 (관측값 92.4%)");
  }

  @Test
  void theCrossingIsTheStartOfTheBreachingRunNotAnOlderBreach() {
    var a = Harness.request(AnalysisMode.ANALYZE).alarm();
    var dipped = new com.incident.common.incident.AlarmDetails(a.alarmName(), a.alarmArn(), null, a.accountId(),
        a.region(), a.kind(), "ALARM", "OK", "Threshold Crossed: 2 out of the last 4 datapoints [92.4 (21/11/26 03:14:00), "
        + "88.1 (21/11/26 03:13:00), 70.0 (21/11/26 03:12:00), 95.0 (21/11/26 03:11:00)] were greater than the threshold "
        + "(80.0)", a.stateChangeTime(), a.namespace(), a.metricName(), a.dimensions(), a.statistic(), 60, 4, 2, 80.0,
        "GreaterThanThreshold", 92.4, List.of(), null);

    assertThat(Chronology.thresholdCrossed(dipped, facts.windowStart(), facts.alarmAt())).map(Chronology.Datapoint::at)
        .contains(Instant.parse("2026-11-21T03:13:00Z"));
  }

  @Test
  void aReplayedReasonWhoseDatapointsLieOutsideTheWindowPlacesNoCrossing() {
    var a = Harness.request(AnalysisMode.ANALYZE).alarm();
    var replayed = new com.incident.common.incident.AlarmDetails(a.alarmName(), a.alarmArn(), null, a.accountId(),
        a.region(), a.kind(), "ALARM", "OK", a.reason(), a.stateChangeTime().plus(java.time.Duration.ofDays(9)),
        a.namespace(), a.metricName(), a.dimensions(), a.statistic(), 60, 3, 3, 80.0, "GreaterThanThreshold", 92.4,
        List.of(), null);
    IncidentFacts later = new IncidentClassifier(Clock.fixed(replayed.stateChangeTime(), ZoneOffset.UTC), 30)
        .classify(replayed);

    assertThat(Chronology.alarm(later, MetricValues.Unit.PERCENT)).extracting(ChronologyEntry::stage)
        .containsExactly(Stage.ALARM);
    // The alarmed pod's own series, summarised against the alarm's threshold, places it instead.
    Evidence evidence = new Evidence(List.of(item(ToolNames.POD_METRICS,
        podMetrics(replayed.stateChangeTime().minusSeconds(180)))), List.of());
    assertThat(Chronology.signals(later, evidence)).filteredOn(e -> e.stage() == Stage.THRESHOLD).singleElement()
        .returns(replayed.stateChangeTime().minusSeconds(180), ChronologyEntry::at)
        .returns("pod_cpu_utilization 임계값 80% 넘음 (최대 97.5%)", ChronologyEntry::text);
  }

  @Test
  void theFirstAbnormalSignalIsTheEarliestTheTypedResultsShow() {
    Evidence evidence = new Evidence(List.of(
        item(ToolNames.ERROR_SUMMARY, ToolResults.errorSummary("NullPointerException", Map.of("ui", 42L))),
        item(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sResults.describe(K8sResults.deployment("default", "stress-ng", 1, 1,
            Map.of(), List.of(), List.of(K8sResults.pod("stress-ng-7f9c4", "stress-ng-6c7d8", true,
                K8sResults.running("stress", "alexeiled/stress-ng:0.9", K8sResults.STRESS_NG))), List.of(), null))),
        item(ToolNames.POD_METRICS, podMetrics(Instant.parse("2026-11-21T03:11:00Z")))), List.of());

    List<ChronologyEntry> signals = Chronology.signals(facts, evidence).stream()
        .filter(e -> e.stage() == Stage.FIRST_SIGNAL).toList();

    // stress-ng started 02:50, the ui pod's CPU crossed its threshold 03:11, errors rose from 03:05 (alarm - 10 min).
    assertThat(signals).extracting(ChronologyEntry::at).containsExactly(Instant.parse("2026-11-21T02:50:00Z"),
        Instant.parse("2026-11-21T03:05:00Z"), Instant.parse("2026-11-21T03:11:00Z"));
    assertThat(signals.getFirst().key()).isEqualTo("first-signal");
    assertThat(signals.getFirst().text()).isEqualTo("최초 이상 신호: 부하 생성 컨테이너 default/stress-ng-7f9c4 시작");
    assertThat(signals.get(2).text()).isEqualTo("파드 default/ui pod_cpu_utilization 상승 (35% → 최대 97.5%)");
  }

  @Test
  void signalsOutsideTheWindowOrAfterTheAlarmAreNotTheBeginning() {
    ErrorSummaryResult late = new ErrorSummaryResult("eks-app-logs*", facts.windowStart(), facts.windowEnd(), "service",
        12, Instant.parse("2026-11-21T03:20:00Z"), List.of(), 0,
        new ErrorSummaryResult.Grouping(ErrorSummaryResult.Grouping.Method.EXACT, null, null, null), List.of(), null);
    Evidence evidence = new Evidence(List.of(item(ToolNames.ERROR_SUMMARY, late)), List.of());

    assertThat(Chronology.signals(facts, evidence)).isEmpty();
  }

  @Test
  void orderedKeepsOneEntryPerKeyAndPerIdenticalEvent() {
    Instant t = Instant.parse("2026-11-21T03:16:00Z");
    List<ChronologyEntry> ordered = Chronology.ordered(List.of(
        Chronology.analysed("first", "규칙 기반 분석 완료: CPU 스트레스 워크로드", t),
        Chronology.analysed("first", "규칙 기반 분석 완료", t.plusSeconds(5)),
        Chronology.issueOpened(7, t.minusSeconds(30)),
        Chronology.issueOpened(7, t.minusSeconds(30)),
        new ChronologyEntry("retry", t.plusSeconds(1), Stage.ANALYSIS, "규칙 기반 분석 완료: CPU 스트레스 워크로드")));

    assertThat(ordered).extracting(ChronologyEntry::text)
        .containsExactly("이슈 #7 생성", "규칙 기반 분석 완료: CPU 스트레스 워크로드");
  }

  @Test
  void noEntryIsShownBeforeItsCause() {
    Instant alarm = Instant.parse("2026-11-21T03:15:12Z");
    List<ChronologyEntry> ordered = Chronology.ordered(List.of(
        new ChronologyEntry("alarm", alarm, Stage.ALARM, "알람"),
        // Another function's clock is two seconds behind: its issue must still come after the alarm.
        Chronology.issueOpened(7, alarm.minusSeconds(2)),
        Chronology.analysed("first", "AI 분석 완료", alarm.minusSeconds(1)),
        Chronology.closed(alarm.plusSeconds(300)),
        Chronology.verified("복구 확인", alarm.plusSeconds(300)),
        Chronology.remediated("chaos-cleanup으로 stress-workload 장애 제거", alarm.plusSeconds(200))));

    assertThat(ordered).extracting(ChronologyEntry::stage).containsExactly(Stage.ALARM, Stage.ISSUE, Stage.ANALYSIS,
        Stage.REMEDIATION, Stage.VERIFICATION, Stage.CLOSE);
    assertThat(ordered.get(1).at()).isEqualTo(alarm);
    assertThat(ordered.get(2).at()).isEqualTo(alarm);
  }

  @Test
  void aSignalLaterThanTheThresholdCrossingIsDropped() {
    List<ChronologyEntry> entries = new ArrayList<>(Chronology.alarm(facts, MetricValues.Unit.PERCENT));
    entries.add(new ChronologyEntry("first-signal", Instant.parse("2026-11-21T03:14:00Z"), Stage.FIRST_SIGNAL, "늦은 신호"));
    entries.add(new ChronologyEntry("signal:rollout", Instant.parse("2026-11-21T03:01:00Z"), Stage.FIRST_SIGNAL, "롤아웃"));

    assertThat(Chronology.ordered(entries)).extracting(ChronologyEntry::text).containsExactly("롤아웃",
        "pod_cpu_utilization 임계값 80% 넘음 (85.6%)", "알람 netaiops-cpu-spike ALARM 전환 (관측값 92.4%)");
  }

  @Test
  void theTimelineIsReadInKstWithUtcAndTheChartKeepsTheHash() {
    List<ChronologyEntry> entries = Chronology.ordered(List.of(
        new ChronologyEntry("alarm", Instant.parse("2026-11-30T06:25:13Z"), Stage.ALARM, "알람 x ALARM 전환"),
        Chronology.issueOpened(1, Instant.parse("2026-11-30T06:25:20Z"))));

    // The cell escaper puts a zero-width joiner after '#' so GitHub does not link it; the reader sees "#1".
    assertThat(IssueBody.table(entries).replace("\u200D", "")).contains(
        "| 2026-11-30 15:25:13 KST(06:25:13 UTC) | 알람 | 알람 x ALARM 전환 |",
        "| 2026-11-30 15:25:20 KST(06:25:20 UTC) | 이슈 | 이슈 #1 생성 |");
    // One period per minute; ':' and '#' as Mermaid entity codes, which Mermaid shows as the characters.
    assertThat(IssueBody.mermaid(entries)).isEqualTo("```mermaid\ntimeline\n    title 인시던트 타임라인 (KST)\n"
        + "    15#58;25 : 알람 x ALARM 전환 : 이슈 #35;1 생성\n```\n");
  }

  @Test
  void aChartSpanningDaysShowsTheDayAndCutsLongEventsAtAWord() {
    String longText = "노드 ip-10-0-2-47 CPU 포화 (p95 93.5%) 지속으로 파드 재스케줄 실패와 대기열 적체가 이어짐 그리고 더 긴 설명";
    List<ChronologyEntry> entries = Chronology.ordered(List.of(
        new ChronologyEntry("alarm", Instant.parse("2026-11-30T14:55:00Z"), Stage.ALARM, "알람"),
        new ChronologyEntry("first-signal", Instant.parse("2026-11-30T14:50:00Z"), Stage.FIRST_SIGNAL, longText),
        Chronology.closed(Instant.parse("2026-11-30T15:05:00Z"))));

    String chart = IssueBody.mermaid(entries);

    assertThat(chart).contains("    11-30 23#58;50 : ", "    12-01 00#58;05 : 이슈 종료 (해결됨)").contains("…")
        .doesNotContain("그리고 더 긴 설명");
    // The cell escaper puts a zero-width joiner after '#' so GitHub does not link it; the reader sees "#1".
    assertThat(IssueBody.table(entries).replace("\u200D", "")).contains(longText);
  }

  private static PodMetricsResult podMetrics(Instant crossedAt) {
    InsightRow.Summary cpu = new InsightRow.Summary("Average", InsightRow.Unit.PERCENT, 35, 30, 60, 95, 97.5,
        Instant.parse("2026-11-21T03:14:00Z"), 35, 97.5, 80.0, crossedAt, false, 4);
    return new PodMetricsResult(ToolResults.CLUSTER, ToolResults.WINDOW, List.of(new InsightRow(InsightRow.Kind.POD,
        "default/ui", Map.of("ClusterName", ToolResults.CLUSTER, "Namespace", "default", "PodName", "ui"),
        Map.of("pod_cpu_utilization", cpu), List.of())), List.of(), null);
  }

  static Evidence.Item item(String tool, Record result) {
    return new Evidence.Item(tool, null, "", ToolResults.json(result));
  }
}
