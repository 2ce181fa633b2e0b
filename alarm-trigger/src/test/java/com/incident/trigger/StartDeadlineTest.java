package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.trigger.core.RecordOutcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting the agent retries only while the invocation has time left to record a failure. */
class StartDeadlineTest {
  private final Rig rig = new Rig(Map.of("HTTP_REQUEST_TIMEOUT_MS", "1500"));

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void withTimeForOneAttemptOnlyTheStartIsNotRetriedAndTheDeliveryComesBack() {
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(503));
    }

    // 4 s left, 3 s of it kept for recording the failure: a second 1.5 s attempt no longer fits.
    RecordOutcome outcome = rig.service.handle(event("m-1", alarmMessage("a1", "ALARM", "OK")), Duration.ofSeconds(4))
        .get(0);

    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
    assertThat(rig.sleeps).isEmpty();
    assertThat(outcome.needsRetry()).isTrue();
    assertThat(outcome.retryReason()).contains("no time left before the function's deadline", "HTTP 503");
  }

  @Test
  void withTimeLeftTheStartIsRetriedUpToItsAttempts() {
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(503));
    }

    RecordOutcome outcome = rig.service.handle(event("m-1", alarmMessage("a1", "ALARM", "OK")), Duration.ofMinutes(5))
        .get(0);

    assertThat(rig.agent.getRequestCount()).isEqualTo(3);
    assertThat(rig.sleeps).hasSize(2);
    assertThat(outcome.retryReason()).contains("failed after 3 attempts");
  }
}
