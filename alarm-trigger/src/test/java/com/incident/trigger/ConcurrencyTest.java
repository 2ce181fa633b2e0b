package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.trigger.core.Action;
import com.incident.trigger.core.RecordOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int DELIVERIES = 16;
  private final Rig rig = new Rig(Map.of("RATE_LIMIT_PER_ALARM_PER_HOUR", "100", "RATE_LIMIT_GLOBAL_PER_HOUR", "100"));

  @BeforeEach
  void acceptEverything() {
    rig.cognito.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return token("tok", 3600);
      }
    });
    rig.agent.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return status(202);
      }
    });
  }

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void parallelDeliveriesOfTheSameMessageStartExactlyOneSession() throws Exception {
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    List<RecordOutcome> outcomes = inParallel(i -> rig.service.handle(e, null).get(0));

    assertThat(outcomes).filteredOn(o -> o.result().action() == Action.STARTED).hasSize(1)
        .allSatisfy(o -> assertThat(o.needsRetry()).isFalse());
    assertThat(outcomes).filteredOn(o -> o.result().action() != Action.STARTED)
        .allSatisfy(o -> assertThat(o.result().action()).isEqualTo(Action.DUPLICATE));
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void parallelAlarmsOfOneAlarmOpenExactlyOneIncident() throws Exception {
    List<RecordOutcome> outcomes = inParallel(i ->
        rig.service.handle(event("m-" + i, alarmMessage("a1", "ALARM", "OK")), null).get(0));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.needsRetry()).as(o.toString()).isFalse());
    Map<Action, Long> byAction = outcomes.stream()
        .collect(Collectors.groupingBy(o -> o.result().action(), Collectors.counting()));
    assertThat(byAction).containsEntry(Action.STARTED, 1L).containsEntry(Action.RECURRENCE, (long) DELIVERIES - 1);
    assertThat(rig.attr("INCIDENT#" + rig.attr("ALARM#a1", "openIncidentId"), "occurrences"))
        .isEqualTo(String.valueOf(DELIVERIES));
  }

  private List<RecordOutcome> inParallel(Function<Integer, RecordOutcome> delivery) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(DELIVERIES);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RecordOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < DELIVERIES; i++) {
        int n = i;
        futures.add(pool.submit((Callable<RecordOutcome>) () -> {
          go.await();
          return delivery.apply(n);
        }));
      }
      go.countDown();
      List<RecordOutcome> outcomes = new ArrayList<>();
      for (Future<RecordOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
