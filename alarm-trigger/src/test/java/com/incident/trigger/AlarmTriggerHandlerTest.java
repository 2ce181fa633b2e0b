package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;
import static com.incident.trigger.SnsFixtures.alarmMessage;
import static com.incident.trigger.SnsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.store.IncidentStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlarmTriggerHandlerTest {
  private final Rig rig = new Rig();

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void alarmWithNoOpenIncidentOpensOneAndStartsAnAnalysisSessionWithAnExactRequest() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));

    JsonNode r = rig.invoke(event("m-1", alarmMessage("netaiops-cpu-spike", "ALARM", "OK"))).get(0);

    assertThat(r.path("messageId").asText()).isEqualTo("m-1");
    assertThat(r.path("alarmName").asText()).isEqualTo("netaiops-cpu-spike");
    assertThat(r.path("state").asText()).isEqualTo("ALARM");
    assertThat(r.path("action").asText()).isEqualTo("started");
    String sessionId = r.path("sessionId").asText();
    assertThat(sessionId).startsWith("alarm-netaiops-cpu-spike-").matches(AgentRequest.SESSION_ID_PATTERN);

    RecordedRequest tokenRequest = rig.cognito.takeRequest();
    assertThat(tokenRequest.getMethod()).isEqualTo("POST");
    assertThat(tokenRequest.getUrl().encodedPath()).isEqualTo("/oauth2/token");
    assertThat(tokenRequest.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(tokenRequest.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString("alarm-trigger-client:s3cr3t%2Fwith%2Bchars".getBytes(StandardCharsets.UTF_8)));
    assertThat(tokenRequest.getBody().utf8())
        .isEqualTo("grant_type=client_credentials&scope=incident-api%2Finvoke");

    RecordedRequest start = rig.agent.takeRequest();
    assertThat(start.getMethod()).isEqualTo("POST");
    assertThat(start.getUrl().encodedPath()).isEqualTo("/invocations");
    assertThat(start.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(start.getHeaders().get("Content-Type")).isEqualTo("application/json");
    AgentRequest body = Json.read(start.getBody().utf8(), AgentRequest.class);
    assertThat(body.sessionId()).isEqualTo(sessionId);
    assertThat(body.actor()).isEqualTo("alarm-trigger");
    assertThat(body.mode().id()).isEqualTo("analyze");
    assertThat(body.alarm().alarmName()).isEqualTo("netaiops-cpu-spike");
    assertThat(body.alarm().podName()).isEqualTo("ui");
    assertThat(body.alarm().observedValue()).isEqualTo(91.5);
    assertThat(body.prompt()).contains("원인을 분석", "임계값: > 80", "관측값: 91.5", "2026-11-21T02:45:12Z",
        "2026-11-21T03:45:12Z");
    assertThat(body.receivedAt()).isEqualTo(rig.clock.instant());

    String incidentId = body.incidentId();
    assertThat(rig.attr(IncidentTable.alarmKey("netaiops-cpu-spike"), IncidentTable.OPEN_INCIDENT_ID))
        .isEqualTo(incidentId);
    assertThat(rig.attr(IncidentTable.incidentKey(incidentId), IncidentTable.STATUS))
        .isEqualTo(IncidentStatus.ANALYZING.name());
    assertThat(rig.attr(IncidentTable.incidentKey(incidentId), IncidentTable.SESSION_ID)).isEqualTo(sessionId);
    assertThat(rig.attr(IncidentTable.incidentKey(incidentId), IncidentTable.TTL)).isNotNull();
    assertThat(rig.attr(IncidentTable.MESSAGE_PREFIX + "m-1", IncidentTable.STATUS)).isEqualTo("DONE");
  }

  @Test
  void sameMessageDeliveredAgainIsADuplicateAndStartsNothing() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));
    String first = rig.invoke(e).get(0).path("sessionId").asText();

    JsonNode again = rig.invoke(e).get(0);

    assertThat(again.path("action").asText()).isEqualTo("duplicate");
    assertThat(again.path("sessionId").asText()).isEqualTo(first);
    assertThat(rig.agent.getRequestCount()).isEqualTo(1);
  }

  @Test
  void alarmWhileIncidentOpenIsARecurrenceOnTheSameIncidentAndReusesTheCachedToken() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(202));
    rig.agent.enqueue(status(202));
    rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK")));
    AgentRequest first = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);

    JsonNode r = rig.invoke(event("m-2", alarmMessage("a1", "ALARM", "INSUFFICIENT_DATA"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("recurrence");
    RecordedRequest second = rig.agent.takeRequest();
    AgentRequest body = Json.read(second.getBody().utf8(), AgentRequest.class);
    assertThat(body.mode().id()).isEqualTo("recurrence");
    assertThat(body.incidentId()).isEqualTo(first.incidentId());
    assertThat(body.sessionId()).isNotEqualTo(first.sessionId()).isEqualTo(r.path("sessionId").asText());
    assertThat(body.prompt()).contains("재발", "새 이슈를 만들지 말고");
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(rig.cognito.getRequestCount()).isEqualTo(1);
    assertThat(rig.attr(IncidentTable.incidentKey(first.incidentId()), IncidentTable.OCCURRENCES)).isEqualTo("2");
  }

  @Test
  void okWhileIncidentOpenRoutesRecoveryAndEndsTheEpisodeSoTheNextAlarmOpensANewIncident() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(202));
    }
    rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK")));
    String incident = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class).incidentId();

    JsonNode ok = rig.invoke(event("m-2", alarmMessage("a1", "OK", "ALARM"))).get(0);

    assertThat(ok.path("action").asText()).isEqualTo("recovery");
    AgentRequest recovery = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(recovery.mode().id()).isEqualTo("recovery");
    assertThat(recovery.incidentId()).isEqualTo(incident);
    assertThat(recovery.prompt()).contains("복구를 검증", "이슈를 닫으세요");
    assertThat(rig.attr(IncidentTable.incidentKey(incident), IncidentTable.STATUS))
        .isEqualTo(IncidentStatus.RECOVERING.name());
    assertThat(rig.attr(IncidentTable.alarmKey("a1"), IncidentTable.OPEN_INCIDENT_ID)).isNull();

    JsonNode next = rig.invoke(event("m-3", alarmMessage("a1", "ALARM", "OK"))).get(0);
    assertThat(next.path("action").asText()).isEqualTo("started");
    assertThat(Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class).incidentId())
        .isNotEqualTo(incident);
  }

  @Test
  void okAndInsufficientDataWithoutAnOpenIncidentAreSkippedWithoutCallingAnyone() {
    JsonNode results = rig.invoke(event(
        "m-1", alarmMessage("a1", "OK", "ALARM"),
        "m-2", alarmMessage("a2", "INSUFFICIENT_DATA", "OK")));

    assertThat(results.get(0).path("action").asText()).isEqualTo("skipped");
    assertThat(results.get(0).path("reason").asText()).isEqualTo("OK with no open incident");
    assertThat(results.get(1).path("action").asText()).isEqualTo("skipped");
    assertThat(results.get(1).path("reason").asText()).isEqualTo("INSUFFICIENT_DATA with no open incident");
    assertThat(rig.cognito.getRequestCount()).isZero();
    assertThat(rig.agent.getRequestCount()).isZero();
  }

  @Test
  void agentFailureMarksTheIncidentFailedFailsTheDeliveryAndTheRedeliveryResumesTheSameSessionOnce()
      throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(503));
    }
    String e = event("m-ok", alarmMessage("other", "OK", "ALARM"), "m-1", alarmMessage("a1", "ALARM", "OK"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(() -> rig.handler.handleRequest(new ByteArrayInputStream(e.getBytes()), out, null))
        .isInstanceOf(RedeliveryRequiredException.class)
        .hasMessageContaining("m-1 (a1)")
        .hasMessageContaining("HTTP 503");
    JsonNode failed = Json.tree(out.toString()).path("results");
    assertThat(failed.get(0).path("action").asText()).isEqualTo("skipped");
    assertThat(failed.get(1).path("reason").asText()).contains("session not started", "SNS will redeliver");
    assertThat(rig.sleeps).hasSize(2);
    AgentRequest attempted = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(rig.attr(IncidentTable.incidentKey(attempted.incidentId()), IncidentTable.STATUS))
        .isEqualTo(IncidentStatus.FAILED.name());
    assertThat(rig.attr(IncidentTable.incidentKey(attempted.incidentId()), IncidentTable.FAILURE_REASON))
        .contains("HTTP 503");
    rig.agent.takeRequest();
    rig.agent.takeRequest();

    rig.agent.enqueue(status(202));
    JsonNode redelivered = rig.invoke(e);

    assertThat(redelivered.get(0).path("action").asText()).isEqualTo("duplicate");
    assertThat(redelivered.get(1).path("action").asText()).isEqualTo("started");
    assertThat(redelivered.get(1).path("sessionId").asText()).isEqualTo(attempted.sessionId());
    AgentRequest resumed = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(resumed.sessionId()).isEqualTo(attempted.sessionId());
    assertThat(resumed.incidentId()).isEqualTo(attempted.incidentId());
    assertThat(rig.attr(IncidentTable.incidentKey(attempted.incidentId()), IncidentTable.STATUS))
        .isEqualTo(IncidentStatus.ANALYZING.name());
    assertThat(rig.attr(IncidentTable.incidentKey(attempted.incidentId()), IncidentTable.FAILURE_REASON)).isNull();

    assertThat(rig.invoke(e).get(1).path("action").asText()).isEqualTo("duplicate");
    assertThat(rig.agent.getRequestCount()).isEqualTo(4);
  }

  @Test
  void throttledAndFailingCallsAreRetriedWithBackoff() throws Exception {
    rig.cognito.enqueue(status(500));
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.agent.enqueue(status(429));
    rig.agent.enqueue(status(202));

    JsonNode r = rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("started");
    assertThat(rig.cognito.getRequestCount()).isEqualTo(2);
    assertThat(rig.agent.getRequestCount()).isEqualTo(2);
    assertThat(rig.sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(rig.config.agent().backoff().max()));
  }

  @Test
  void aRejectedTokenIsDroppedAndFetchedAgainOnce() throws Exception {
    rig.cognito.enqueue(token("stale", 3600));
    rig.cognito.enqueue(token("fresh", 3600));
    rig.agent.enqueue(status(401));
    rig.agent.enqueue(status(202));

    JsonNode r = rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK"))).get(0);

    assertThat(r.path("action").asText()).isEqualTo("started");
    assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer stale");
    assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer fresh");
  }

  @Test
  void tokenIsRefreshedShortlyBeforeItExpires() throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    rig.cognito.enqueue(token("tok-2", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(202));
    }
    rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK")));
    rig.clock.advance(java.time.Duration.ofSeconds(3600 - 121));
    rig.invoke(event("m-2", alarmMessage("a2", "ALARM", "OK")));
    rig.clock.advance(java.time.Duration.ofSeconds(2));
    rig.invoke(event("m-3", alarmMessage("a3", "ALARM", "OK")));

    assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(rig.agent.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");
    assertThat(rig.cognito.getRequestCount()).isEqualTo(2);
  }

  @Test
  void cognitoRejectingTheClientFailsTheDeliveryNamingTheOAuthErrorButNeverTheSecret() {
    rig.cognito.enqueue(new mockwebserver3.MockResponse.Builder().code(400)
        .body("{\"error\":\"invalid_client\"}").build());
    String e = event("m-1", alarmMessage("a1", "ALARM", "OK"));

    assertThatThrownBy(() -> rig.handler.handleRequest(new ByteArrayInputStream(e.getBytes()),
        new ByteArrayOutputStream(), null))
        .isInstanceOf(RedeliveryRequiredException.class)
        .hasMessageContaining("HTTP 400 (invalid_client)")
        .hasMessageNotContaining(Rig.CLIENT_SECRET);
    assertThat(rig.agent.getRequestCount()).isZero();
  }

  @Test
  void perAlarmRateLimitSkipsWithTheReasonAndCountsTheOccurrence() throws Exception {
    try (Rig limited = new Rig(Map.of("RATE_LIMIT_PER_ALARM_PER_HOUR", "1"))) {
      limited.cognito.enqueue(token("tok-1", 3600));
      limited.agent.enqueue(status(202));
      limited.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK")));

      JsonNode r = limited.invoke(event("m-2", alarmMessage("a1", "ALARM", "OK"))).get(0);

      assertThat(r.path("action").asText()).isEqualTo("skipped");
      assertThat(r.path("reason").asText()).contains("rate limit", "RATE_LIMIT_PER_ALARM_PER_HOUR");
      assertThat(limited.agent.getRequestCount()).isEqualTo(1);
      String incident = limited.attr(IncidentTable.alarmKey("a1"), IncidentTable.OPEN_INCIDENT_ID);
      assertThat(limited.attr(IncidentTable.incidentKey(incident), IncidentTable.OCCURRENCES)).isEqualTo("2");
      assertThat(limited.attr(IncidentTable.MESSAGE_PREFIX + "m-2", "reason")).contains("rate limit");
    }
  }

  @Test
  void globalRateLimitCapsAnalysesAcrossAlarmsAndResetsNextHour() {
    // Three alarms of one workload would be one incident; the limit is about separate incidents.
    try (Rig limited = new Rig(Map.of("RATE_LIMIT_GLOBAL_PER_HOUR", "2", "CORRELATION_WINDOW_MINUTES", "0"))) {
      limited.cognito.enqueue(token("tok-1", 3600 * 3));
      for (int i = 0; i < 3; i++) {
        limited.agent.enqueue(status(202));
      }
      JsonNode results = limited.invoke(event(
          "m-1", alarmMessage("a1", "ALARM", "OK"),
          "m-2", alarmMessage("a2", "ALARM", "OK"),
          "m-3", alarmMessage("a3", "ALARM", "OK")));

      assertThat(results).extracting(n -> n.path("action").asText()).containsExactly("started", "started", "skipped");
      assertThat(results.get(2).path("reason").asText()).contains("RATE_LIMIT_GLOBAL_PER_HOUR");
      assertThat(limited.attr(IncidentTable.alarmKey("a3"), IncidentTable.OPEN_INCIDENT_ID)).isNull();

      limited.clock.advance(java.time.Duration.ofHours(1));
      assertThat(limited.invoke(event("m-4", alarmMessage("a3", "ALARM", "OK"))).get(0).path("action").asText())
          .isEqualTo("started");
    }
  }

  @Test
  void noSecretOrTokenAppearsInTheResults() {
    rig.cognito.enqueue(token("tok-secret-value", 3600));
    rig.agent.enqueue(status(202));

    String results = rig.invoke(event("m-1", alarmMessage("a1", "ALARM", "OK"))).toString();

    assertThat(results).doesNotContain("tok-secret-value").doesNotContain(Rig.CLIENT_SECRET);
  }

  @Test
  void aNewAlarmOnAnIncidentWhoseAnalysisNeverStartedAnalysesItAndTheOldDeliveryThenStandsDown()
      throws Exception {
    rig.cognito.enqueue(token("tok-1", 3600));
    for (int i = 0; i < 3; i++) {
      rig.agent.enqueue(status(503));
    }
    String first = event("m-1", alarmMessage("a1", "ALARM", "OK"));
    assertThatThrownBy(() -> rig.invoke(first)).isInstanceOf(RedeliveryRequiredException.class);
    for (int i = 0; i < 3; i++) {
      rig.agent.takeRequest();
    }

    rig.agent.enqueue(status(202));
    JsonNode next = rig.invoke(event("m-2", alarmMessage("a1", "ALARM", "INSUFFICIENT_DATA"))).get(0);

    assertThat(next.path("action").asText()).isEqualTo("started");
    assertThat(next.path("reason").asText()).contains("never started");
    AgentRequest taken = Json.read(rig.agent.takeRequest().getBody().utf8(), AgentRequest.class);
    assertThat(taken.mode().id()).isEqualTo("analyze");
    assertThat(rig.attr(IncidentTable.incidentKey(taken.incidentId()), IncidentTable.STATUS))
        .isEqualTo(IncidentStatus.ANALYZING.name());

    JsonNode redelivered = rig.invoke(first).get(0);

    assertThat(redelivered.path("action").asText()).isEqualTo("duplicate");
    assertThat(redelivered.path("reason").asText()).contains("taken over");
    assertThat(rig.agent.getRequestCount()).isEqualTo(4);
  }
}
