package com.incident.trigger;

import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.trigger.core.Action;
import com.incident.trigger.core.RecordOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int DELIVERIES = 16;
  private final Rig rig = new Rig(Map.of("RATE_LIMIT_PER_ALARM_PER_HOUR", "100", "RATE_LIMIT_GLOBAL_PER_HOUR", "100"));

  @BeforeEach
  void acceptEverything() {
    ParallelDeliveries.acceptEverything(rig);
  }

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void parallelDeliveriesOfTheSameMessageStartExactlyOneSession() throws Exception {
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    List<RecordOutcome> outcomes = ParallelDeliveries.run(DELIVERIES, i -> rig.service.handle(e, null).get(0));

    assertThat(outcomes).filteredOn(o -> o.result().action() == Action.STARTED).hasSize(1)
        .allSatisfy(o -> assertThat(o.needsRetry()).isFalse());
    assertThat(outcomes).filteredOn(o -> o.result().action() != Action.STARTED)
        .allSatisfy(o -> assertThat(o.result().action()).isEqualTo(Action.DUPLICATE));
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void parallelAlarmsOfOneAlarmOpenExactlyOneIncident() throws Exception {
    List<RecordOutcome> outcomes = ParallelDeliveries.run(DELIVERIES, i ->
        rig.service.handle(event("m-" + i, alarmMessage("a1", "ALARM", "OK")), null).get(0));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.needsRetry()).as(o.toString()).isFalse());
    Map<Action, Long> byAction = outcomes.stream()
        .collect(Collectors.groupingBy(o -> o.result().action(), Collectors.counting()));
    assertThat(byAction).containsEntry(Action.STARTED, 1L).containsEntry(Action.RECURRENCE, (long) DELIVERIES - 1);
    assertThat(rig.attr("INCIDENT#" + rig.attr("ALARM#a1", "openIncidentId"), "occurrences"))
        .isEqualTo(String.valueOf(DELIVERIES));
  }
}
