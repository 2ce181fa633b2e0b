package com.incident.agent;

import com.incident.common.config.Env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.MutableClock;
import com.incident.agent.testing.RecordingMetrics;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.incident.IncidentTable;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.common.testing.LogCapture;
import com.incident.common.testing.TestTokens;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The endpoint against DynamoDB Local: fields are validated like alarm-trigger validates them, an incident is
 * analysed by one session, and the trigger's hourly budget holds for every token holder.
 */
class AgentEndpointLimitsTest {
  /**
   * Near the real time, not the fixture's: DynamoDB Local deletes items whose TTL has passed, and claims and
   * rate counters expire days (or hours) after the clock's now.
   */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static TestTokens tokens;

  private final DynamoDbLocal dynamo = DynamoDbLocal.shared();
  private final String table = dynamo.newIncidentTable();
  private final IncidentStore store = new DynamoIncidentStore(dynamo.client(), table,
      DynamoIncidentStore.Expiry.all(Duration.ofDays(7)));
  private final MutableClock clock = new MutableClock(NOW);
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final List<WorkerPayload> launched = new CopyOnWriteArrayList<>();
  private final AsyncLauncher launcher = launched::add;

  @BeforeAll
  static void pool() {
    tokens = TestTokens.start();
  }

  @AfterAll
  static void stopPool() {
    tokens.close();
  }

