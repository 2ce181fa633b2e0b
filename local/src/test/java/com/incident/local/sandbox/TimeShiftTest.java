package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeShiftTest {
  private final TimeShift shift = TimeShift.between(Instant.parse("2026-11-21T03:15:12.345Z"),
      Instant.parse("2026-11-30T05:20:12.345Z"));

  @Test
  void movesEveryTimestampOfALogLineAndKeepsHowItWasWritten() {
    assertThat(shift.line("2026-11-21 03:13:58.441  WARN 1 --- [main] retry at 2026-11-21T03:14:00Z (+0000: 2026-11-21T03:14:00.5+00:00)"))
        .isEqualTo("2026-11-30 05:18:58.441  WARN 1 --- [main] retry at 2026-11-30T05:19:00Z (+0000: 2026-11-30T05:19:00.5+00:00)");
    assertThat(shift.line("2317:C 21 Nov 2026 03:05:20.402 # Write error saving DB on disk")).as("not ISO 8601: as written")
        .isEqualTo("2317:C 21 Nov 2026 03:05:20.402 # Write error saving DB on disk");
  }

  @Test
  void movesTheObjectsTimestampValuesButNotStringsThatMerelyContainOne() {
    ObjectNode pod = Json.object();
    pod.putObject("metadata").putObject("annotations")
        .put("kubectl.kubernetes.io/last-applied-configuration", "{\"note\":\"2026-11-21T03:00:00Z\"}");
    pod.putObject("status").putArray("containerStatuses").addObject().putObject("lastState").putObject("terminated")
        .put("finishedAt", "2026-11-21T03:13:58Z").put("exitCode", 137);

    ObjectNode moved = shift.object(pod);

    assertThat(moved.at("/status/containerStatuses/0/lastState/terminated/finishedAt").asText()).isEqualTo("2026-11-30T05:18:58Z");
    assertThat(moved.at("/status/containerStatuses/0/lastState/terminated/exitCode").asInt()).isEqualTo(137);
    assertThat(moved.at("/metadata/annotations").toString()).contains("2026-11-21T03:00:00Z");
    assertThat(pod.at("/status/containerStatuses/0/lastState/terminated/finishedAt").asText()).as("the input is left as it was")
        .isEqualTo("2026-11-21T03:13:58Z");
  }
}
