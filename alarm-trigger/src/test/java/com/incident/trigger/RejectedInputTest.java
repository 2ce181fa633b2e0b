package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.common.testing.LogCapture;
import com.incident.store.IncidentStatus;
import com.incident.trigger.core.SnsEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that can never succeed is recorded as rejected with its reason, logged at WARN, counted, and answered
 * without an exception (no redelivery), leaving nothing else behind; only passing trouble asks for redelivery.
 */
class RejectedInputTest {
  private Rig rig = new Rig();

  @AfterEach
  void close() {
    rig.close();
  }

  /** The pod CPU alarm notification with one change applied. */
  private static String alarm(Consumer<ObjectNode> change) {
    try {
      ObjectNode m = (ObjectNode) Json.tree(alarmMessage("a1", "ALARM", "OK"));
      change.accept(m);
      return Json.write(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> inputsThatCanNeverSucceed() {
    return Stream.of(
        Arguments.of("alarm name of 256 characters", alarm(m -> m.put("AlarmName", "n".repeat(256))),
            "AlarmName has 256 characters; CloudWatch allows at most 255"),
        Arguments.of("empty alarm name", alarm(m -> m.put("AlarmName", "")), "AlarmName is empty"),
        Arguments.of("blank alarm name", alarm(m -> m.put("AlarmName", "   ")), "AlarmName is empty"),
        Arguments.of("numeric alarm name", alarm(m -> m.put("AlarmName", 4294967297L)),
            "AlarmName must be a string, got a number"),
        Arguments.of("object alarm name", alarm(m -> m.putObject("AlarmName").put("S", "a1")),
            "AlarmName must be a string, got a object"),
        Arguments.of("alarm name with control characters", alarm(m -> m.put("AlarmName", "a1\u0000\nb")),
            "AlarmName 'a1??b' contains control characters"),
        Arguments.of("state change two days ahead", alarm(m -> m.put("StateChangeTime", "2026-11-23T03:15:21.000+0000")),
            "StateChangeTime 2026-11-23T03:15:21Z is more than 24 hours in the future"),
        Arguments.of("state change over a year ago", alarm(m -> m.put("StateChangeTime", "2025-11-20T03:15:12.000+0000")),
            "StateChangeTime 2025-11-20T03:15:12Z is more than 365 days in the past"),
        Arguments.of("composite rule longer than CloudWatch allows", alarm(m -> {
          m.remove("Trigger");
          m.put("AlarmRule", "ALARM(x) OR ".repeat(1000) + "ALARM(y)");
        }), "AlarmRule has 12008 characters; at most 10240 are accepted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputsThatCanNeverSucceed")
  void isRecordedAsRejectedWithItsReasonWithoutRedeliveryOrLeftovers(String name, String message, String reason)
      throws Exception {
    try (LogCapture log = new LogCapture(TriggerService.class)) {
      JsonNode r = rig.invoke(event("m-bad", message)).get(0);

      assertThat(r.path("action").asText()).isEqualTo("rejected");
      assertThat(r.path("reason").asText()).contains(reason);
      assertThat(rig.item("MSG#m-bad")).satisfies(item -> {
        assertThat(item.get("action").s()).isEqualTo("rejected");
        assertThat(item.get("reason").s()).isEqualTo(r.path("reason").asText());
        assertThat(item.get(IncidentTable.STATUS).s()).isEqualTo("DONE");
      });
      assertThat(rig.keys()).as("no incident, pointer or rate slot").containsExactly("MSG#m-bad");
      assertThat(rig.agent.getRequestCount()).isZero();
      assertThat(rig.cognito.getRequestCount()).isZero();
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN").contains("m-bad", reason));
      assertThat(rig.metrics).contains("InputRejected{stage=alarm}", "AlarmRecords{action=rejected}");
    }
  }

  @Test
  void aMessageIdTooLongForATableKeyIsRejectedUnderItsDigest() {
    String id = "m".repeat(2045);

    JsonNode r = rig.invoke(event(id, alarmMessage("a1", "ALARM", "OK"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText()).contains("MessageId is 2045 bytes", "2048-byte partition key limit");
    String key = "MSG#" + SnsEvents.digestId(id);
    assertThat(r.path("messageId").asText()).isEqualTo(SnsEvents.digestId(id));
    assertThat(rig.keys()).containsExactly(key);
    assertThat(rig.attr(key, "action")).isEqualTo("rejected");
    assertThat(rig.metrics).contains("InputRejected{stage=record}");
    assertThat(rig.agent.getRequestCount()).isZero();
  }

  @Test
  void aMessageIdOfMultiByteCharactersIsMeasuredInUtf8Bytes() {
    // 700 Hangul syllables are 700 characters but 2100 bytes.
    JsonNode r = rig.invoke(event("가".repeat(700), alarmMessage("a1", "ALARM", "OK"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText()).contains("MessageId is 2100 bytes");
  }

  @Test
  void theLongestAlarmNameCloudWatchAllowsIsAnalysed() throws Exception {
    String longest = "가".repeat(255);
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));

    JsonNode r = rig.invoke(event("m-1", alarm(m -> m.put("AlarmName", longest)))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("started");
    assertThat(Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class).alarm().alarmName())
        .isEqualTo(longest);
  }

  @Test
  void anOversizedDescriptionIsCutNotRejected() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));

    JsonNode r = rig.invoke(event("m-1", alarm(m -> m.put("AlarmDescription", "x".repeat(250_000))))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("started");
    AgentRequest sent = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(sent.alarm().description()).hasSize(4096).endsWith("...[cut at 4096 characters]");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 404, 413, 422})
  void anAgentRefusalIsRecordedAndClosesTheEpisodeWithoutRedelivery(int code) throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"invalid_request\",\"message\":\"alarm.alarmName is empty\"}").build());
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    JsonNode r;
    try (LogCapture log = new LogCapture(TriggerService.class)) {
      r = rig.invoke(e).get(0);
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN").contains("m-1", "HTTP " + code));
    }

    assertThat(r.path("action").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText())
        .contains("HTTP " + code, "'invalid_request': alarm.alarmName is empty");
    assertThat(rig.agent.getRequestCount()).as("a refusal is not retried").isEqualTo(1);
    assertThat(rig.sleeps).isEmpty();
    AgentRequest sent = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    String incident = IncidentTable.incidentKey(sent.incidentId());
    assertThat(rig.attr(incident, IncidentTable.STATUS)).isEqualTo(IncidentStatus.REJECTED.name());
    assertThat(rig.attr(incident, IncidentTable.FAILURE_REASON)).contains("HTTP " + code);
    assertThat(rig.attr(IncidentTable.alarmKey("a1"), IncidentTable.OPEN_INCIDENT_ID)).as("episode ended").isNull();
    assertThat(rig.item("MSG#m-1")).as("dedup lock released").satisfies(item -> {
      assertThat(item.get(IncidentTable.STATUS).s()).isEqualTo("DONE");
      assertThat(item.get("action").s()).isEqualTo("rejected");
    });
    assertThat(rig.metrics).contains("InputRejected{stage=agent}");

    // The same delivery again is a duplicate; the alarm's next notification starts a fresh incident.
    assertThat(rig.invoke(e).get(0).path("action").asText()).isEqualTo("duplicate");
    rig.agent.enqueue(status(202));
    JsonNode next = rig.invoke(event("m-2", alarmMessage("a1", "ALARM", "OK"))).get(0);
    assertThat(next.path("action").asText()).isEqualTo("started");
    assertThat(Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class).incidentId())
        .isNotEqualTo(sent.incidentId());
  }

