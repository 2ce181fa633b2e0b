package com.incident.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of issue #4: the official MCP TypeScript SDK client (pinned in src/test/node) talks
 * to the gateway handler served on 127.0.0.1, with a Function URL event translated from each HTTP request.
 * Node.js and npm are required; without them this test fails and says so.
 */
class McpInteropTest {
  private static final Path SOURCES = Path.of("src/test/node");
  private static final Path WORK = Path.of("target/node-interop");

  private static GatewayFixture gateway;
  private static HttpServer server;
  private static JsonNode observed;

  @BeforeAll
  static void runTheTypeScriptClient() throws Exception {
    requireTool("node", "--version");
    requireTool("npm", "--version");
    installClient();
    gateway = new GatewayFixture(Map.of());
    server = gateway.serve();
    String url = GatewayFixture.url(server, "/mcp");
    String stdout = run(List.of("node", "interop.mjs", url, GatewayFixture.POOL.accessToken()), 120);
    String[] lines = stdout.strip().split("\n");
    observed = Json.MAPPER.readTree(lines[lines.length - 1]);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void connectsAndNegotiatesTheClientsProtocolVersion() {
    assertThat(observed.path("serverInfo").path("name").asText()).isEqualTo("incident-mcp-gateway");
    assertThat(observed.path("capabilities").has("tools")).isTrue();
    assertThat(observed.path("negotiatedProtocolVersion").asText())
        .isEqualTo(observed.path("clientProtocolVersion").asText());
    assertThat(observed.path("ping").isObject()).isTrue();
  }

  @Test
  void listsTheToolsOfEveryHealthyTarget() {
    List<String> tools = new ArrayList<>();
    observed.path("tools").forEach(t -> tools.add(t.asText()));
    assertThat(tools).containsExactly(ToolNames.CHAOS_CLEANUP, ToolNames.POD_METRICS, ToolNames.CLUSTER_OVERVIEW,
        ToolNames.DATADOG_QUERY_METRICS, ToolNames.SEARCH_LOGS);
  }

  @Test
  void callsATool() {
    JsonNode call = observed.path("call");
    assertThat(call.path("isError").asBoolean()).isFalse();
    assertThat(call.path("content").get(0).path("text").asText())
        .isEqualTo("pod shop/cart-7d9: CPU 93.5% of limit over the last 15 min");
    assertThat(call.path("structuredContent").path("pod").asText()).isEqualTo("cart-7d9");
  }

  @Test
  void anUnknownToolIsAnInvalidParamsError() {
    JsonNode unknown = observed.path("unknownTool");
    assertThat(unknown.path("thrown").asBoolean()).isTrue();
    assertThat(unknown.path("code").asInt()).isEqualTo(-32602);
    assertThat(unknown.path("message").asText()).contains("Unknown tool: kubectl-delete-everything");
  }

  @Test
  void invalidParamsAreAnInvalidParamsError() {
    JsonNode invalid = observed.path("invalidParams");
    assertThat(invalid.path("thrown").asBoolean()).isTrue();
    assertThat(invalid.path("code").asInt()).isEqualTo(-32602);
    assertThat(invalid.path("message").asText()).contains("non-empty string 'name'");
  }

  @Test
  void argumentsThatBreakTheSchemaComeBackAsAnIsErrorResult() {
    JsonNode result = observed.path("invalidArguments");
    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.path("content").get(0).path("text").asText()).contains("required property 'pod'");
  }

  @Test
  void unsupportedMethodsAreMethodNotFound() {
    assertThat(observed.path("unsupportedMethod").path("code").asInt()).isEqualTo(-32601);
  }

  @Test
  void aClientWithABadTokenCannotConnect() {
    JsonNode unauthorized = observed.path("unauthorized");
    assertThat(unauthorized.path("thrown").asBoolean()).isTrue();
    assertThat(unauthorized.path("code").asInt()).isEqualTo(401);
    assertThat(unauthorized.path("message").asText()).contains("Unauthorized: token is not a well-formed JWT");
  }

  private static void installClient() throws Exception {
    Files.createDirectories(WORK);
    boolean lockChanged = !Files.exists(WORK.resolve("package-lock.json"))
        || Files.mismatch(SOURCES.resolve("package-lock.json"), WORK.resolve("package-lock.json")) != -1;
    for (String file : List.of("package.json", "package-lock.json", "interop.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (lockChanged || !Files.exists(WORK.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
    }
  }

  private static void requireTool(String... command) {
    try {
      run(List.of(command), 30);
    } catch (Exception e) {
      fail("The MCP interop test needs Node.js 20+ and npm on PATH ('" + String.join(" ", command)
          + "' failed: " + e.getMessage() + "). Install them; this test does not skip.");
    }
  }

  private static String run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("interop", ".log");
    Process process = new ProcessBuilder(command).directory(Files.exists(WORK) ? WORK.toFile() : null)
        .redirectError(log.toFile()).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
    }
    String stderr = Files.readString(log);
    Files.delete(log);
    if (process.exitValue() != 0) {
      fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + stderr
          + new String(stdout, StandardCharsets.UTF_8));
    }
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
