package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An in-process MCP gateway on 127.0.0.1 speaking JSON-RPC 2.0 over HTTP (Streamable HTTP, JSON or SSE
 * answers), with fake tools behind it. Like the real gateway it rejects a wrong bearer token with 401 and
 * answers schema violations (missing required arguments) with an isError result.
 */
public final class FakeGateway implements AutoCloseable {
  /** One tools/call as received. */
  public record Call(String tool, JsonNode arguments, String authorization) {}

  private record Tool(String name, String description, ObjectNode schema, Function<JsonNode, JsonNode> handler) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Tool> tools = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private volatile String expectedAuthorization;
  private volatile boolean eventStream;

  public FakeGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/mcp", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  public FakeGateway expectAuthorization(String header) {
    this.expectedAuthorization = header;
    return this;
  }

  public FakeGateway answerAsEventStream(boolean sse) {
    this.eventStream = sse;
    return this;
  }

  public FakeGateway tool(String name, ObjectNode schema, Function<JsonNode, JsonNode> handler) {
    tools.put(name, new Tool(name, "Fake " + name, schema, handler));
    return this;
  }

  /** Stops offering {@code names}, as the real gateway does for a target that is not configured. */
  public FakeGateway without(String... names) {
    for (String name : names) {
      tools.remove(name);
    }
    return this;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String tool) {
    return calls.stream().filter(c -> c.tool().equals(tool)).toList();
  }

  public List<String> methods() {
    return List.copyOf(methods);
  }

  /** The Authorization headers answered 401, in order. */
  public List<String> rejected() {
    return List.copyOf(rejected);
  }

  /** A CallToolResult with one text block and optional structured content. */
  public static JsonNode result(String text, JsonNode structured) {
    ObjectNode r = Json.object();
    r.putArray("content").addObject().put("type", "text").put("text", text);
    if (structured != null) {
      r.set("structuredContent", structured);
    }
    r.put("isError", false);
    return r;
  }

  /**
   * A CallToolResult carrying a tool's result record as structured content, as the real tool sends it; a record that
   * breaks its own outputSchema (a null required field) fails the test instead of feeding a consumer an invented shape.
   */
  public static JsonNode typedResult(String text, Record structured) {
    String violation = OutputSchemas.violation(OutputSchemas.of(structured.getClass()), structured);
    if (violation != null) {
      throw new AssertionError("fake answer breaks the " + structured.getClass().getSimpleName() + " contract: " + violation);
    }
    return result(text, (JsonNode) Json.MAPPER.valueToTree(structured));
  }

  public static JsonNode error(String text) {
    ObjectNode r = Json.object();
    r.putArray("content").addObject().put("type", "text").put("text", text);
    r.put("isError", true);
    return r;
  }

  public static ObjectNode schema(String... required) {
    ObjectNode s = Json.object().put("type", "object");
    ObjectNode props = s.putObject("properties");
    ArrayNode req = s.putArray("required");
    for (String r : required) {
      props.putObject(r);
      req.add(r);
    }
    return s;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || (expectedAuthorization != null && !expectedAuthorization.equals(auth))) {
      rejected.add(String.valueOf(auth));
      exchange.getRequestBody().readAllBytes();
      send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
      return;
    }
    JsonNode request = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String method = request.path("method").asText();
    methods.add(method);
    if (!request.has("id")) {
      send(exchange, 202, "application/json", "");
      return;
    }
    ObjectNode response = Json.object().put("jsonrpc", "2.0");
    response.set("id", request.get("id"));
    JsonNode params = request.path("params");
    switch (method) {
      case "initialize" -> {
        ObjectNode result = response.putObject("result").put("protocolVersion", "2025-06-18");
        result.putObject("capabilities").putObject("tools");
        result.putObject("serverInfo").put("name", "fake-gateway").put("version", "1");
        exchange.getResponseHeaders().add("Mcp-Session-Id", UUID.randomUUID().toString());
      }
      case "tools/list" -> {
        ArrayNode list = response.putObject("result").putArray("tools");
        tools.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> list.addObject()
            .put("name", t.name()).put("description", t.description()).set("inputSchema", t.schema()));
      }
      case "tools/call" -> {
        String name = params.path("name").asText();
        JsonNode args = params.path("arguments");
        calls.add(new Call(name, args, auth));
        Tool tool = tools.get(name);
        if (tool == null) {
          response.putObject("error").put("code", -32602).put("message", "Unknown tool: " + name);
        } else {
          String missing = null;
          for (JsonNode r : tool.schema().path("required")) {
            if (!args.has(r.asText())) {
              missing = r.asText();
            }
          }
          response.set("result", missing != null
              ? error("Invalid arguments for " + name + ": missing required field '" + missing + "'")
              : tool.handler().apply(args));
        }
      }
      default -> response.putObject("error").put("code", -32601).put("message", "Method not found: " + method);
    }
    if (eventStream) {
      send(exchange, 200, "text/event-stream", "event: message\ndata: " + Json.write(response) + "\n\n");
    } else {
      send(exchange, 200, "application/json", Json.write(response));
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
