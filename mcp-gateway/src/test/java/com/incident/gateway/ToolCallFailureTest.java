package com.incident.gateway;

import static com.incident.gateway.GatewayFixture.body;
import static com.incident.gateway.GatewayFixture.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvocationException.Kind;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A target that cannot answer becomes an isError result the model can act on, never a protocol failure. */
class ToolCallFailureTest {
  private static final String CALL = rpc(1, "tools/call",
      "{\"name\":\"opensearch-search-logs\",\"arguments\":{\"query\":\"level:ERROR\"}}");

  private final GatewayFixture gateway = new GatewayFixture(Map.of());

  @BeforeEach
  void loadCatalog() {
    gateway.post(rpc(0, "tools/list", null));
  }

  @Test
  void functionErrorSaysTheArgumentsWereFineAndWhereToLook() {
    String text = failWith(Kind.FUNCTION_ERROR, "IllegalStateException: index pattern missing");

    assertThat(text).isEqualTo("Tool opensearch-search-logs failed inside its function: IllegalStateException: "
        + "index pattern missing. The arguments were accepted; check the opensearch-* tool function logs.");
  }

  @Test
  void timeoutSuggestsANarrowerQuery() {
    assertThat(failWith(Kind.TIMEOUT, "the function hit its Lambda timeout"))
        .contains("did not answer in time (the function hit its Lambda timeout)")
        .contains("narrower time range");
  }

  @Test
  void throttlingSuggestsARetry() {
    assertThat(failWith(Kind.THROTTLED, "Lambda throttled the invoke")).contains("throttled").contains("retry");
  }

  @Test
  void aMissingFunctionIsAnOperatorProblem() {
    assertThat(failWith(Kind.NOT_FOUND, "function fn-opensearch not found"))
        .contains("not deployed correctly").contains("Retrying will not help");
  }

  @Test
  void anUnreachableLambdaServiceIsTemporary() {
    assertThat(failWith(Kind.UNAVAILABLE, "could not reach Lambda")).contains("temporarily unreachable");
  }

  @Test
  void aTargetAnswerThatIsNotACallToolResultIsAnError() {
    gateway.invoker.delegate = (target, payload, timeout) -> "{\"statusCode\":200}";

    JsonNode result = body(gateway.post(CALL)).path("result");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("content").get(0).path("text").asText()).contains("not a CallToolResult");
  }

  @Test
  void aCrashingInProcessHandlerIsAFunctionError() {
    RequestStreamHandler crash = (in, out, ctx) -> {
      throw new IllegalStateException("kubeconfig missing");
    };
    GatewayFixture crashing = new GatewayFixture(Map.of(), new HandlerInvoker(Map.of(FakeTools.CHAOS_FN, crash)));

    JsonNode result = body(crashing.post(rpc(1, "tools/call",
        "{\"name\":\"chaos-cleanup\",\"arguments\":{\"scenario\":\"none\"}}"))).path("result");

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("content").get(0).path("text").asText())
        .contains("failed inside its function: IllegalStateException: kubeconfig missing");
  }

  @Test
  void failuresAreCountedByOutcome() {
    failWith(Kind.THROTTLED, "x");

    assertThat(gateway.metrics).contains("GatewayToolCall{outcome=throttled, tool=opensearch-search-logs}");
  }

  private String failWith(Kind kind, String message) {
    gateway.invoker.delegate = (target, payload, timeout) -> {
      throw new ToolInvocationException(kind, message);
    };
    JsonNode response = gateway.post(CALL);
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode result = body(response).path("result");
    assertThat(result.path("isError").asBoolean()).isTrue();
    return result.path("content").get(0).path("text").asText();
  }
}
