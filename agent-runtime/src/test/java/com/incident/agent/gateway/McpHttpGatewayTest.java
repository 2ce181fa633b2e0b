package com.incident.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.agent.testing.FakeGateway;
import com.incident.agent.testing.Harness;
import com.incident.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpHttpGatewayTest {
  private final FakeGateway server = new FakeGateway().expectAuthorization(Harness.BEARER)
      .tool("echo", FakeGateway.schema("text"), args -> FakeGateway.result("echo: " + args.path("text").asText(),
          Json.object().put("length", args.path("text").asText().length())))
      .tool("broken", FakeGateway.schema(), args -> FakeGateway.error("upstream 503"));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void initializesOnceThenListsAndCallsTools() throws Exception {
    Gateway gateway = new McpHttpGateway(http, server.uri(), Harness.TOKENS, "s-1");

    assertThat(gateway.listTools()).extracting(GatewayTool::name).containsExactly("broken", "echo");
    ToolOutcome out = gateway.call("echo", Json.object().put("text", "안녕"), Duration.ofSeconds(5));

    assertThat(out.text()).isEqualTo("echo: 안녕");
    assertThat(out.structured().path("length").asInt()).isEqualTo(2);
    assertThat(out.error()).isFalse();
    assertThat(server.methods()).containsExactly("initialize", "notifications/initialized", "tools/list", "tools/call");
  }

  @Test
  void readsAnswersSentAsAnEventStream() throws Exception {
    server.answerAsEventStream(true);
    Gateway gateway = new McpHttpGateway(http, server.uri(), Harness.TOKENS, "s-1");

    assertThat(gateway.call("echo", Json.object().put("text", "x"), Duration.ofSeconds(5)).text()).isEqualTo("echo: x");
  }

  @Test
  void toolErrorsAreOutcomesAndProtocolErrorsAreExceptions() throws Exception {
    Gateway gateway = new McpHttpGateway(http, server.uri(), Harness.TOKENS, "s-1");

    assertThat(gateway.call("broken", Json.object(), Duration.ofSeconds(5))).isEqualTo(new ToolOutcome("upstream 503", null, true));
    assertThat(gateway.call("echo", Json.object(), Duration.ofSeconds(5)).text()).contains("missing required field 'text'");
    assertThatThrownBy(() -> gateway.call("nope", Json.object(), Duration.ofSeconds(5)))
        .isInstanceOf(GatewayException.class).hasMessageContaining("Unknown tool: nope");
  }

  @Test
  void anUnreachableGatewayIsAClearException() {
    assertThatThrownBy(() -> new McpHttpGateway(http, URI.create("http://127.0.0.1:1/mcp"), Harness.TOKENS, "s").listTools())
        .isInstanceOf(GatewayException.class).hasMessageStartingWith("Gateway unreachable (initialize)");
  }
}
