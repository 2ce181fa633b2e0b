package com.incident.trigger;

import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Text from outside that alarm-trigger echoes in its log lines is redacted there, and only there. */
class LogRedactionTest {
  private final Rig rig = new Rig();

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aRejectionThatQuotesTheInputLogsItRedacted() {
    String planted = "password=hunter2 고객 900101-1234567";
    List<String> lines = new ArrayList<>();
    JsonNode result;
    try (LogCapture service = new LogCapture(TriggerService.class);
        LogCapture handler = new LogCapture(AlarmTriggerHandler.class)) {
      result = rig.invoke(event("m-1", alarmMessage("netaiops-cpu-spike", planted, "OK"))).get(0);
      lines.addAll(service.lines());
      lines.addAll(handler.lines());
    }

    assertThat(result.path("action").asText()).isEqualTo("rejected");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("WARN Rejected SNS alarm m-1"))
        .anySatisfy(l -> assertThat(l).contains("Alarm trigger results"))
        .allSatisfy(l -> assertThat(l).doesNotContain("hunter2", "900101-1234567"))
        .anySatisfy(l -> assertThat(l).contains("password=[REDACTED:secret]", "[REDACTED:rrn]"));
  }
}
