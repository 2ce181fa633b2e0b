package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import com.incident.store.Plan;
import com.incident.trigger.core.Action;
import com.incident.trigger.core.RecordOutcome;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedeliveryTest {
  private final Rig rig = new Rig(Map.of("HTTP_REQUEST_TIMEOUT_MS", "1500"));
  private final IncidentStore store = new DynamoIncidentStore(rig.ddb.client(), rig.table, rig.config.expiry());

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aDeliveryThatDiedMidwayBlocksRedeliveryUntilItsLeaseEndsThenItsPlannedSessionIsResumed() throws Exception {
    // A first delivery claimed the message, opened the incident, planned the session and then died.
    String incident = store.openOrJoin("a1", "inc-1", "alarm-a1-planned", rig.clock.instant(), rig.clock.instant())
        .incidentId();
    store.claimDelivery("m-1", rig.clock.instant(), rig.clock.instant().plus(rig.config.claimLease()));
    store.planDelivery("m-1", new Plan(AnalysisMode.ANALYZE, incident, "alarm-a1-planned"), rig.clock.instant());
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    RecordOutcome busy = rig.service.handle(e, null).get(0);

    assertThat(busy.result().action()).isEqualTo(Action.DUPLICATE);
    assertThat(busy.needsRetry()).isTrue();
    assertThat(rig.agent.getRequestCount()).isZero();

    rig.clock.advance(rig.config.claimLease().plusSeconds(1));
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));
    RecordOutcome resumed = rig.service.handle(e, null).get(0);

    assertThat(resumed.needsRetry()).isFalse();
    assertThat(resumed.result().action()).isEqualTo(Action.STARTED);
    assertThat(resumed.result().sessionId()).isEqualTo("alarm-a1-planned");
    AgentRequest sent = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(sent.sessionId()).isEqualTo("alarm-a1-planned");
    assertThat(sent.incidentId()).isEqualTo("inc-1");
    assertThat(sent.mode()).isEqualTo(AnalysisMode.ANALYZE);
  }

  @Test
  void anAgentThatDoesNotAnswerInTimeIsRetried() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(new MockResponse.Builder().code(202).headersDelay(5, TimeUnit.SECONDS).build());
    rig.agent.enqueue(status(202));

    RecordOutcome r = rig.service.handle(event("m-1", alarmMessage("a1", "ALARM", "OK")), null).get(0);

    assertThat(r.needsRetry()).isFalse();
    assertThat(r.result().action()).isEqualTo(Action.STARTED);
    assertThat(rig.agent.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(rig.agent.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(rig.sleeps).hasSize(1);
  }
}
