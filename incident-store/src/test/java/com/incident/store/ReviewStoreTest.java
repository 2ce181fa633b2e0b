package com.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The incident's plan, re-analyses and feedback at the wire, against DynamoDB Local. */
class ReviewStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:30:00Z");
  private static final String HASH = "a".repeat(64);
  private static final Duration TTL = Duration.ofDays(3650);

  private final IncidentStore store = new DynamoIncidentStore(DynamoDbLocal.shared().client(),
      DynamoDbLocal.shared().newIncidentTable(), DynamoIncidentStore.Expiry.all(TTL));

  @Test
  void aPendingPlanIsKeptWithTheAnalysisAndReadBack() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    store.keepAnalysis("inc-1", "{\"alarmName\":\"cpu\"}", "cpu-stress-workload", NOW);

    store.awaitApproval("inc-1", plan(HASH, NOW.plusSeconds(3600)), NOW);

    IncidentReview review = store.review("inc-1").orElseThrow();
    assertThat(review.alarmJson()).isEqualTo("{\"alarmName\":\"cpu\"}");
    assertThat(review.topCategory()).isEqualTo("cpu-stress-workload");
    assertThat(review.plan()).isEqualTo(plan(HASH, NOW.plusSeconds(3600)));
    assertThat(store.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.AWAITING_APPROVAL);
    assertThat(store.review("nope")).isEmpty();
  }

  @Test
  void anApprovalDecidesThePlanOnceAndRecordsTheApprover() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    store.awaitApproval("inc-1", plan(HASH, NOW.plusSeconds(3600)), NOW);

    PlanDecision first = store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, "alice", NOW.plusSeconds(60));
    PlanDecision second = store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, "bob", NOW.plusSeconds(61));

    assertThat(first).isInstanceOfSatisfying(PlanDecision.Decided.class, d -> {
      assertThat(d.plan().state()).isEqualTo(RemediationPlan.State.APPROVED);
      assertThat(d.plan().decidedBy()).isEqualTo("alice");
      assertThat(d.plan().decidedAt()).isEqualTo(NOW.plusSeconds(60));
    });
    assertThat(second).isInstanceOfSatisfying(PlanDecision.AlreadyDecided.class,
        d -> assertThat(d.plan().decidedBy()).isEqualTo("alice"));
    assertThat(store.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.RECOVERING);
  }

  @Test
  void concurrentApprovalsOfOnePlanHaveExactlyOneWinner() throws Exception {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    store.awaitApproval("inc-1", plan(HASH, NOW.plusSeconds(3600)), NOW);
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<PlanDecision>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        String login = "user" + i;
        results.add(pool.submit(() -> {
          start.await();
          return store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, login, NOW.plusSeconds(5));
        }));
      }
      start.countDown();
      List<PlanDecision> decisions = new ArrayList<>();
      for (Future<PlanDecision> f : results) {
        decisions.add(f.get());
      }
      assertThat(decisions).filteredOn(d -> d instanceof PlanDecision.Decided).hasSize(1);
      assertThat(decisions).filteredOn(d -> d instanceof PlanDecision.AlreadyDecided).hasSize(racers - 1);
    }
  }

  @Test
  void anExpiredAReplacedOrAMissingPlanIsNotDecided() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    assertThat(store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, "alice", NOW))
        .isInstanceOf(PlanDecision.NoPlan.class);
    store.awaitApproval("inc-1", plan(HASH, NOW.plusSeconds(3600)), NOW);

    assertThat(store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, "alice", NOW.plusSeconds(3600)))
        .isInstanceOf(PlanDecision.Expired.class);
    assertThat(store.decidePlan("inc-1", "b".repeat(64), RemediationPlan.State.APPROVED, "alice", NOW))
        .isInstanceOfSatisfying(PlanDecision.Superseded.class, s -> assertThat(s.current().planHash()).isEqualTo(HASH));
    assertThat(store.review("inc-1").orElseThrow().plan().state()).isEqualTo(RemediationPlan.State.PENDING);
    assertThat(store.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.AWAITING_APPROVAL);
  }

  @Test
  void aRejectionLeavesTheIncidentOpenWithWhoRejected() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    store.awaitApproval("inc-1", plan(HASH, NOW.plusSeconds(3600)), NOW);

    assertThat(store.decidePlan("inc-1", HASH, RemediationPlan.State.REJECTED, "carol", NOW))
        .isInstanceOf(PlanDecision.Decided.class);

    assertThat(store.incident("inc-1").orElseThrow())
        .returns(IncidentStatus.OPEN, Incident::status)
        .returns("remediation plan rejected by carol", Incident::failureReason);
    assertThat(store.review("inc-1").orElseThrow().plan())
        .returns(RemediationPlan.State.REJECTED, RemediationPlan::state).returns("carol", RemediationPlan::decidedBy);
    assertThat(store.decidePlan("inc-1", HASH, RemediationPlan.State.APPROVED, "alice", NOW))
        .isInstanceOf(PlanDecision.AlreadyDecided.class);
  }

  @Test
  void reanalysesAreLimitedPerIncidentAndSayWhenTheNextIsAllowed() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    Duration interval = Duration.ofMinutes(10);

    assertThat(store.claimReanalysis("inc-1", interval, NOW)).isEmpty();
    assertThat(store.claimReanalysis("inc-1", interval, NOW.plusSeconds(300))).contains(NOW.plus(interval));
    assertThat(store.claimReanalysis("inc-1", interval, NOW.plus(interval))).isEmpty();
    assertThat(store.claimReanalysis("missing", interval, NOW)).contains(Instant.MAX);
    assertThat(store.review("inc-1").orElseThrow().lastReanalysisAt()).isEqualTo(NOW.plus(interval));
  }

  @Test
  void everyVerdictIsKeptInOrder() {
    store.openOrJoin("cpu", "inc-1", "s-1", NOW, NOW);
    Feedback wrong = new Feedback("alice", Feedback.Verdict.WRONG, "cpu-stress-workload", "traffic-surge", NOW);
    Feedback correct = new Feedback("bob", Feedback.Verdict.CORRECT, "cpu-stress-workload", null, NOW.plusSeconds(1));

    store.recordFeedback("inc-1", wrong);
    store.recordFeedback("inc-1", correct);

    assertThat(store.review("inc-1").orElseThrow().feedback()).containsExactly(wrong, correct);
  }

  private static RemediationPlan plan(String hash, Instant expiresAt) {
    return RemediationPlan.pending(hash, "stress-workload", "{\"namespace\":\"default\"}", NOW, expiresAt,
        "https://github.com/acme/incidents/issues/101#issuecomment-101003");
  }
}
