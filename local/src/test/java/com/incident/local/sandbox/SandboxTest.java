package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.nio.file.Path;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's wiring at its real interfaces: Function URLs, token checks, and `invoke --sandbox`. */
class SandboxTest {
  static Sandbox sandbox;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(ScenarioLoader.bundled("cpu-spike"), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void theGatewayRefusesAnonymousCallersAndListsToolsForATokenFromTheTokenEndpoint() throws Exception {
    String tokens = http.send(HttpRequest.newBuilder(URI.create(sandbox.cognito().tokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + LocalCognito.CLIENT_ID
            + "&client_secret=" + sandbox.cognito().clientSecret())).build(), HttpResponse.BodyHandlers.ofString()).body();
    String token = Json.tree(tokens).path("access_token").asText();

    HttpResponse<String> anonymous = mcp(null);
    HttpResponse<String> authorized = mcp(token);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(authorized.statusCode()).isEqualTo(200);
    JsonNode tools = Json.tree(authorized.body()).path("result").path("tools");
    assertThat(tools.valueStream().map(t -> t.path("name").asText()))
        .contains(ToolNames.POD_METRICS, ToolNames.SEARCH_LOGS, ToolNames.GITHUB_CREATE_ISSUE, ToolNames.CHAOS_CLEANUP)
        .noneMatch(n -> n.startsWith("datadog-"));
  }

  @Test
  void invokeRunsAUsersOwnSnsEventAgainstTheSandboxAndWaitsForTheAnalysis() throws Exception {
    byte[] event = Files.readAllBytes(Path.of("..", "events").resolve("sns-alarm-node-cpu.json"));

    JsonNode response = sandbox.invoke("AlarmTriggerFunction", event, Duration.ofSeconds(120));

    assertThat(response.path("results").get(0).path("action").asText()).isEqualTo("started");
    assertThat(sandbox.github().issues()).anySatisfy(i -> {
      assertThat(i.title).contains("netaiops-node-cpu-high");
      assertThat(i.comments).isNotEmpty();
    });
  }

  @Test
  void aUsersAlarmTimeAnchorsTheScenarioData() throws Exception {
    byte[] event = Files.readAllBytes(Path.of("..", "events").resolve("sns-alarm-pod-cpu.json"));

    assertThat(Sandbox.alarmTime(com.incident.common.json.Json.MAPPER.readTree(event)))
        .hasValue(java.time.Instant.parse("2026-11-21T03:15:12.345Z"));
  }

  @Test
  void agentRequestsGetASandboxTokenAndTheAgentWritesTheIssueWithItsOwnToken() throws Exception {
    byte[] event = Files.readAllBytes(Path.of("..", "events").resolve("agent-runtime-request.json"));

    JsonNode response = sandbox.invoke("AgentRuntimeFunction", event, Duration.ofSeconds(120));

    assertThat(response.path("statusCode").asInt()).isEqualTo(202);
    // The caller's token stays at the Function URL: every gateway call of the run used the agent's own token
    // from the local Cognito's token endpoint, with the client secret read from the local SSM.
    assertThat(sandbox.environments().get("AgentRuntimeFunction"))
        .containsEntry("COGNITO_TOKEN_URL", sandbox.cognito().tokenUrl())
        .containsEntry("COGNITO_CLIENT_SECRET_PARAM", Sandbox.CLIENT_SECRET_PARAM);
    assertThat(sandbox.cognito().tokensIssued()).isPositive();
    assertThat(sandbox.github().issues()).anySatisfy(i -> {
      assertThat(i.title).contains("netaiops-cpu-spike");
      assertThat(i.comments).isNotEmpty();
    });
  }

  @Test
  void theReadOnlyKubernetesToolsReadTheSandboxClusterThroughTheGateway() throws Exception {
    String token = sandbox.cognito().accessToken();

    JsonNode scan = Json.tree(mcp(token, Json.write(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call", "params",
        Map.of("name", ToolNames.K8S_FIND_CHAOS, "arguments", Map.of("namespace", "default", "resource", "cpu")))))
        .body()).path("result");
    JsonNode nodes = Json.tree(mcp(token, Json.write(Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/call", "params",
        Map.of("name", ToolNames.K8S_NODE_STATUS, "arguments", Map.of())))).body()).path("result");

    assertThat(scan.path("isError").asBoolean()).as(scan.toString()).isFalse();
    assertThat(scan.at("/structuredContent/matches/0/name").asText()).isEqualTo("stress-ng");
    assertThat(scan.at("/structuredContent/matches/0/status").asText()).isEqualTo("dry-run");
    assertThat(nodes.at("/structuredContent/nodes")).hasSize(3);
    assertThat(sandbox.cluster().client().apps().deployments().inNamespace("default").withName("stress-ng").get()).isNotNull();
  }

  private static HttpResponse<String> mcp(String token) throws Exception {
    return mcp(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
  }

  private static HttpResponse<String> mcp(String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.gatewayUrl()))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
