package com.incident.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.MutableClock;
import com.incident.agent.testing.RecordingMetrics;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.config.Env;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.incident.DynamoAnalysisRateLimit;
import com.incident.common.incident.IssueCommand;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.common.testing.TestTokens;
import com.incident.store.DynamoIncidentStore;
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

/** A person's command as the webhook function forwards it: no alarm, a validated command, no analysis budget. */
class CommandEndpointTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static TestTokens tokens;

  private final DynamoDbLocal dynamo = DynamoDbLocal.shared();
  private final String table = dynamo.newIncidentTable();
  private final List<WorkerPayload> launched = new CopyOnWriteArrayList<>();
  private final AgentEndpoint endpoint = new AgentEndpoint(
      new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(tokensEnv()))),
      new DynamoIncidentStore(dynamo.client(), table, DynamoIncidentStore.Expiry.all(Duration.ofDays(7))),
      new DynamoAnalysisRateLimit(dynamo.client(), table, new AnalysisRateLimit.Limits(1, 1)), launched::add,
      new MutableClock(NOW), new RecordingMetrics());

  @BeforeAll
  static void pool() {
    tokens = TestTokens.start();
  }

  @AfterAll
  static void stopPool() {
    tokens.close();
  }

  private static Map<String, String> tokensEnv() {
    return tokens.env();
  }

  static ObjectNode command(String session, Consumer<ObjectNode> change) {
    ObjectNode body = Json.object().put("sessionId", session).put("actor", "github-webhook").put("mode", "command")
        .put("incidentId", Harness.request(AnalysisMode.ANALYZE).incidentId()).put("receivedAt", NOW.toString());
    body.set("command", Json.MAPPER.valueToTree(new IssueCommand(IssueCommand.Kind.APPROVE, 101, 2_000_001L, "alice",
        null, "72d4a1f0-cafe-11ef-8000-000000000001", NOW.minusSeconds(2))));
    change.accept(body);
    return body;
  }

  private AgentEndpoint.Reply post(ObjectNode body) {
    return endpoint.handle(FunctionUrl.Request.of("POST",
        Map.of("content-type", "application/json", "authorization", tokens.bearer()), Json.write(body)));
  }

  @Test
  void aCommandNeedsNoAlarmAndCostsNoAnalysisBudget() {
    List<Integer> statuses = Stream.of("cmd-101-a", "cmd-101-b", "cmd-101-c")
        .map(s -> post(command(s, b -> {})).status()).toList();

    assertThat(statuses).containsExactly(202, 202, 202);
    assertThat(launched).extracting(p -> p.request().command().author()).containsExactly("alice", "alice", "alice");
    assertThat(launched.getFirst().request().alarm()).isNull();
  }

  static Stream<Arguments> malformedCommands() {
    return Stream.of(
        Arguments.of("no command", command("c1", b -> b.remove("command")), "command is required with mode command"),
        Arguments.of("command as a list", command("c2", b -> b.putArray("command")), "command must be an object"),
        Arguments.of("unknown kind", command("c3", b -> ((ObjectNode) b.get("command")).put("kind", "deploy")),
            "command.kind must be one of approve, reject, reanalyze"),
        Arguments.of("author with markdown", command("c4", b -> ((ObjectNode) b.get("command")).put("author", "a](x)")),
            "command.author must be a GitHub login"),
        Arguments.of("argument beyond a comment line",
            command("c5", b -> ((ObjectNode) b.get("command")).put("argument", "x".repeat(500))),
            "command.argument has 500 characters; at most 200 are accepted"),
        Arguments.of("no issue", command("c6", b -> ((ObjectNode) b.get("command")).put("issueNumber", 0)),
            "command.issueNumber must be a positive issue number"),
        Arguments.of("comment time a year ago",
            command("c7", b -> ((ObjectNode) b.get("command")).put("at", NOW.minus(Duration.ofDays(400)).toString())),
            "command.at"),
        Arguments.of("a command on an analysis", command("c8", b -> b.put("mode", "analyze")), "alarm is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedCommands")
  void aMalformedCommandIs400NamingTheFieldAndStartsNothing(String name, ObjectNode body, String message) {
    AgentEndpoint.Reply reply = post(body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("message").asText()).contains(message).doesNotContain("java.", "Exception");
    assertThat(launched).isEmpty();
  }
}