  @Test
  void anAgentConflictLeavesTheIncidentToTheSessionAnalysingIt() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(new MockResponse.Builder().code(409)
        .body("{\"error\":\"incident_already_analysed\",\"message\":\"another session analyses it\"}").build());

    JsonNode r = rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("rejected");
    assertThat(r.path("reason").asText()).contains("HTTP 409", "incident_already_analysed");
    String incident = rig.attr(IncidentTable.alarmKey("a1"), IncidentTable.OPEN_INCIDENT_ID);
    assertThat(incident).as("the episode stays open").isNotNull();
    assertThat(rig.attr(IncidentTable.incidentKey(incident), IncidentTable.STATUS)).isNotEqualTo("REJECTED");
  }

  static Stream<Arguments> passingTrouble() {
    return Stream.of(
        Arguments.of("throttled", new MockResponse.Builder().code(429).build(), "HTTP 429"),
        Arguments.of("server error", new MockResponse.Builder().code(500).build(), "HTTP 500"),
        Arguments.of("request timeout", new MockResponse.Builder().code(408).build(), "HTTP 408"),
        Arguments.of("no answer in time", new MockResponse.Builder().code(202).headersDelay(3, TimeUnit.SECONDS)
            .build(), "timeout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passingTrouble")
  void passingTroubleFromTheAgentAsksForRedeliveryAndKeepsThePlannedSession(String name, MockResponse answer,
      String reason) {
    rig.close();
    rig = new Rig(Map.of("HTTP_REQUEST_TIMEOUT_MS", "1000"));
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(answer);
    }
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    assertThatThrownBy(() -> rig.handler.handleRequest(new ByteArrayInputStream(e.getBytes()),
        new ByteArrayOutputStream(), null))
        .isInstanceOf(RedeliveryRequiredException.class)
        .hasMessageContaining(reason);
    assertThat(rig.agent.getRequestCount()).isEqualTo(3);
    assertThat(rig.attr("MSG#m-1", IncidentTable.STATUS)).isEqualTo("FAILED");
    assertThat(rig.metrics).doesNotContain("InputRejected{stage=agent}");
  }

  @Test
  void aWholeEventThatIsNotJsonIsRecordedUnderItsDigest() {
    List<String> before = rig.keys();

    JsonNode r = rig.invoke("{{{");

    assertThat(before).isEmpty();
    assertThat(r.get(0).path("action").asText()).isEqualTo("rejected");
    assertThat(rig.keys()).containsExactly("MSG#" + SnsEvents.digestId("{{{"));
    assertThat(rig.metrics).contains("InputRejected{stage=event}");
  }
}
