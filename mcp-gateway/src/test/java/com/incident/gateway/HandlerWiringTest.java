package com.incident.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wiring.production builds from the environment alone (the jar leaves SSM out, so this proves none is needed). */
class HandlerWiringTest {

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(FakeTools.targetEnv());
    env.putAll(GatewayFixture.POOL.env());
    return env;
  }

  @Test
  void anInvokerOverrideServesToolsInProcess() throws Exception {
    McpGatewayHandler handler = new McpGatewayHandler(Wiring.production(Config.from(Env.of(env())),
        Wiring.Overrides.invoker(new HandlerInvoker(FakeTools.handlers()))));
    String event = "{\"requestContext\":{\"http\":{\"method\":\"POST\"}},\"headers\":{\"authorization\":\""
        + GatewayFixture.POOL.bearer() + "\"},\"body\":" + Json.MAPPER.writeValueAsString(
        GatewayFixture.rpc(1, "tools/call", "{\"name\":\"chaos-cleanup\",\"arguments\":{\"scenario\":\"none\"}}")) + "}";

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

    JsonNode result = GatewayFixture.body(Json.MAPPER.readTree(out.toByteArray())).path("result");
    assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("chaos-cleanup ok: none");
  }

  @Test
  void theProductionGraphBuildsFromTheEnvironment() {
    String previous = System.getProperty("aws.region");
    System.setProperty("aws.region", "us-east-1");
    try {
      McpGatewayHandler handler = new McpGatewayHandler(Wiring.production(Config.from(Env.of(env()))));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(
          "{\"requestContext\":{\"http\":{\"method\":\"GET\"}}}".getBytes(StandardCharsets.UTF_8)), out, null);

      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":405");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      if (previous == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", previous);
      }
    }
  }
}
