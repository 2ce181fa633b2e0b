package com.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Correlation decided at the wire against DynamoDB Local: one transaction per decision, real threads racing. */
class CorrelationStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-21T03:15:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration TTL = Duration.ofDays(3650);

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final IncidentStore store = new DynamoIncidentStore(local.client(), local.newIncidentTable(),
      DynamoIncidentStore.Expiry.all(TTL));

  @Test
  void twentyRelatedAlarmsDeliveredAtOnceOpenExactlyOneIncident() throws Exception {
    List<Correlated> decisions = inParallel(20, i -> store.correlate(pod("pod-cpu-" + i, "shop", "shop/checkout", T0),
        "{}", "inc-" + i, "s-" + i, WINDOW, T0));

    assertThat(decisions).filteredOn(d -> d instanceof Correlated.Opened).hasSize(1);
    String incident = decisions.stream().filter(d -> d instanceof Correlated.Opened).findFirst().orElseThrow().incidentId();
    assertThat(decisions).extracting(Correlated::incidentId).containsOnly(incident);
    Incident stored = store.incident(incident).orElseThrow();
    assertThat(stored.related()).hasSize(19);
    assertThat(stored.correlation()).contains("관련된 열린 인시던트 없음");
    assertThat(stored.related()).allSatisfy(r -> assertThat(r.reason()).contains("같은 워크로드 shop/checkout"));
    for (int i = 0; i < 20; i++) {
      assertThat(store.openIncidentId("pod-cpu-" + i)).contains(incident);
    }
  }

  @Test
  void unrelatedAlarmsAtTheSameMomentOpenTheirOwnIncidents() throws Exception {
    List<Correlated> decisions = inParallel(2, i -> store.correlate(
        pod("a-" + i, i == 0 ? "shop" : "billing", i == 0 ? "shop/checkout" : "billing/invoice", T0),
        "{}", "inc-" + i, "s-" + i, WINDOW, T0));

    assertThat(decisions).allMatch(d -> d instanceof Correlated.Opened);
    assertThat(decisions).extracting(Correlated::incidentId).containsExactlyInAnyOrder("inc-0", "inc-1");
  }

  @Test
  void theWindowIncludesItsEndAndNotASecondMore() {
    store.correlate(pod("first", "shop", "shop/checkout", T0), "{}", "inc-1", "s-1", WINDOW, T0);

    Correlated atEnd = store.correlate(pod("at-end", "shop", "shop/cart", T0.plus(WINDOW)), "{}", "inc-2", "s-2",
        WINDOW, T0.plus(WINDOW));
    Correlated after = store.correlate(pod("after", "shop", "shop/cart", T0.plus(WINDOW).plusSeconds(1)), "{}",
        "inc-3", "s-3", WINDOW, T0.plus(WINDOW).plusSeconds(1));

    assertThat(atEnd).isInstanceOf(Correlated.Joined.class).returns("inc-1", Correlated::incidentId);
    assertThat(((Correlated.Joined) atEnd).related().reason()).contains("같은 네임스페이스 shop").contains("15분 차이");
    assertThat(after).isEqualTo(new Correlated.Opened("inc-3", "관련된 열린 인시던트 없음 (창 15분)"));
  }

  @Test
  void aNodeAlarmAndThePodAlarmsAfterItAreOneIncidentAndPodsWidenIt() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);

    Correlated pod = store.correlate(pod("pod-cpu", "shop", "shop/checkout", T0.plusSeconds(60)), "{}", "inc-2",
        "s-2", WINDOW, T0.plusSeconds(60));

    assertThat(pod).isInstanceOf(Correlated.Joined.class).returns("inc-1", Correlated::incidentId);
    RelatedAlarm related = ((Correlated.Joined) pod).related();
    assertThat(related.widens()).isTrue();
    assertThat(related.reason()).contains("노드 알람(ip-1)").contains("파드 배치 노드 정보 없음");
    assertThat(related.placementAssumed()).as("the agent checks the assumed placement in the cluster").isTrue();
    assertThat(related.assumedNodeSet()).containsExactly("ip-1");
    assertThat(store.incident("inc-1").orElseThrow().related()).singleElement()
        .returns("ip-1", RelatedAlarm::assumedNodes);
  }

  @Test
  void aCompositeAlarmJoinsTheIncidentOfItsChildAndAChildJoinsItsComposite() {
    store.correlate(pod("child-5xx", "shop", "shop/checkout", T0), "{}", "inc-1", "s-1", WINDOW, T0);
    AlarmScope composite = new AlarmScope("composite", null, Set.of(), Set.of(), Set.of(),
        Set.of("child-5xx", "child-latency"), T0.plusSeconds(30), "composite");
    AlarmScope otherCluster = new AlarmScope("child-latency", "other-cluster", Set.of("x"), Set.of("x/y"), Set.of(),
        Set.of(), T0.plusSeconds(40), "ApplicationELB/TargetResponseTime");

    Correlated c = store.correlate(composite, "{}", "inc-2", "s-2", WINDOW, T0.plusSeconds(30));
    Correlated child = store.correlate(otherCluster, "{}", "inc-3", "s-3", WINDOW, T0.plusSeconds(40));

    assertThat(c).returns("inc-1", Correlated::incidentId);
    assertThat(((Correlated.Joined) c).related().reason()).contains("복합 알람 규칙").contains("child-5xx");
    assertThat(child).returns("inc-1", Correlated::incidentId);
    assertThat(((Correlated.Joined) child).related().reason()).contains("하위 알람");
  }

  @Test
  void theIncidentRecoversOnlyWithItsLastAlarm() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);
    store.correlate(pod("pod-a", "shop", "shop/a", T0), "{}", "inc-2", "s-2", WINDOW, T0);
    store.correlate(pod("pod-b", "shop", "shop/b", T0), "{}", "inc-3", "s-3", WINDOW, T0);

    assertThat(store.endEpisode("node-cpu", "inc-1", T0)).isEqualTo(IncidentStore.EpisodeEnd.WAITING_FOR_RELATED);
    assertThat(store.endEpisode("pod-a", "inc-1", T0)).isEqualTo(IncidentStore.EpisodeEnd.WAITING_FOR_RELATED);
    assertThat(store.endEpisode("pod-b", "inc-1", T0)).isEqualTo(IncidentStore.EpisodeEnd.ENDED);
    assertThat(store.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.RECOVERING);

    assertThat(store.correlate(pod("pod-c", "shop", "shop/c", T0), "{}", "inc-4", "s-4", WINDOW, T0))
        .as("an incident whose alarms all recovered takes no new member").isInstanceOf(Correlated.Opened.class);
  }

  @Test
  void aSplitMovesTheJoinedAlarmToItsOwnIncidentAndRecoveryStopsWaitingForIt() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);
    store.correlate(pod("pod-a", "shop", "shop/a", T0), "{\"alarmName\":\"pod-a\"}", "inc-2", "s-2", WINDOW, T0);

    IncidentStore.Split split = store.split("pod-a", "inc-9", "s-9", T0).orElseThrow();

    assertThat(split.fromIncidentId()).isEqualTo("inc-1");
    assertThat(split.alarm().alarm()).isEqualTo("{\"alarmName\":\"pod-a\"}");
    assertThat(store.openIncidentId("pod-a")).contains("inc-9");
    assertThat(store.incident("inc-1").orElseThrow().related()).isEmpty();
    assertThat(store.incident("inc-9").orElseThrow().correlation()).contains("inc-1").contains("분리");
    assertThat(store.endEpisode("node-cpu", "inc-1", T0)).isEqualTo(IncidentStore.EpisodeEnd.ENDED);
    assertThat(store.split("never-fired", "inc-11", "s-11", T0)).isEmpty();
  }

  @Test
  void aSplitRefusesTheAlarmThatOpenedTheIncident() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);

    assertThatThrownBy(() -> store.split("node-cpu", "inc-2", "s-2", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opened incident inc-1 itself");
  }

  @Test
  void theRelatedCommentAndTheFollowUpAreClaimedOnce() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);
    store.correlate(pod("pod-a", "shop", "shop/a", T0), "{}", "inc-2", "s-2", WINDOW, T0);

    assertThat(store.claimRelatedComment("inc-1", "pod-a", T0)).isTrue();
    assertThat(store.claimRelatedComment("inc-1", "pod-a", T0)).isFalse();
    assertThat(store.claimFollowUp("inc-1", "s-2", T0)).as("not before the analysis is posted").isFalse();
    store.markAnalyzed("inc-1", List.of(), T0);
    assertThat(store.claimFollowUp("inc-1", "s-2", T0)).isTrue();
    assertThat(store.claimFollowUp("inc-1", "s-3", T0)).isFalse();
  }

  @Test
  void spendAddsUpPerIncidentAndPerDay() {
    store.correlate(node("node-cpu", "ip-1"), "{}", "inc-1", "s-1", WINDOW, T0);

    store.addSpend("inc-1", new Spend(1000, 200, 6000, 1), T0);
    Spend day = store.addSpend("other", new Spend(500, 100, 3000, 1), T0);

    assertThat(store.incident("inc-1").orElseThrow().spend()).isEqualTo(new Spend(1000, 200, 6000, 1));
    assertThat(day).isEqualTo(new Spend(1500, 300, 9000, 2));
  }

  private static AlarmScope pod(String name, String namespace, String workload, Instant at) {
    return new AlarmScope(name, "eks-1", Set.of(namespace), Set.of(workload), Set.of(), Set.of(), at,
        "ContainerInsights/pod_cpu_utilization");
  }

  private static AlarmScope node(String name, String node) {
    return new AlarmScope(name, "eks-1", Set.of(), Set.of(), Set.of(node), Set.of(), T0,
        "ContainerInsights/node_cpu_utilization");
  }

  private interface Call<T> {
    T apply(int i);
  }

  private static <T> List<T> inParallel(int n, Call<T> call) throws Exception {
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
