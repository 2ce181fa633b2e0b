package com.incident.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.agent.testing.Harness;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.common.auth.BearerTokens;
import com.incident.common.auth.TokenUnavailableException;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolSchemas;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK client against the real gateway: McpGatewayHandler behind a Function URL on 127.0.0.1, a real Cognito
 * verifier, and scripted tool targets behind the real ToolDispatcher.
 */
class McpClientGatewayTest {
  /** A typed result, published as the tool's outputSchema. */
  record Echo(String text, int length) {}

  private static final String ECHO = "opensearch-echo";
  private static final String BROKEN = "opensearch-broken";
  private static final String SLOW = "github-slow";

  private final CountDownLatch release = new CountDownLatch(1);
  private final LoopbackGateway server = new LoopbackGateway()
      .tool(ToolSchemas.tool(ECHO, "Echoes text", Json.MAPPER.convertValue(LoopbackGateway.schema("text"),
              java.util.Map.class), true, Echo.class),
          args -> LoopbackGateway.result("echo: " + args.path("text").asText(), Json.MAPPER.valueToTree(
              new Echo(args.path("text").asText(), args.path("text").asText().length()))))
      .tool(BROKEN, LoopbackGateway.schema(), args -> LoopbackGateway.error("upstream 503"))
      .tool(ToolNames.CHAOS_CLEANUP, LoopbackGateway.schema(), args -> LoopbackGateway.result("clean", null))
      .tool(SLOW, LoopbackGateway.schema(), args -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return LoopbackGateway.result("finally", null);
      });

  @AfterEach
  void close() {
    release.countDown();
    server.close();
  }

  private Gateway session(BearerTokens tokens) {
    return McpClientGateway.connector(server.uri(), tokens).open("s-1");
  }

  @Test
  void listsTheToolsOfEveryConfiguredTargetWithTheirInputSchemas() throws Exception {
    Gateway gateway = session(Harness.TOKENS);

    assertThat(gateway.listTools()).extracting(GatewayTool::name)
        .containsExactly(ToolNames.CHAOS_CLEANUP, SLOW, BROKEN, ECHO); // ordered by target prefix, as listed
    assertThat(gateway.listTools().stream().filter(t -> t.name().equals(ECHO)).findFirst().orElseThrow()
        .inputSchema().at("/required/0").asText()).isEqualTo("text");
    // The SDK lists tools once while initialising, to cache the outputSchemas it validates results against. (It
    // also probes once, asynchronously, for a server stream with GET, which the gateway answers 405.)
    assertThat(server.methods()).filteredOn(m -> !m.equals("GET"))
        .containsExactly("initialize", "notifications/initialized", "tools/list", "tools/list", "tools/list");
  }

  @Test
  void aCallReturnsTextAndStructuredContentThatMatchesItsOutputSchema() throws Exception {
    Gateway gateway = session(Harness.TOKENS);

    ToolOutcome out = gateway.call(ECHO, Json.object().put("text", "안녕"), Duration.ofSeconds(10));

    assertThat(out.text()).isEqualTo("echo: 안녕");
    assertThat(Json.MAPPER.treeToValue(out.structured(), Echo.class)).isEqualTo(new Echo("안녕", 2));
    assertThat(out.error()).isFalse();
    assertThat(server.calls()).extracting(LoopbackGateway.Call::authorization).containsExactly(Harness.BEARER);
  }

  @Test
  void theRunsSessionIdReachesTheToolTarget() throws Exception {
    McpClientGateway.connector(server.uri(), Harness.TOKENS).open("netaiops-cpu-spike-20261121T031512Z")
        .call(ECHO, Json.object().put("text", "x"), Duration.ofSeconds(10));

    assertThat(server.sessionIds()).containsExactly("netaiops-cpu-spike-20261121T031512Z");
  }

  @Test
  void aToolErrorIsAnErrorOutcomeNotAnException() throws Exception {
    Gateway gateway = session(Harness.TOKENS);

    assertThat(gateway.call(BROKEN, Json.object(), Duration.ofSeconds(10)))
        .isEqualTo(new ToolOutcome("upstream 503", null, true));
    ToolOutcome invalid = gateway.call(ECHO, Json.object(), Duration.ofSeconds(10));
    assertThat(invalid.error()).isTrue();
    assertThat(invalid.text()).startsWith("Invalid arguments for " + ECHO).contains("text");
  }

  @Test
  void anUnknownToolIsAProtocolErrorWithTheGatewaysReason() {
    Gateway gateway = session(Harness.TOKENS);

    assertThatThrownBy(() -> gateway.call("opensearch-nope", Json.object(), Duration.ofSeconds(10)))
        .isInstanceOf(GatewayException.class)
        .hasMessage("Gateway tools/call failed: -32602 Unknown tool: opensearch-nope. Call tools/list for the"
            + " available tools.");
  }

  @Test
  void argumentsThatAreNotAnObjectAreRefusedBeforeAnyRequestLeaves() {
    Gateway gateway = session(Harness.TOKENS);

    assertThatThrownBy(() -> gateway.call(ECHO, Json.MAPPER.createArrayNode().add("x"), Duration.ofSeconds(10)))
        .isInstanceOf(GatewayException.class).hasMessage("Arguments of " + ECHO + " must be a JSON object");
    assertThat(server.exchanges()).isEmpty();
  }

  @Test
  void aResultThatBreaksItsOutputSchemaIsDiscardedAsAnErrorOutcome() throws Exception {
    server.uncheckedTool(ToolSchemas.tool("opensearch-drifted", "Built from an older contract",
            ToolSchemas.object().build(), true, Echo.class),
        args -> LoopbackGateway.result("drifted", Json.object().put("text", "x").put("size", 1)));
    Gateway gateway = session(Harness.TOKENS);
    gateway.listTools();

    ToolOutcome out = gateway.call("opensearch-drifted", Json.object(), Duration.ofSeconds(10));

    assertThat(out.error()).isTrue();
    assertThat(out.structured()).isNull();
    assertThat(out.text()).startsWith("opensearch-drifted returned structured content that does not match its"
        + " published outputSchema");
  }

  @Test
  void anExpiredTokenIsRefreshedOnceThenTheSecond401IsAClearError() {
    String expired = expiredToken();
    BearerTokens stale = new BearerTokens() { // a token source whose "fresh" token is just as expired
      @Override
      public String token() {
        return expired;
      }

      @Override
      public void invalidate(String rejected) {}
    };

    assertThatThrownBy(() -> session(stale).listTools())
        .isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("Gateway rejected a freshly issued token too (HTTP 401) on initialize")
        .hasMessageNotContaining(expired);
    assertThat(server.rejected()).containsExactly("Bearer " + expired, "Bearer " + expired);
  }

  @Test
  void noTokenFromTheTokenSourceFailsBeforeAnyRequestLeaves() {
    BearerTokens none = new BearerTokens() {
      @Override
      public String token() throws TokenUnavailableException {
        throw new TokenUnavailableException("token endpoint answered HTTP 400 (invalid_client)");
      }

      @Override
      public void invalidate(String rejected) {}
    };

    assertThatThrownBy(() -> session(none).call(ECHO, Json.object().put("text", "x"), Duration.ofSeconds(10)))
        .isInstanceOf(GatewayException.class)
        .hasMessage("No gateway token for initialize: token endpoint answered HTTP 400 (invalid_client)");
    assertThat(server.exchanges()).isEmpty();
  }

  @Test
  void aCallOverItsTimeoutIsAGatewayExceptionNamingTheBudget() throws Exception {
    Gateway gateway = session(Harness.TOKENS);
    gateway.listTools();

    assertThatThrownBy(() -> gateway.call(SLOW, Json.object(), Duration.ofMillis(1500)))
        .isInstanceOf(GatewayException.class)
        .hasMessage("Gateway did not answer tools/call within 1500 ms");
  }

  @Test
  void aGatewayThatIsDownIsAClearExceptionAndTheNextCallTriesAgain() throws Exception {
    URI down = server.uri();
    server.close();
    Gateway gateway = McpClientGateway.connector(down, Harness.TOKENS).open("s-1");

    assertThatThrownBy(gateway::listTools).isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("Gateway unreachable (initialize)");
    assertThatThrownBy(gateway::listTools).isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("Gateway unreachable (initialize)");
  }

  private static String expiredToken() {
    Instant issued = Instant.now().minus(Duration.ofHours(2));
    return LoopbackGateway.POOL.sign(LoopbackGateway.POOL.claims()
        .issueTime(Date.from(issued))
        .claim("auth_time", issued.getEpochSecond())
        .expirationTime(Date.from(issued.plus(Duration.ofHours(1))))
        .build());
  }
}
