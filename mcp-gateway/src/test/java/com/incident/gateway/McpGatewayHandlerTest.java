package com.incident.gateway;

import static com.incident.gateway.GatewayFixture.POOL;
import static com.incident.gateway.GatewayFixture.body;
import static com.incident.gateway.GatewayFixture.headers;
import static com.incident.gateway.GatewayFixture.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.testing.TestTokens;
import com.incident.common.tool.ToolNames;
import com.incident.gateway.invoke.ToolInvocationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpGatewayHandlerTest {
  private final GatewayFixture gateway = new GatewayFixture(Map.of());

  @ParameterizedTest
  @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"})
  void initializeAnswersTheClientsVersionWhenSupported(String version) {
    JsonNode response = gateway.post(rpc(1, "initialize", "{\"protocolVersion\":\"" + version
        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode result = body(response).path("result");
    assertThat(result.path("protocolVersion").asText()).isEqualTo(version);
    assertThat(result.path("capabilities").has("tools")).isTrue();
    assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("incident-mcp-gateway");
    assertThat(body(response).path("id").asInt()).isEqualTo(1);
  }

  @Test
  void initializeAnswersTheLatestVersionForAnUnknownOne() {
    JsonNode result = body(gateway.post(rpc("init-1", "initialize", "{\"protocolVersion\":\"2099-01-01\"}")));

    assertThat(result.path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    assertThat(result.path("id").asText()).isEqualTo("init-1");
  }

  @Test
  void initializeWithoutProtocolVersionIsInvalidParams() {
    JsonNode error = body(gateway.post(rpc(2, "initialize", "{}"))).path("error");

    assertThat(error.path("code").asInt()).isEqualTo(-32602);
    assertThat(error.path("message").asText()).contains("protocolVersion");
  }

  @Test
  void notificationsAreAcceptedWithoutBody() {
    JsonNode response = gateway.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    assertThat(response.path("statusCode").asInt()).isEqualTo(202);
    assertThat(response.has("body")).isFalse();
  }

  @Test
  void pingAnswersEmptyResult() {
    JsonNode body = body(gateway.post(rpc(3, "ping", null)));

    assertThat(body.path("result").isObject()).isTrue();
    assertThat(body.path("result").size()).isZero();
  }

  @Test
  void toolsListAggregatesTargetsAndHidesAFailingOne() {
    JsonNode response = gateway.post(rpc(4, "tools/list", "{}"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(response).path("result").path("tools").findValuesAsText("name")).containsExactly(
        ToolNames.CHAOS_CLEANUP, ToolNames.POD_METRICS, ToolNames.CLUSTER_OVERVIEW,
        ToolNames.DATADOG_QUERY_METRICS, ToolNames.SEARCH_LOGS);
    assertThat(gateway.metrics).contains("ToolListFailure{target=github-}");
  }

  @Test
  void toolsListCarriesTheTargetsSchemasAndAnnotations() {
    JsonNode tool = body(gateway.post(rpc(4, "tools/list", null))).path("result").path("tools").get(1);

    assertThat(tool.path("inputSchema").path("required").toString()).isEqualTo("[\"namespace\",\"pod\"]");
    assertThat(tool.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
  }

  @Test
  void toolsListIsCachedUntilTheTtlExpires() {
    gateway.post(rpc(1, "tools/list", null));
    gateway.post(rpc(2, "tools/list", null));
    assertThat(gateway.invoker.calls(FakeTools.INSIGHT_FN, "tools/list")).isEqualTo(1);
    // a target that failed is asked again on the next request instead of staying hidden for the TTL
    assertThat(gateway.invoker.calls(FakeTools.GITHUB_FN, "tools/list")).isEqualTo(2);

    gateway.clock.advance(Duration.ofSeconds(301));
    gateway.post(rpc(3, "tools/list", null));

    assertThat(gateway.invoker.calls(FakeTools.INSIGHT_FN, "tools/list")).isEqualTo(2);
  }

  @Test
  void toolsListKeepsServingStaleDefinitionsWhenARefreshFails() {
    gateway.post(rpc(1, "tools/list", null));
    gateway.invoker.delegate = (target, payload, timeout) -> {
      throw new ToolInvocationException(ToolInvocationException.Kind.THROTTLED, "Rate exceeded");
    };
    gateway.clock.advance(Duration.ofMinutes(10));

    JsonNode tools = body(gateway.post(rpc(2, "tools/list", null))).path("result").path("tools");

    assertThat(tools.findValuesAsText("name")).contains(ToolNames.POD_METRICS, ToolNames.SEARCH_LOGS);
  }

  @Test
  void datadogToolsDisappearWhenDatadogIsDisabled() {
    GatewayFixture noDatadog = new GatewayFixture(Map.of("DATADOG_ENABLED", "false"));

    JsonNode tools = body(noDatadog.post(rpc(1, "tools/list", null))).path("result").path("tools");
    JsonNode call = body(noDatadog.post(rpc(2, "tools/call",
        "{\"name\":\"datadog-query-metrics\",\"arguments\":{\"query\":\"avg:system.cpu.user{*}\"}}")));

    assertThat(tools.findValuesAsText("name")).noneMatch(n -> n.startsWith("datadog-"));
    assertThat(call.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(call.path("error").path("message").asText()).contains("disabled");
    assertThat(noDatadog.invoker.targets).doesNotContain(FakeTools.DATADOG_FN);
  }

  @Test
  void toolsCallPassesTheTargetsResultThrough() {
    JsonNode body = body(gateway.post(rpc(5, "tools/call",
        "{\"name\":\"container-insight-pod-metrics\",\"arguments\":{\"namespace\":\"shop\",\"pod\":\"cart-7d9\"}}")));

    JsonNode result = body.path("result");
    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(result.path("content").get(0).path("text").asText())
        .isEqualTo("pod shop/cart-7d9: CPU 93.5% of limit over the last 30 min");
    assertThat(result.path("structuredContent").path("cpuPercentOfLimit").asDouble()).isEqualTo(93.5);
  }

  @Test
  void toolsCallSendsTheContractPayloadWithSessionAndDeadline() {
    Map<String, String> headers = headers(POOL.bearer());
    headers.put("mcp-session-id", "inc-20261121-0001");
    gateway.post(rpc(6, "tools/call",
        "{\"name\":\"container-insight-pod-metrics\",\"arguments\":{\"namespace\":\"a\",\"pod\":\"b\"}}"), headers);

    JsonNode payload = gateway.invoker.payloads.getLast();
    assertThat(gateway.invoker.targets.getLast()).isEqualTo(FakeTools.INSIGHT_FN);
    assertThat(payload.path("method").asText()).isEqualTo("tools/call");
    assertThat(payload.path("name").asText()).isEqualTo(ToolNames.POD_METRICS);
    assertThat(payload.path("arguments").path("pod").asText()).isEqualTo("b");
    assertThat(payload.path("sessionId").asText()).isEqualTo("inc-20261121-0001");
    // no Lambda context: 120 s budget, minus the 1.5 s handler margin and the 0.5 s relay margin
    assertThat(payload.path("deadlineEpochMs").asLong())
        .isEqualTo(gateway.clock.instant().plusSeconds(120).minusMillis(2000).toEpochMilli());
  }

  @Test
  void toolsCallTakesTheSessionFromMetaWhenThereIsNoHeader() {
    JsonNode result = body(gateway.post(rpc(7, "tools/call", "{\"name\":\"container-insight-pod-metrics\","
        + "\"arguments\":{\"namespace\":\"a\",\"pod\":\"b\"},\"_meta\":{\"sessionId\":\"inc-42\"}}"))).path("result");

    assertThat(result.path("structuredContent").path("sessionId").asText()).isEqualTo("inc-42");
  }

  @Test
  void toolsCallDropsAMalformedSessionId() {
    Map<String, String> headers = headers(POOL.bearer());
    headers.put("mcp-session-id", "bad id\nwith newline");
    gateway.post(rpc(7, "tools/call", "{\"name\":\"chaos-cleanup\",\"arguments\":{\"scenario\":\"none\"}}"), headers);

    assertThat(gateway.invoker.payloads.getLast().has("sessionId")).isFalse();
  }

  @Test
  void unknownToolIsInvalidParams() {
    JsonNode error = body(gateway.post(rpc(8, "tools/call", "{\"name\":\"kubectl-delete\",\"arguments\":{}}")))
        .path("error");

    assertThat(error.path("code").asInt()).isEqualTo(-32602);
    assertThat(error.path("message").asText()).isEqualTo("Unknown tool: kubectl-delete. Call tools/list for the "
        + "available tools.");
  }

  @Test
  void unknownToolUnderAKnownPrefixIsInvalidParamsWithoutInvokingTheTool() {
    JsonNode error = body(gateway.post(rpc(8, "tools/call", "{\"name\":\"opensearch-drop-index\"}"))).path("error");

    assertThat(error.path("code").asInt()).isEqualTo(-32602);
    assertThat(gateway.invoker.calls(FakeTools.OPENSEARCH_FN, "tools/call")).isZero();
  }

  @Test
  void argumentsThatBreakTheSchemaAreAnIsErrorResultWithoutAnInvoke() {
    JsonNode result = body(gateway.post(rpc(9, "tools/call",
        "{\"name\":\"container-insight-pod-metrics\",\"arguments\":{\"namespace\":\"a\",\"minutes\":999}}")))
        .path("result");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("content").get(0).path("text").asText())
        .startsWith("Invalid arguments for container-insight-pod-metrics").contains("pod").contains("maximum value of 180");
    assertThat(gateway.invoker.calls(FakeTools.INSIGHT_FN, "tools/call")).isZero();
  }

  @Test
  void malformedToolsCallParamsAreInvalidParams() {
    assertThat(errorCode(rpc(10, "tools/call", "{}"))).isEqualTo(-32602);
    assertThat(errorCode(rpc(11, "tools/call", "{\"name\":42}"))).isEqualTo(-32602);
    assertThat(errorCode(rpc(12, "tools/call", "{\"name\":\"chaos-cleanup\",\"arguments\":[1]}"))).isEqualTo(-32602);
    assertThat(errorCode(rpc(13, "tools/list", "[]"))).isEqualTo(-32602);
  }

  @Test
  void aToolsOwnErrorIsPassedThroughAsIsError() {
    JsonNode result = body(gateway.post(rpc(14, "tools/call",
        "{\"name\":\"container-insight-cluster-overview\",\"arguments\":{\"cluster\":\"prod\"}}"))).path("result");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("content").get(0).path("text").asText())
        .isEqualTo("Cluster 'prod' has no Container Insights data");
  }

  @Test
  void unsupportedMethodIsMethodNotFound() {
    JsonNode response = gateway.post(rpc(15, "resources/list", null));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    assertThat(body(response).path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(body(response).path("id").asInt()).isEqualTo(15);
  }

  @Test
  void invalidJsonIsAParseError() {
    JsonNode response = gateway.post("{\"jsonrpc\":\"2.0\",");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(body(response).path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(body(response).path("id").isNull()).isTrue();
  }

  @Test
  void batchesAreInvalidRequests() {
    JsonNode response = gateway.post("[" + rpc(1, "ping", null) + "," + rpc(2, "ping", null) + "]");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(body(response).path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(body(response).path("error").path("message").asText()).contains("batches are not supported");
  }

  @Test
  void messagesThatAreNotJsonRpcRequestsAreInvalidRequests() {
    assertThat(errorCode("{\"id\":1,\"method\":\"ping\"}")).isEqualTo(-32600);
    assertThat(errorCode("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}")).isEqualTo(-32600);
    assertThat(errorCode("{\"jsonrpc\":\"2.0\",\"id\":1}")).isEqualTo(-32600);
    assertThat(errorCode("\"ping\"")).isEqualTo(-32600);
  }

  @Test
  void getIsMethodNotAllowed() {
    JsonNode response = gateway.send("GET", headers(POOL.bearer()), null, false);

    assertThat(response.path("statusCode").asInt()).isEqualTo(405);
    assertThat(response.path("headers").path("Allow").asText()).isEqualTo("POST");
  }

  @Test
  void unsupportedProtocolVersionHeaderIsRejected() {
    Map<String, String> headers = headers(POOL.bearer());
    headers.put("mcp-protocol-version", "1999-01-01");

    assertThat(gateway.post(rpc(1, "ping", null), headers).path("statusCode").asInt()).isEqualTo(400);
  }

  @Test
  void nonJsonContentTypeIsRejected() {
    Map<String, String> headers = headers(POOL.bearer());
    headers.put("content-type", "text/plain");

    assertThat(gateway.post(rpc(1, "ping", null), headers).path("statusCode").asInt()).isEqualTo(415);
  }

  @Test
  void base64BodiesAreDecoded() {
    JsonNode response = gateway.send("POST", headers(POOL.bearer()), rpc(1, "ping", null), true);

    assertThat(body(response).path("result").isObject()).isTrue();
  }

  @Test
  void aNonFunctionUrlEventIsABadRequestNotACrash() {
    JsonNode response = gateway.invoke("{\"Records\":[]}");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    assertThat(body(response).path("error").path("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void anUnexpectedFailureIsAnInternalErrorWithoutStackTrace() {
    gateway.invoker.delegate = (target, payload, timeout) -> {
      throw new IllegalStateException("boom at com.example.Secret(Secret.java:42)");
    };

    JsonNode list = gateway.post(rpc(16, "tools/list", null));
    JsonNode call = gateway.post(rpc(17, "tools/call", "{\"name\":\"chaos-cleanup\",\"arguments\":{}}"));

    assertThat(body(list).path("result").path("tools").isEmpty()).isTrue();
    assertThat(call.path("statusCode").asInt()).isEqualTo(500);
    assertThat(body(call).path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(body(call).path("id").asInt()).isEqualTo(17);
    assertThat(call.toString()).doesNotContain("Secret.java").doesNotContain("boom");
  }

  // --- authentication: every request, 401 with a JSON-RPC body ---

  @Test
  void requestsWithoutTokenAreUnauthorized() {
    JsonNode response = gateway.post(rpc(1, "tools/list", null), headers(null));

    assertUnauthorized(response, "missing Authorization header");
    assertThat(gateway.invoker.targets).isEmpty();
  }

  @Test
  void notificationsNeedATokenToo() {
    JsonNode response = gateway.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        headers("Bearer x.y.z"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(401);
  }

  @Test
  void expiredTokensAreUnauthorized() {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String token = POOL.sign(POOL.claims().issueTime(Date.from(past))
        .expirationTime(Date.from(past.plus(Duration.ofHours(1)))).build());

    assertUnauthorized(gateway.post(rpc(1, "ping", null), headers("Bearer " + token)), "expired");
  }

  @Test
  void tokensWithoutTheScopeAreUnauthorized() {
    String token = POOL.sign(POOL.claims().claim("scope", "other/read").build());

    assertUnauthorized(gateway.post(rpc(1, "ping", null), headers("Bearer " + token)), "missing required scope");
  }

  @Test
  void tokensFromAnotherClientAreUnauthorized() {
    String token = POOL.sign(POOL.claims().claim("client_id", "intruder").build());

    assertUnauthorized(gateway.post(rpc(1, "ping", null), headers("Bearer " + token)), "client_id intruder");
  }

  @Test
  void tokensSignedByAnUnknownKeyAreUnauthorized() {
    String token = TestTokens.sign(TestTokens.newKey("attacker-key"), POOL.claims().build());

    assertUnauthorized(gateway.post(rpc(1, "ping", null), headers("Bearer " + token)), "unknown signing key id");
  }

  private void assertUnauthorized(JsonNode response, String reason) {
    assertThat(response.path("statusCode").asInt()).isEqualTo(401);
    assertThat(response.path("headers").path("WWW-Authenticate").asText()).startsWith("Bearer");
    JsonNode error = body(response).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32001);
    assertThat(error.path("message").asText()).startsWith("Unauthorized: ").contains(reason);
    assertThat(body(response).path("jsonrpc").asText()).isEqualTo("2.0");
  }

  private int errorCode(String body) {
    return body(gateway.post(body)).path("error").path("code").asInt();
  }
}
