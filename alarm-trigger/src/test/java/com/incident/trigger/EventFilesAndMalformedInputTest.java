package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AgentRequest;
import com.incident.common.json.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventFilesAndMalformedInputTest {
  private final Rig rig = new Rig();

  @AfterEach
  void close() {
    rig.close();
  }

  static Stream<Path> snsEvents() {
    return SnsFixtures.snsEventFiles().stream();
  }

  @Test
  void theRepositoryShipsEverySnsEventShape() {
    assertThat(SnsFixtures.snsEventFiles()).extracting(p -> p.getFileName().toString())
        .contains("sns-alarm-pod-cpu.json", "sns-ok-pod-cpu.json", "sns-insufficient-data.json",
            "sns-alarm-metric-math.json", "sns-alarm-composite.json", "sns-alarm-anomaly-band.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snsEvents")
  void everySnsEventFileIsHandledAccordingToItsState(Path file) throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return status(202);
      }
    });

    JsonNode results = rig.invoke(SnsFixtures.read(file));

    assertThat(results).isNotEmpty();
    for (JsonNode r : results) {
      assertThat(r.path("alarmName").asText()).as(file + " alarmName").isNotBlank();
      String expected = switch (r.path("state").asText()) {
        case "ALARM" -> "started";
        case "OK", "INSUFFICIENT_DATA" -> "skipped";
        default -> "unexpected state " + r.path("state");
      };
      assertThat(r.path("action").asText()).as(file + " " + r).isEqualTo(expected);
    }
    for (int i = 0; i < rig.agent.getRequestCount(); i++) {
      AgentRequest sent = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
      assertThat(sent.alarm().kind()).isNotNull();
      assertThat(sent.prompt()).contains("조사 구간");
    }
  }

  static Stream<Arguments> malformedEvents() {
    String good = alarmMessage("a1", "ALARM", "OK");
    return Stream.of(
        Arguments.of("not JSON", "{{{", "event is not valid JSON"),
        Arguments.of("no Records", "{\"detail\":{}}", "no Records array"),
        Arguments.of("Records not an array", "{\"Records\":{}}", "no Records array"),
        Arguments.of("SQS record", "{\"Records\":[{\"eventSource\":\"aws:sqs\",\"EventSource\":\"aws:sqs\"}]}",
            "EventSource is 'aws:sqs'"),
        Arguments.of("no Sns object", "{\"Records\":[{\"EventSource\":\"aws:sns\"}]}", "no Sns object"),
        Arguments.of("no MessageId", "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":\"{}\"}}]}",
            "no MessageId"),
        Arguments.of("no Message", "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"x\"}}]}",
            "no Message"),
        Arguments.of("Message not JSON", event("x", "ALARM: cpu high"), "not JSON"),
        Arguments.of("Message is a JSON array", event("x", "[1,2]"), "not a JSON object"),
        Arguments.of("non-alarm notification", event("x", "{\"source\":\"aws.ec2\",\"detail\":{}}"),
            "not a CloudWatch alarm notification"),
        Arguments.of("no AlarmName", event("x", good.replace("\"AlarmName\":\"a1\",", "")), "missing AlarmName"),
        Arguments.of("no NewStateValue", event("x", good.replace("\"NewStateValue\":\"ALARM\",", "")),
            "missing NewStateValue"),
        Arguments.of("unknown state", event("x", good.replace("\"NewStateValue\":\"ALARM\"",
            "\"NewStateValue\":\"BROKEN\"")), "'BROKEN' is not ALARM, OK or INSUFFICIENT_DATA"),
        Arguments.of("bad StateChangeTime", event("x", good.replace("2026-11-21T03:15:12.000+0000", "yesterday")),
            "StateChangeTime 'yesterday' is not a timestamp"),
        Arguments.of("no Trigger nor AlarmRule", event("x", good.replaceAll("(?s),\\s*\"Trigger\":.*", "}")),
            "neither Trigger nor AlarmRule"),
        Arguments.of("metric Trigger without MetricName", event("x",
            good.replace("\"MetricName\":\"pod_cpu_utilization\",", "")), "missing MetricName"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEvents")
  void malformedInputIsRejectedWithAReasonAndNeverThrows(String name, String event, String reason) {
    JsonNode results = rig.invoke(event);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).path("action").asText()).isEqualTo("rejected");
    assertThat(results.get(0).path("reason").asText()).contains(reason);
    assertThat(rig.agent.getRequestCount()).isZero();
  }

  @Test
  void aRejectedRecordDoesNotStopTheOtherRecordsOfTheEvent() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));

    JsonNode results = rig.invoke(event(
        "bad", "not json at all",
        "good", alarmMessage("a1", "ALARM", "OK"),
        "alien", "{\"hello\":\"world\"}"));

    assertThat(results).extracting(n -> n.path("action").asText()).containsExactly("rejected", "started", "rejected");
    assertThat(results.get(0).path("messageId").asText()).isEqualTo("bad");
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
    assertThat(rig.attr("MSG#bad", "action")).as("rejected input is recorded with its reason").isEqualTo("rejected");
    assertThat(rig.attr("MSG#bad", "reason")).contains("not JSON");
  }
}
