package com.incident.trigger;

import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.trigger.core.Action;
import com.incident.trigger.core.RecordOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Related alarms through the whole trigger: DynamoDB Local, the agent behind MockWebServer, real threads. */
class AlarmStormTest {
  private final Rig rig = new Rig(Map.of("RATE_LIMIT_PER_ALARM_PER_HOUR", "100", "RATE_LIMIT_GLOBAL_PER_HOUR", "100"));
  private final List<JsonNode> agentRequests = ParallelDeliveries.acceptEverything(rig);

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void twentyRelatedAlarmsAtTheSameMomentStartOneAnalysisAndNineteenRelatedAlarmSessions() throws Exception {
    int n = 20;
    List<RecordOutcome> outcomes = ParallelDeliveries.run(n, i ->
        rig.service.handle(event("m-" + i, alarmMessage("ui-pod-cpu-" + i, "ALARM", "OK")), null).get(0));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.needsRetry()).as(o.toString()).isFalse());
    Map<Action, Long> byAction = outcomes.stream()
        .collect(Collectors.groupingBy(o -> o.result().action(), Collectors.counting()));
    assertThat(byAction).containsOnly(Map.entry(Action.STARTED, 1L), Map.entry(Action.CORRELATED, (long) n - 1));
    assertThat(agentRequests).filteredOn(r -> r.path("mode").asText().equals("analyze")).hasSize(1);
    assertThat(agentRequests).filteredOn(r -> r.path("mode").asText().equals("correlated")).hasSize(n - 1)
        .extracting(r -> r.path("incidentId").asText()).containsOnly(
            agentRequests.stream().filter(r -> r.path("mode").asText().equals("analyze")).findFirst().orElseThrow()
                .path("incidentId").asText());
    assertThat(rig.keys()).filteredOn(k -> k.startsWith("INCIDENT#")).hasSize(1);
    assertThat(rig.metrics).filteredOn(m -> m.startsWith("AlarmsCorrelated")).hasSize(n - 1);
  }

  @Test
  void theIncidentRecoversWithItsLastAlarmOnly() {
    rig.invoke(event("m-1", alarmMessage("ui-a", "ALARM", "OK")));
    rig.invoke(event("m-2", alarmMessage("ui-b", "ALARM", "OK")));

    JsonNode first = rig.invoke(event("m-3", alarmMessage("ui-a", "OK", "ALARM"))).get(0);
    JsonNode last = rig.invoke(event("m-4", alarmMessage("ui-b", "OK", "ALARM"))).get(0);

    assertThat(first.path("action").asText()).isEqualTo("skipped");
    assertThat(first.path("reason").asText()).contains("waits until its related alarms are OK");
    assertThat(last.path("action").asText()).isEqualTo("recovery");
    assertThat(agentRequests).extracting(r -> r.path("mode").asText())
        .containsExactly("analyze", "correlated", "recovery");
  }

  @Test
  void aSplitInvocationMovesTheJoinedAlarmToItsOwnAnalysedIncident() {
    rig.invoke(event("m-1", alarmMessage("ui-a", "ALARM", "OK")));
    rig.invoke(event("m-2", alarmMessage("ui-b", "ALARM", "OK")));
    String grouped = rig.attr("ALARM#ui-b", "openIncidentId");

    JsonNode split = rig.invoke("{\"action\":\"split\",\"alarmName\":\"ui-b\"}").get(0);
    JsonNode openerSplit = rig.invoke("{\"action\":\"split\",\"alarmName\":\"ui-a\"}").get(0);
    JsonNode unknown = rig.invoke("{\"action\":\"split\",\"alarmName\":\"never\"}").get(0);

    assertThat(split.path("action").asText()).isEqualTo("split");
    assertThat(split.path("reason").asText()).contains("split from incident " + grouped);
    assertThat(rig.attr("ALARM#ui-b", "openIncidentId")).isNotEqualTo(grouped);
    JsonNode analysis = agentRequests.getLast();
    assertThat(analysis.path("mode").asText()).isEqualTo("analyze");
    assertThat(analysis.path("alarm").path("alarmName").asText()).isEqualTo("ui-b");
    assertThat(openerSplit.path("action").asText()).isEqualTo("rejected");
    assertThat(openerSplit.path("reason").asText()).contains("only an alarm that joined");
    assertThat(unknown.path("action").asText()).isEqualTo("skipped");
  }

  @Test
  void withTheWindowAtZeroEveryAlarmOpensItsOwnIncident() {
    try (Rig off = new Rig(Map.of("CORRELATION_WINDOW_MINUTES", "0"))) {
      off.cognito.setDispatcher(rig.cognito.getDispatcher());
      off.agent.setDispatcher(rig.agent.getDispatcher());

      off.invoke(event("m-1", alarmMessage("ui-a", "ALARM", "OK")));
      off.invoke(event("m-2", alarmMessage("ui-b", "ALARM", "OK")));

      assertThat(off.keys()).filteredOn(k -> k.startsWith("INCIDENT#")).hasSize(2);
    }
  }
}
