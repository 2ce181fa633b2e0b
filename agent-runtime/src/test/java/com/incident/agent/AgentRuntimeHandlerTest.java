package com.incident.agent;

import com.incident.common.config.Env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.launch.AsyncLauncher;
import com.incident.agent.launch.WorkerPayload;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.Harness;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Lambda boundary: Function URL events in, v2 responses out, with real Cognito-style JWT verification. */
class AgentRuntimeHandlerTest {
  private static TestTokens tokens;

  private final Harness h = new Harness();
  private final List<WorkerPayload> launched = new CopyOnWriteArrayList<>();
  private volatile boolean launcherDown;
  private AgentRuntimeHandler handler;

  @BeforeAll
  static void pool() {
    tokens = TestTokens.start();
  }

  @AfterAll
  static void stopPool() {
    tokens.close();
  }

  @AfterEach
  void close() {
    h.close();
  }

  private AgentRuntimeHandler handler() {
    if (handler == null) {
      CognitoJwtVerifier verifier = new CognitoJwtVerifier(CognitoJwtVerifier.Settings.from(Env.of(tokens.env())));
      AsyncLauncher launcher = payload -> {
        if (launcherDown) {
          throw new AsyncLauncher.LaunchException("Lambda Invoke throttled", null);
        }
        launched.add(payload);
      };
      handler = Handlers.of(h, verifier, launcher);
    }
    return handler;
  }

  @Test
  void aValidRequestIsAccepted202AndLaunchedOnce() throws IOException {
    String bearer = tokens.bearer();

    JsonNode response = invoke(event(bearer, body(), false));

    assertThat(response.path("statusCode").asInt()).isEqualTo(202);
    assertThat(response.at("/headers/content-type").asText()).isEqualTo("application/json");
    JsonNode body = Json.tree(response.path("body").asText());
    assertThat(body.path("sessionId").asText()).isEqualTo(Harness.request(AnalysisMode.ANALYZE).sessionId());
    assertThat(body.path("status").asText()).isEqualTo("accepted");
    assertThat(launched).singleElement().satisfies(p ->
        assertThat(p.request().alarm().alarmName()).isEqualTo("netaiops-cpu-spike"));
  }