  private AgentEndpoint endpoint(int perAlarmPerHour, int globalPerHour) {
    return new AgentEndpoint(new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(tokens.env()))), store,
        new DynamoAnalysisRateLimit(dynamo.client(), table, new AnalysisRateLimit.Limits(perAlarmPerHour, globalPerHour)),
        launcher, clock, metrics);
  }

  private static ObjectNode request(Consumer<ObjectNode> change) {
    ObjectNode body = Json.MAPPER.valueToTree(Harness.request(AnalysisMode.ANALYZE));
    body.put("receivedAt", NOW.minusSeconds(1).toString());
    alarm(body).put("stateChangeTime", NOW.minusSeconds(8).toString());
    change.accept(body);
    return body;
  }

  private static ObjectNode request(String sessionId, String incidentId, String alarmName) {
    return request(b -> {
      b.put("sessionId", sessionId).put("incidentId", incidentId);
      ((ObjectNode) b.get("alarm")).put("alarmName", alarmName);
    });
  }

  private AgentEndpoint.Reply post(AgentEndpoint endpoint, String body) {
    return endpoint.handle(FunctionUrl.Request.of("POST",
        Map.of("content-type", "application/json", "authorization", tokens.bearer()), body));
  }

  private static ObjectNode alarm(ObjectNode body) {
    return (ObjectNode) body.get("alarm");
  }

  static Stream<Arguments> malformedFields() {
    return Stream.of(
        Arguments.of("alarm name of 256 characters", Json.write(request(b -> alarm(b).put("alarmName", "n".repeat(256)))),
            "alarm.alarmName has 256 characters; CloudWatch allows at most 255"),
        Arguments.of("empty alarm name", Json.write(request(b -> alarm(b).put("alarmName", ""))),
            "alarm.alarmName is empty"),
        Arguments.of("numeric alarm name", Json.write(request(b -> alarm(b).put("alarmName", 4294967297L))),
            "alarm.alarmName must be a string, got a number"),
        Arguments.of("alarm name with a newline", Json.write(request(b -> alarm(b).put("alarmName", "a\nb"))),
            "alarm.alarmName 'a?b' contains control characters"),
        Arguments.of("alarm time two days ahead",
            Json.write(request(b -> alarm(b).put("stateChangeTime", NOW.plus(Duration.ofDays(2)).toString()))),
            "alarm.stateChangeTime " + NOW.plus(Duration.ofDays(2)) + " is more than 24 hours in the future"),
        Arguments.of("alarm time over a year ago",
            Json.write(request(b -> alarm(b).put("stateChangeTime", NOW.minus(Duration.ofDays(366)).toString()))),
            "alarm.stateChangeTime " + NOW.minus(Duration.ofDays(366)) + " is more than 365 days in the past"),
        Arguments.of("alarm time missing", Json.write(request(b -> alarm(b).remove("stateChangeTime"))),
            "alarm.stateChangeTime is required"),
        Arguments.of("alarm time not a time", Json.write(request(b -> alarm(b).put("stateChangeTime", "yesterday"))),
            "alarm.stateChangeTime must be an ISO-8601 time such as 2026-11-21T03:15:12Z"),
        Arguments.of("received in the future",
            Json.write(request(b -> b.put("receivedAt", NOW.plus(Duration.ofDays(30)).toString()))),
            "receivedAt " + NOW.plus(Duration.ofDays(30)) + " is more than 24 hours in the future"),
        Arguments.of("session id too long for a key", Json.write(request(b -> b.put("sessionId", "s".repeat(3000)))),
            "sessionId must match"),
        Arguments.of("incident id with a key separator", Json.write(request(b -> b.put("incidentId", "x#SESSION#y"))),
            "incidentId must match"),
        Arguments.of("description beyond any alarm's", Json.write(request(b -> alarm(b).put("description", "d".repeat(5000)))),
            "alarm.description has 5000 characters; at most 4096 are accepted"),
        Arguments.of("prompt beyond what the trigger builds", Json.write(request(b -> b.put("prompt", "p".repeat(40_000)))),
            "prompt has 40000 characters; at most 32768 are accepted"),
        Arguments.of("unknown mode", Json.write(request(b -> b.put("mode", "explode"))),
            "mode must be one of analyze, recurrence, recovery"),
        Arguments.of("mode as a number", Json.write(request(b -> b.put("mode", 1))), "mode must be a string, got a number"),
        Arguments.of("period as text", Json.write(request(b -> alarm(b).put("periodSeconds", "sixty"))),
            "alarm.periodSeconds has a value of the wrong kind"),
        Arguments.of("alarm as a list", Json.write(request(b -> b.putArray("alarm").add(1))), "alarm must be an object"),
        Arguments.of("body as a list", "[1,2]", "body must be a JSON object"),
        Arguments.of("two objects", Json.write(request(b -> {})) + "{}", "The body is not one valid JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFields")
  void aMalformedFieldIs400NamingItWithoutJavaInternalsAndStartsNothing(String name, String body, String message) {
    AgentEndpoint.Reply reply;
    try (LogCapture log = new LogCapture(AgentEndpoint.class)) {
      reply = post(endpoint(3, 10), body);
      assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN").contains("400", message));
    }

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("error").asText()).isEqualTo("invalid_request");
    assertThat(reply.body().path("message").asText()).contains(message)
        .doesNotContain("java.", "com.", "Exception", "`", "Cannot ", "[Source", "\tat ");
    assertThat(launched).isEmpty();
    assertThat(items()).as("nothing claimed").isEmpty();
    assertThat(metrics.metrics).anySatisfy(m -> assertThat(m.name() + m.dimensions())
        .isEqualTo("RequestsRejected{error=invalid_request}"));
  }

  @Test
  void aSecondSessionForTheSameIncidentIs409AndStartsNothing() {
    AgentEndpoint endpoint = endpoint(3, 10);

    AgentEndpoint.Reply first = post(endpoint, Json.write(request("alarm-a-1", "inc-1", "a")));
    AgentEndpoint.Reply second = post(endpoint, Json.write(request("alarm-a-2", "inc-1", "a")));

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body().path("error").asText()).isEqualTo("incident_already_claimed");
    assertThat(second.body().path("message").asText()).contains("inc-1", "nothing was started");
    assertThat(launched).extracting(p -> p.request().sessionId()).containsExactly("alarm-a-1");
    assertThat(attribute(IncidentTable.incidentKey("inc-1"), IncidentTable.ANALYSIS_SESSION_ID)).isEqualTo("alarm-a-1");
    assertThat(item("SESSION#alarm-a-2")).as("the refused session holds nothing").isEmpty();
  }

  @Test
  void tenTokenHolderRequestsForOneIncidentStartOneAnalysis() {
    AgentEndpoint endpoint = endpoint(100, 100);

    List<Integer> statuses = java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> post(endpoint, Json.write(request("replay-" + i, "inc-1", "a"))).status()).toList();

    assertThat(statuses).containsExactly(202, 409, 409, 409, 409, 409, 409, 409, 409, 409);
    assertThat(launched).hasSize(1);
  }

  @Test
  void theSameSessionAgainIsAcceptedIdempotentlyWithoutASecondRun() {
    AgentEndpoint endpoint = endpoint(3, 10);
    String body = Json.write(request("alarm-a-1", "inc-1", "a"));

    post(endpoint, body);
    AgentEndpoint.Reply again = post(endpoint, body);

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().path("status").asText()).isEqualTo("already-accepted");
    assertThat(launched).hasSize(1);
  }

  @Test
  void aSessionTheTriggerHandedTheIncidentToAfterAFailedStartMayAnalyseIt() {
    // The first session was accepted, but the trigger never heard so; a later alarm took the incident over.
    AgentEndpoint endpoint = endpoint(3, 10);
    post(endpoint, Json.write(request("alarm-a-1", "inc-1", "a")));
    dynamo.client().updateItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS(IncidentTable.incidentKey("inc-1"))))
        .updateExpression("SET #sid = :sid").expressionAttributeNames(Map.of("#sid", IncidentTable.SESSION_ID))
        .expressionAttributeValues(Map.of(":sid", AttributeValue.fromS("alarm-a-2"))));

    assertThat(post(endpoint, Json.write(request("alarm-a-2", "inc-1", "a"))).status()).isEqualTo(202);
    assertThat(post(endpoint, Json.write(request("alarm-a-3", "inc-1", "a"))).status()).isEqualTo(409);
    assertThat(launched).extracting(p -> p.request().sessionId()).containsExactly("alarm-a-1", "alarm-a-2");
  }

  @Test
  void theEleventhAnalysisInTheHourIsRefusedAndLeavesNoClaim() {
    AgentEndpoint endpoint = endpoint(3, 10);
    for (int i = 0; i < 10; i++) {
      assertThat(post(endpoint, Json.write(request("s-" + i, "inc-" + i, "alarm-" + i))).status()).isEqualTo(202);
    }

    AgentEndpoint.Reply eleventh = post(endpoint, Json.write(request("s-10", "inc-10", "alarm-10")));

    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(eleventh.body().path("error").asText()).isEqualTo("rate_limited");
    assertThat(eleventh.body().path("message").asText()).contains("RATE_LIMIT_GLOBAL_PER_HOUR", "nothing was started");
    assertThat(launched).hasSize(10);
    assertThat(attribute(IncidentTable.incidentKey("inc-10"), IncidentTable.ANALYSIS_SESSION_ID)).isNull();
    assertThat(item("SESSION#s-10")).isEmpty();

    clock.advance(Duration.ofHours(1));
    assertThat(post(endpoint, Json.write(request("s-10", "inc-10", "alarm-10"))).status())
        .as("the next hour has a fresh budget and the refused request can be retried").isEqualTo(202);
  }

  @Test
  void theFourthAnalysisOfOneAlarmInTheHourIsRefused() {
    AgentEndpoint endpoint = endpoint(3, 10);
    for (int i = 0; i < 3; i++) {
      post(endpoint, Json.write(request("s-" + i, "inc-" + i, "a")));
    }

    AgentEndpoint.Reply fourth = post(endpoint, Json.write(request("s-3", "inc-3", "a")));

    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.body().path("message").asText()).contains("RATE_LIMIT_PER_ALARM_PER_HOUR");
    assertThat(launched).hasSize(3);
  }

  @Test
  void aSessionTheTriggerAlreadyCountedCostsNoSecondSlot() {
    // alarm-trigger takes the slot with the session id it then sends; the agent finds the session counted.
    AnalysisRateLimit trigger = new DynamoAnalysisRateLimit(dynamo.client(), table, new AnalysisRateLimit.Limits(1, 1));
    assertThat(trigger.acquire("a", "alarm-a-1", clock.instant())).isEmpty();

    AgentEndpoint.Reply reply = post(endpoint(1, 1), Json.write(request("alarm-a-1", "inc-1", "a")));

    assertThat(reply.status()).isEqualTo(202);
    assertThat(post(endpoint(1, 1), Json.write(request("other", "inc-2", "b"))).status()).isEqualTo(429);
  }

  @Test
  void recurrencesCountAgainstTheBudgetRecoveriesDoNot() {
    AgentEndpoint endpoint = endpoint(1, 10);
    ObjectNode recurrence = request("rec-1", "inc-1", "a").put("mode", "recurrence");
    ObjectNode second = request("rec-2", "inc-1", "a").put("mode", "recurrence");
    ObjectNode recovery = request("ok-1", "inc-1", "a").put("mode", "recovery");
    ObjectNode secondRecovery = request("ok-2", "inc-1", "a").put("mode", "recovery");

    assertThat(post(endpoint, Json.write(recurrence)).status()).isEqualTo(202);
    assertThat(post(endpoint, Json.write(second)).status()).isEqualTo(429);
    assertThat(post(endpoint, Json.write(recovery)).status()).isEqualTo(202);
    assertThat(post(endpoint, Json.write(secondRecovery)).status()).as("one recovery check per incident").isEqualTo(409);
  }

  @Test
  void aFailedLaunchGivesTheIncidentBackForTheRetry() {
    AsyncLauncher down = p -> {
      throw new AsyncLauncher.LaunchException("Lambda Invoke throttled", null);
    };
    AgentEndpoint failing = new AgentEndpoint(new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(tokens.env()))), store,
        new DynamoAnalysisRateLimit(dynamo.client(), table, new AnalysisRateLimit.Limits(3, 10)), down, clock, metrics);
    String body = Json.write(request("alarm-a-1", "inc-1", "a"));

    assertThat(post(failing, body).status()).isEqualTo(503);
    assertThat(attribute(IncidentTable.incidentKey("inc-1"), IncidentTable.ANALYSIS_SESSION_ID)).isNull();
    assertThat(post(endpoint(3, 10), body).status()).isEqualTo(202);
  }

  private List<Map<String, AttributeValue>> items() {
    return dynamo.client().scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  private Map<String, AttributeValue> item(String pk) {
    Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(table)
        .key(Map.of(IncidentTable.PK, AttributeValue.fromS(pk))).consistentRead(true)).item();
    return item == null ? Map.of() : item;
  }

  private String attribute(String pk, String name) {
    AttributeValue v = item(pk).get(name);
    return v == null ? null : v.s();
  }
}
