package com.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.IncidentTable;
import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The incident store at the wire, against DynamoDB Local (in-process, shared per JVM, a table per test). */
class DynamoIncidentStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");
  // The clock is fixed in the past; DynamoDB Local's expiry is off, and long TTLs keep the items meaningful.
  private static final Duration TTL = Duration.ofDays(3650);

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final String table = local.newIncidentTable();
  private final DynamoDbClient dynamo = local.client();
  private final IncidentStore store = new DynamoIncidentStore(dynamo, table,
      new DynamoIncidentStore.Expiry(TTL, TTL, Duration.ofDays(7)));

  // --- Sessions (moved from agent-runtime's DynamoIncidentRecordsTest) ---

  @Test
  void aSessionCanBeClaimedOnlyOnce() {
    assertThat(store.claimSession("s-1", "inc-1", NOW)).isTrue();
    assertThat(store.claimSession("s-1", "inc-1", NOW)).isFalse();

    Map<String, AttributeValue> marker = item("SESSION#s-1");
    assertThat(marker.get(IncidentTable.SESSION_STATE).s()).isEqualTo("ACCEPTED");
    assertThat(marker.get(IncidentTable.TTL).n()).isEqualTo(String.valueOf(NOW.plus(Duration.ofDays(7)).getEpochSecond()));
    assertThat(store.sessionState("s-1")).contains(SessionState.ACCEPTED);
  }

  @Test
  void aSessionRunsOnceEvenWhenTheWorkerIsDeliveredAgain() {
    store.claimSession("s-2", "inc-1", NOW);

    assertThat(store.startSession("s-2", NOW)).isTrue();
    assertThat(store.startSession("s-2", NOW)).isFalse();
    store.finishSession("s-2", NOW);
    assertThat(store.startSession("s-2", NOW)).isFalse();
    assertThat(item("SESSION#s-2").get(IncidentTable.SESSION_STATE).s()).isEqualTo("DONE");
    assertThat(store.sessionState("s-2")).contains(SessionState.DONE);
  }

  @Test
  void aReleasedSessionCanBeClaimedAgain() {
    store.claimSession("s-3", "inc-1", NOW);
    store.releaseSession("s-3");

    assertThat(store.sessionState("s-3")).isEmpty();
    assertThat(store.claimSession("s-3", "inc-1", NOW)).isTrue();
  }

  @Test
  void incidentProgressRoundTripsOnTopOfWhatAlarmTriggerWrote() {
    dynamo.putItem(b -> b.tableName(table).item(Map.of(
        IncidentTable.PK, AttributeValue.fromS(IncidentTable.incidentKey("inc-9")),
        IncidentTable.ALARM_NAME, AttributeValue.fromS("netaiops-cpu-spike"),
        IncidentTable.STATUS, AttributeValue.fromS(IncidentStatus.OPEN.name()),
        IncidentTable.ALARM_AT, AttributeValue.fromN(String.valueOf(NOW.minusSeconds(60).getEpochSecond())),
        IncidentTable.OCCURRENCES, AttributeValue.fromN("2"))));

    store.markIssueOpened("inc-9", 101, "https://github.com/a/b/issues/101", NOW);
    store.markRemediating("inc-9", NOW);
    store.markAnalyzed("inc-9", List.of("cpu-stress-workload:stress-ng", "oom:api"), NOW);

    Incident r = store.incident("inc-9").orElseThrow();
    assertThat(r.alarmName()).isEqualTo("netaiops-cpu-spike");
    assertThat(r.status()).isEqualTo(IncidentStatus.RECOVERING);
    assertThat(r.issueNumber()).isEqualTo(101);
    assertThat(r.issueUrl()).isEqualTo("https://github.com/a/b/issues/101");
    assertThat(r.issueCreatedAt()).isEqualTo(NOW);
    assertThat(r.alarmAt()).isEqualTo(NOW.minusSeconds(60));
    assertThat(r.occurrences()).isEqualTo(2);
    assertThat(r.evidenceSignals()).containsExactly("cpu-stress-workload:stress-ng", "oom:api");
    assertThat(item(IncidentTable.incidentKey("inc-9")).get(IncidentTable.UPDATED_AT).s()).isEqualTo(NOW.toString());
    assertThat(item(IncidentTable.incidentKey("inc-9")).get(IncidentTable.EVIDENCE_SIGNALS).s())
        .as("stored as alarm-trigger-era items have it").isEqualTo("cpu-stress-workload:stress-ng,oom:api");
    assertThat(store.incident("missing")).isEmpty();
  }

  @Test
  void anIncidentIsFoundByItsIssueNumberThroughTheIndexAndOnlyOnceItHasAnIssue() {
    store.markAnalyzing("inc-41", "s-41", "cpu", NOW.minusSeconds(30), NOW);
    store.markAnalyzing("inc-42", "s-42", "mem", NOW.minusSeconds(30), NOW);
    assertThat(store.incidentByIssue(41)).as("no issue written yet").isEmpty();

    store.markIssueOpened("inc-41", 41, "https://github.com/a/b/issues/41", NOW);
    store.markIssueOpened("inc-42", 42, null, NOW);

    assertThat(store.incidentByIssue(41)).map(Incident::incidentId).contains("inc-41");
    assertThat(store.incidentByIssue(42)).map(Incident::alarmName).contains("mem");
    assertThat(store.incidentByIssue(43)).isEmpty();
  }

  @Test
  void theWorkflowTransitionsSetStatusAndReason() {
    store.markAnalyzing("inc-1", "s-1", "a1", NOW.minusSeconds(30), NOW);
    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.ANALYZING, Incident::status).returns("s-1", Incident::sessionId)
        .returns("a1", Incident::alarmName).returns(NOW.minusSeconds(30), Incident::alarmAt);

    store.markRemediationUnconfirmed("inc-1", "recovery not confirmed", NOW);
    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.OPEN, Incident::status).returns("recovery not confirmed", Incident::failureReason);

    store.markRecoveryUnconfirmed("inc-1", "alarm OK but fault signals remain", NOW);
    assertThat(store.incident("inc-1").orElseThrow()).returns(IncidentStatus.OPEN, Incident::status)
        .returns("OK", Incident::lastState).returns("alarm OK but fault signals remain", Incident::failureReason);

    store.markResolved("inc-1", NOW.plusSeconds(5), NOW.plusSeconds(6));
    assertThat(store.incident("inc-1").orElseThrow()).returns(IncidentStatus.RESOLVED, Incident::status)
        .returns(NOW.plusSeconds(5), Incident::resolvedAt);

    store.markFailed("inc-1", "internal error: IllegalStateException", NOW);
    assertThat(store.incident("inc-1").orElseThrow()).returns(IncidentStatus.FAILED, Incident::status)
        .returns("internal error: IllegalStateException", Incident::failureReason);
  }

  // --- Claims on an incident ---

  @Test
  void anIncidentsAnalysisIsClaimedByOneSessionAndGivenBackOnlyByIt() {
    assertThat(store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-1", NOW)).isTrue();
    assertThat(store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-2", NOW)).isFalse();
    assertThat(store.claimIncident("inc-1", AnalysisMode.RECOVERY, "s-3", NOW)).as("a separate claim").isTrue();
    assertThat(store.claimIncident("inc-1", AnalysisMode.RECURRENCE, "s-4", NOW)).as("claims nothing").isTrue();

    store.releaseIncident("inc-1", AnalysisMode.ANALYZE, "s-2");
    assertThat(item(IncidentTable.incidentKey("inc-1")).get(IncidentTable.ANALYSIS_SESSION_ID).s()).isEqualTo("s-1");
    store.releaseIncident("inc-1", AnalysisMode.ANALYZE, "s-1");
    assertThat(store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-2", NOW)).isTrue();
  }

  @Test
  void aFailedNeverAnalysedIncidentIsHandedToTheNextAlarmsSessionOnce() {
    IncidentStore.Episode opened = store.openOrJoin("a1", "inc-1", "s-1", NOW, NOW);
    assertThat(store.claimIncident(opened.incidentId(), AnalysisMode.ANALYZE, "s-1", NOW)).isTrue();
    store.markStartFailed("inc-1", AnalysisMode.ANALYZE, "HTTP 503", NOW);

    assertThat(store.recordOccurrence("inc-1", "ALARM", NOW)).as("needs an analysis").isTrue();
    assertThat(store.takeOverAnalysis("inc-1", "s-2", NOW)).isTrue();
    assertThat(store.takeOverAnalysis("inc-1", "s-3", NOW)).as("no longer FAILED").isFalse();
    assertThat(store.ownsAnalysis("inc-1", "s-1", NOW)).isFalse();
    assertThat(store.ownsAnalysis("inc-1", "s-2", NOW)).isTrue();
    assertThat(store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-2", NOW)).as("handed over").isTrue();
    assertThat(store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-2", NOW)).as("never twice").isFalse();
    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.OPEN, Incident::status).returns(null, Incident::failureReason);
  }

  @Test
  void anIncidentWithAnIssueIsNeverTakenOver() {
    store.openOrJoin("a1", "inc-1", "s-1", NOW, NOW);
    store.markIssueOpened("inc-1", 7, null, NOW);
    store.markStartFailed("inc-1", AnalysisMode.ANALYZE, "HTTP 503", NOW);

    assertThat(store.recordOccurrence("inc-1", "ALARM", NOW)).isFalse();
    assertThat(store.takeOverAnalysis("inc-1", "s-2", NOW)).isFalse();
  }

  // --- Episodes ---

  @Test
  void anAlarmHasOneOpenIncidentUntilItsEpisodeEnds() {
    assertThat(store.openOrJoin("a1", "inc-1", "s-1", NOW, NOW)).isEqualTo(new IncidentStore.Episode("inc-1", true));
    assertThat(store.openOrJoin("a1", "inc-2", "s-2", NOW, NOW)).isEqualTo(new IncidentStore.Episode("inc-1", false));
    assertThat(item(IncidentTable.incidentKey("inc-2"))).as("the loser's incident is gone").isNull();
    assertThat(store.openIncidentId("a1")).contains("inc-1");

    assertThat(store.endEpisode("a1", "inc-1", NOW)).isEqualTo(IncidentStore.EpisodeEnd.ENDED);
    assertThat(store.endEpisode("a1", "inc-1", NOW)).as("only once").isEqualTo(IncidentStore.EpisodeEnd.ALREADY_ENDED);
    assertThat(store.openIncidentId("a1")).isEmpty();
    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.RECOVERING, Incident::status).returns("OK", Incident::lastState);
    assertThat(store.openOrJoin("a1", "inc-3", "s-3", NOW, NOW).opened()).isTrue();
  }

  @Test
  void parallelAlarmsOfOneAlarmOpenExactlyOneIncident() throws Exception {
    List<IncidentStore.Episode> episodes = inParallel(16, i -> store.openOrJoin("a1", "inc-" + i, "s-" + i, NOW, NOW));
    episodes.forEach(e -> store.recordOccurrence(e.incidentId(), "ALARM", NOW));

    assertThat(episodes).filteredOn(IncidentStore.Episode::opened).hasSize(1);
    String open = store.openIncidentId("a1").orElseThrow();
    assertThat(episodes).extracting(IncidentStore.Episode::incidentId).containsOnly(open);
    assertThat(store.incident(open).orElseThrow().occurrences()).isEqualTo(17);
  }

  @Test
  void aRejectedAnalysisClosesItsIncidentAndEndsTheEpisode() {
    store.openOrJoin("a1", "inc-1", "s-1", NOW, NOW);

    store.markRejected(new Plan(AnalysisMode.ANALYZE, "inc-1", "s-1"), "a1", "HTTP 400", NOW);

    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.REJECTED, Incident::status).returns("HTTP 400", Incident::failureReason);
    assertThat(store.openIncidentId("a1")).isEmpty();
    assertThat(item(IncidentTable.alarmKey("a1")).get(IncidentTable.LAST_INCIDENT_ID).s()).isEqualTo("inc-1");
  }

  @Test
  void aRejectedRecurrenceOnlyNotesItsReason() {
    store.openOrJoin("a1", "inc-1", "s-1", NOW, NOW);
    store.markStarted("inc-1", AnalysisMode.ANALYZE, "s-1", NOW);

    store.markRejected(new Plan(AnalysisMode.RECURRENCE, "inc-1", "s-2"), "a1", "HTTP 400", NOW);
    store.markStartFailed("inc-1", AnalysisMode.RECURRENCE, "HTTP 503", NOW);

    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.ANALYZING, Incident::status).returns("HTTP 503", Incident::failureReason);
    assertThat(store.openIncidentId("a1")).contains("inc-1");
  }

  // --- Deliveries ---

  @Test
  void aDeliveryIsClaimedOnceThenResumedAfterAFailureThenHandled() {
    assertThat(store.claimDelivery("m-1", NOW, NOW.plusSeconds(60))).isEqualTo(new DeliveryClaim.Fresh());
    assertThat(store.claimDelivery("m-1", NOW, NOW.plusSeconds(60))).isEqualTo(new DeliveryClaim.Busy());
    Plan plan = new Plan(AnalysisMode.ANALYZE, "inc-1", "s-1");
    store.planDelivery("m-1", plan, NOW);
    assertThat(store.claimDelivery("m-1", NOW.plusSeconds(61), NOW.plusSeconds(120)))
        .as("the lease ran out").isEqualTo(new DeliveryClaim.Resume(plan));

    store.failDelivery("m-1", plan, "HTTP 503", NOW);
    assertThat(store.claimDelivery("m-1", NOW, NOW.plusSeconds(60))).isEqualTo(new DeliveryClaim.Resume(plan));

    store.completeDelivery("m-1", new DeliveryOutcome("started", "a1", "s-1", "new incident inc-1"), NOW);
    assertThat(store.claimDelivery("m-1", NOW.plusSeconds(600), NOW.plusSeconds(660)))
        .isEqualTo(new DeliveryClaim.Handled("started", "s-1", "new incident inc-1"));
  }

  @Test
  void aRejectionNeverOverwritesARecordedDelivery() {
    store.completeDelivery("m-1", new DeliveryOutcome("started", "a1", "s-1", null), NOW);

    store.rejectDelivery("m-1", new DeliveryOutcome("rejected", null, null, "not JSON"), NOW);
    store.rejectDelivery("m-2", new DeliveryOutcome("rejected", null, null, "not JSON"), NOW);

    assertThat(item("MSG#m-1").get(IncidentTable.ACTION).s()).isEqualTo("started");
    assertThat(item("MSG#m-2").get(IncidentTable.ACTION).s()).isEqualTo("rejected");
    assertThat(item("MSG#m-2").get(IncidentTable.REASON).s()).isEqualTo("not JSON");
  }

  @Test
  void parallelDeliveriesOfOneMessageClaimItOnce() throws Exception {
    List<DeliveryClaim> claims = inParallel(16, i -> store.claimDelivery("m-1", NOW, NOW.plusSeconds(60)));

    assertThat(claims).filteredOn(c -> c instanceof DeliveryClaim.Fresh).hasSize(1);
    assertThat(claims).filteredOn(c -> !(c instanceof DeliveryClaim.Fresh)).allSatisfy(c ->
        assertThat(c).isInstanceOf(DeliveryClaim.Busy.class));
  }

  @Test
  void parallelRequestsForOneIncidentGrantItsAnalysisOnce() throws Exception {
    List<Boolean> granted = inParallel(16, i -> store.claimIncident("inc-1", AnalysisMode.ANALYZE, "s-" + i, NOW));

    assertThat(granted).filteredOn(g -> g).hasSize(1);
  }

  // --- The issue body's living parts ---

  @Test
  void chronologyEntriesFromSeveralSessionsReadBackOldestFirst() {
    store.openOrJoin("netaiops-cpu-spike", "inc-c1", "s-1", NOW, NOW);
    store.appendChronology("inc-c1", List.of(
        entry("issue", NOW.plusSeconds(5), ChronologyEntry.Stage.ISSUE, "이슈 #7 생성"),
        entry("alarm", NOW, ChronologyEntry.Stage.ALARM, "알람 netaiops-cpu-spike ALARM")), NOW);
    store.appendChronology("inc-c1", List.of(
        entry("first-signal", NOW.minusSeconds(300), ChronologyEntry.Stage.FIRST_SIGNAL, "CPU 상승 시작"),
        entry("close", NOW.plusSeconds(600), ChronologyEntry.Stage.CLOSE, "이슈 종료")), NOW.plusSeconds(600));

    assertThat(store.chronicle("inc-c1").entries()).extracting(ChronologyEntry::key)
        .containsExactly("first-signal", "alarm", "issue", "close");
  }

  @Test
  void aRetriedChronologyWriteKeepsTheFirstEntryOfItsKey() {
    store.openOrJoin("netaiops-cpu-spike", "inc-c2", "s-1", NOW, NOW);
    ChronologyEntry first = entry("analysis", NOW.plusSeconds(60), ChronologyEntry.Stage.ANALYSIS, "AI 분석 완료");
    store.appendChronology("inc-c2", List.of(first), NOW);
    store.appendChronology("inc-c2", List.of(
        entry("analysis", NOW.plusSeconds(90), ChronologyEntry.Stage.ANALYSIS, "다시 쓴 분석 완료"),
        entry("close", NOW.plusSeconds(120), ChronologyEntry.Stage.CLOSE, "이슈 종료")), NOW);

    assertThat(store.chronicle("inc-c2").entries()).containsExactly(first,
        entry("close", NOW.plusSeconds(120), ChronologyEntry.Stage.CLOSE, "이슈 종료"));
  }

  @Test
  void entriesOfTheSameSecondReadBackInCausalOrder() {
    store.openOrJoin("netaiops-cpu-spike", "inc-c3", "s-1", NOW, NOW);
    store.appendChronology("inc-c3", List.of(
        entry("z-close", NOW, ChronologyEntry.Stage.CLOSE, "이슈 종료"),
        entry("a-verify", NOW, ChronologyEntry.Stage.VERIFICATION, "복구 확인")), NOW);

    assertThat(store.chronicle("inc-c3").entries()).extracting(ChronologyEntry::stage)
        .containsExactly(ChronologyEntry.Stage.VERIFICATION, ChronologyEntry.Stage.CLOSE);
  }

  @Test
  void statusAndCalibratedSeverityAreKeptBesideTheWorkflowStatus() {
    store.openOrJoin("netaiops-cpu-spike", "inc-c4", "s-1", NOW, NOW);
    assertThat(store.chronicle("inc-c4")).isEqualTo(Chronicle.EMPTY);

    store.markIssueStatus("inc-c4", IssueStatus.REMEDIATING, NOW);
    store.markSeverity("inc-c4", com.incident.common.incident.Severity.HIGH, "복제본 3개 중 2개 사용 불가 (67%)", NOW);
    store.markRemediating("inc-c4", NOW);

    Chronicle c = store.chronicle("inc-c4");
    assertThat(c.status()).isEqualTo(IssueStatus.REMEDIATING);
    assertThat(c.severity()).isEqualTo(com.incident.common.incident.Severity.HIGH);
    assertThat(c.severityReason()).isEqualTo("복제본 3개 중 2개 사용 불가 (67%)");
    assertThat(store.incident("inc-c4").orElseThrow().status()).isEqualTo(IncidentStatus.RECOVERING);
    assertThat(store.chronicle("never-written")).isEqualTo(Chronicle.EMPTY);
  }

  @Test
  void concurrentFirstChronologyWritesAllLand() throws Exception {
    store.openOrJoin("netaiops-cpu-spike", "inc-c5", "s-1", NOW, NOW);
    int writers = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          start.await();
          store.appendChronology("inc-c5", List.of(entry("e" + n, NOW.plusSeconds(n), ChronologyEntry.Stage.ANALYSIS,
              "분석 " + n)), NOW);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.chronicle("inc-c5").entries()).extracting(ChronologyEntry::key)
        .containsExactly("e0", "e1", "e2", "e3", "e4", "e5");
  }

  @Test
  void theFirstKeptIssueAlarmStaysForLaterSessions() {
    store.openOrJoin("netaiops-cpu-spike", "inc-c6", "s-1", NOW, NOW);
    assertThat(store.issueAlarm("inc-c6")).isEmpty();
    com.incident.common.incident.AlarmDetails first = alarm("ALARM", 97.5);

    store.keepIssueAlarm("inc-c6", first, NOW);
    store.keepIssueAlarm("inc-c6", alarm("OK", 12.0), NOW.plusSeconds(600));

    assertThat(store.issueAlarm("inc-c6")).contains(first);
  }

  private static com.incident.common.incident.AlarmDetails alarm(String state, double observed) {
    return new com.incident.common.incident.AlarmDetails("netaiops-cpu-spike", null, null, "123456789012", "us-west-2",
        null, state, "OK", "Threshold Crossed", NOW, "ContainerInsights", "pod_cpu_utilization",
        Map.of("PodName", "ui"), "Average", 60, 3, 3, 80.0, "GreaterThanThreshold", observed, List.of(), null);
  }

  private static ChronologyEntry entry(String key, Instant at, ChronologyEntry.Stage stage, String text) {
    return new ChronologyEntry(key, at, stage, text);
  }

  private Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS(pk))).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static <T> List<T> inParallel(int n, IntFunction<T> call) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit((Callable<T>) () -> {
          go.await();
          return call.apply(k);
        }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    }
  }
}