  @Test
  void theAsyncEventCarriesNoTokenSoNoneReachesTheOnFailureQueue() throws IOException {
    String bearer = tokens.bearer();

    invoke(event(bearer, body(), false));

    String workerEvent = Json.write(launched.getFirst());
    assertThat(workerEvent).doesNotContain(bearer.substring("Bearer ".length())).doesNotContainIgnoringCase("bearer")
        .doesNotContainIgnoringCase("authorization");
    assertThat(Json.tree(workerEvent).properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder("kind", "request");
  }

  @Test
  void theSameSessionTwiceStartsOnlyOneRun() throws IOException {
    invoke(event(tokens.bearer(), body(), false));
    JsonNode second = invoke(event(tokens.bearer(), body(), false));

    assertThat(second.path("statusCode").asInt()).isEqualTo(202);
    assertThat(Json.tree(second.path("body").asText()).path("status").asText()).isEqualTo("already-accepted");
    assertThat(launched).hasSize(1);
  }

  @Test
  void aMissingForgedOrExpiredTokenIs401WithAReasonAndNothingStarts() throws IOException {
    Date past = Date.from(Instant.now().minusSeconds(3600));
    String expired = "Bearer " + tokens.sign(tokens.claims().expirationTime(past).build());
    String forged = "Bearer " + TestTokens.sign(TestTokens.newKey("attacker"), tokens.claims().build());

    for (String auth : new String[] {null, "Basic dXNlcjpwYXNz", expired, forged}) {
      JsonNode response = invoke(event(auth, body(), false));
      assertThat(response.path("statusCode").asInt()).as("auth %s", auth).isEqualTo(401);
      JsonNode body = Json.tree(response.path("body").asText());
      assertThat(body.path("error").asText()).isEqualTo("unauthorized");
      assertThat(body.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at com.");
    }
    assertThat(launched).isEmpty();
  }

  @Test
  void invalidBodiesAre400WithEveryProblemNamed() throws IOException {
    ObjectNode bad = (ObjectNode) Json.tree(body());
    bad.put("sessionId", "../etc/passwd");
    bad.remove("alarm");
    JsonNode response = invoke(event(tokens.bearer(), Json.write(bad), false));
    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(Json.tree(response.path("body").asText()).path("message").asText())
        .contains("sessionId must match", "alarm is required");

    ObjectNode badMode = (ObjectNode) Json.tree(body());
    badMode.put("mode", "explode");
    assertThat(Json.tree(invoke(event(tokens.bearer(), Json.write(badMode), false)).path("body").asText())
        .path("message").asText()).isEqualTo("mode must be one of analyze, recurrence, recovery, correlated, command");
    assertThat(invoke(event(tokens.bearer(), "{not json", false)).path("statusCode").asInt()).isEqualTo(400);
    assertThat(invoke(event(tokens.bearer(), "", false)).path("statusCode").asInt()).isEqualTo(400);
    ObjectNode huge = (ObjectNode) Json.tree(body());
    huge.put("prompt", "가".repeat(50_000));
    assertThat(invoke(event(tokens.bearer(), Json.write(huge), false)).path("statusCode").asInt()).isEqualTo(413);
    assertThat(launched).isEmpty();
  }

  @Test
  void aBase64BodyIsDecoded() throws IOException {
    String encoded = Base64.getEncoder().encodeToString(body().getBytes(StandardCharsets.UTF_8));

    assertThat(invoke(event(tokens.bearer(), encoded, true)).path("statusCode").asInt()).isEqualTo(202);
  }

  @Test
  void onlyPostIsAccepted() throws IOException {
    ObjectNode event = event(tokens.bearer(), body(), false);
    ((ObjectNode) event.at("/requestContext/http")).put("method", "GET");

    assertThat(invoke(event).path("statusCode").asInt()).isEqualTo(405);
  }

  @Test
  void aFailedLaunchIs503AndTheRetryCanStillStartTheRun() throws IOException {
    launcherDown = true;
    assertThat(invoke(event(tokens.bearer(), body(), false)).path("statusCode").asInt()).isEqualTo(503);

    launcherDown = false;
    JsonNode retry = invoke(event(tokens.bearer(), body(), false));
    assertThat(Json.tree(retry.path("body").asText()).path("status").asText()).isEqualTo("accepted");
    assertThat(launched).hasSize(1);
  }

  @Test
  void theWorkerEventRunsTheAnalysisOnceEvenWhenDeliveredTwice() throws IOException {
    String bearer = tokens.bearer();
    h.cluster.quiet();
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    invoke(event(bearer, body(), false));
    String workerEvent = Json.write(launched.getFirst());

    JsonNode first = invoke(Json.tree(workerEvent));
    JsonNode redelivery = invoke(Json.tree(workerEvent));

    assertThat(first.path("status").asText()).isEqualTo("done");
    assertThat(redelivery.path("status").asText()).isEqualTo("skipped");
    assertThat(h.github.only().comments).hasSize(2);
    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
    assertThat(h.gateway.calls()).isNotEmpty().allSatisfy(c -> assertThat(c.authorization()).isEqualTo(Harness.BEARER));
  }

  @Test
  void anEventThatIsNotJsonGets400() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler().handleRequest(new ByteArrayInputStream("<xml/>".getBytes(StandardCharsets.UTF_8)), out, null);

    assertThat(Json.tree(out.toString(StandardCharsets.UTF_8)).path("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void theProductionWiringUsesTheRealVerifierWithoutTouchingAws() throws IOException {
    java.util.Map<String, String> env = new java.util.HashMap<>(tokens.env());
    env.putAll(java.util.Map.of("GATEWAY_URL", "http://127.0.0.1:1/mcp", "INCIDENT_TABLE", "incidents",
        "AWS_REGION", "us-west-2", "AWS_LAMBDA_FUNCTION_NAME", "agent-runtime",
        "COGNITO_TOKEN_URL", "http://127.0.0.1:1/oauth2/token", "COGNITO_CLIENT_ID", "agent-client"));
    handler = new AgentRuntimeHandler(Wiring.production(Config.from(com.incident.common.config.Env.of(env))));

    assertThat(invoke(event(null, body(), false)).path("statusCode").asInt()).isEqualTo(401);
    assertThat(invoke(event(tokens.bearer(), "[]", false)).path("statusCode").asInt()).isEqualTo(400);
  }

  private JsonNode invoke(JsonNode event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler().handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }

  private static String body() {
    return Json.write(Harness.request(AnalysisMode.ANALYZE));
  }

  private static ObjectNode event(String authorization, String body, boolean base64) {
    ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "$default").put("rawPath", "/");
    ObjectNode headers = event.putObject("headers").put("content-type", "application/json");
    if (authorization != null) {
      headers.put("authorization", authorization);
    }
    event.putObject("requestContext").putObject("http").put("method", "POST").put("path", "/");
    event.put("body", body);
    event.put("isBase64Encoded", base64);
    return event;
  }
}
