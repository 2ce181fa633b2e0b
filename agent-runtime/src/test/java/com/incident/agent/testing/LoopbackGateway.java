package com.incident.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.testing.TestTokens;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.gateway.Config;
import com.incident.gateway.McpGatewayHandler;
import com.incident.gateway.Wiring;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvoker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The real MCP gateway on 127.0.0.1, served the way a Lambda Function URL serves it: each HTTP request becomes a
 * payload v2.0 event for {@link McpGatewayHandler}, whose v2 response becomes the HTTP response. The handler verifies
 * tokens with the real {@link CognitoJwtVerifier} against {@link #POOL}'s JWKS and invokes its tool targets in
 * process: each target is a {@link ToolTarget} of scripted tools behind the real {@link ToolDispatcher}.
 *
 * <p>A target with no scripted tool is not configured (no {@code TOOL_TARGET_*}), as in a deployment without it.
 * The gateway is built on its first request from what is scripted then, and rebuilt after the script changes.
 * Every exchange is recorded at the wire (JSON-RPC method, Authorization header, HTTP status).
 */
public final class LoopbackGateway implements AutoCloseable {
  /** The Cognito user pool every gateway in this JVM trusts. */
  public static final TestTokens POOL = TestTokens.start();

  /** A {@code tools/call} the gateway accepted (past the token check). */
  public record Call(String tool, JsonNode arguments, String authorization) {}

  /** One HTTP request as it crossed the wire. */
  public record Exchange(String rpcMethod, String authorization, int status) {}

  private record Tool(McpSchema.Tool definition, Function<JsonNode, JsonNode> handler, boolean checked) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Tool> tools = new ConcurrentHashMap<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> sessionIds = new CopyOnWriteArrayList<>();
  private final Map<String, ToolDispatcher> dispatchers = new ConcurrentHashMap<>();
  private final Map<ToolNames.Target, ToolDispatcher> realTargets = new ConcurrentHashMap<>();
  private volatile Clock tokenClock = Clock.systemUTC();
  private volatile String allowedClients = TestTokens.CLIENT_ID;
  private volatile McpGatewayHandler handler;

  public LoopbackGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::asFunctionUrl);
    server.start();
  }

  /** The Function URL. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** A tool with this input schema, answering with {@code handler}'s CallToolResult. */
  public LoopbackGateway tool(String name, ObjectNode inputSchema, Function<JsonNode, JsonNode> handler) {
    return tool(ToolSchemas.tool(name, "Scripted " + name, schemaMap(inputSchema), true), handler);
  }

  /** A tool with a full definition (e.g. an {@code outputSchema} from a result record). */
  public LoopbackGateway tool(McpSchema.Tool definition, Function<JsonNode, JsonNode> handler) {
    tools.put(definition.name(), new Tool(definition, handler, true));
    return rebuild();
  }

  /**
   * A tool whose target answers without the dispatcher's contract check, as a target built from an older contract
   * would: what it returns reaches the client exactly as scripted.
   */
  public LoopbackGateway uncheckedTool(McpSchema.Tool definition, Function<JsonNode, JsonNode> handler) {
    tools.put(definition.name(), new Tool(definition, handler, false));
    return rebuild();
  }

  /**
   * A real tool target's dispatcher (e.g. tools-chaos over the fabric8 mock) in place of scripted tools: every tool of
   * {@code target} is answered by it, exactly as its Lambda would answer.
   */
  public LoopbackGateway target(ToolNames.Target target, ToolDispatcher dispatcher) {
    realTargets.put(target, dispatcher);
    tools.keySet().removeIf(n -> n.startsWith(target.prefix()));
    return rebuild();
  }

  /** Stops offering {@code names}; a target left without tools is not configured at all. */
  public LoopbackGateway without(String... names) {
    for (String name : names) {
      tools.remove(name);
    }
    return rebuild();
  }

  /** The gateway's {@code COGNITO_ALLOWED_CLIENT_IDS}; tokens of any other app client are answered 401. */
  public LoopbackGateway allowClients(String clientIds) {
    this.allowedClients = clientIds;
    return rebuild();
  }

  /** The clock the gateway checks {@code exp}/{@code nbf}/{@code iat} against. */
  public LoopbackGateway verifyTokensAt(Clock clock) {
    this.tokenClock = clock;
    return rebuild();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String tool) {
    return calls.stream().filter(c -> c.tool().equals(tool)).toList();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The {@code sessionId} of every tool call the gateway passed on to a target. */
  public List<String> sessionIds() {
    return List.copyOf(sessionIds);
  }

  /** JSON-RPC methods of the requests that passed the token check, in order. */
  public List<String> methods() {
    return exchanges.stream().filter(e -> e.status() != 401).map(Exchange::rpcMethod).toList();
  }

  /** The Authorization headers answered 401, in order. */
  public List<String> rejected() {
    return exchanges.stream().filter(e -> e.status() == 401).map(Exchange::authorization).toList();
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

  /** An object schema whose listed properties are required (and may hold anything). */
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

  private LoopbackGateway rebuild() {
    handler = null;
    return this;
  }

  private synchronized McpGatewayHandler handler() {
    if (handler == null) {
      Map<String, String> env = new HashMap<>(POOL.env());
      env.put("COGNITO_ALLOWED_CLIENT_IDS", allowedClients);
      env.put("DATADOG_ENABLED", "true");
      dispatchers.clear();
      for (ToolNames.Target target : ToolNames.Target.values()) {
        String function = "tools-" + target.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (realTargets.containsKey(target)) {
          env.put("TOOL_TARGET_" + target.name(), function);
          dispatchers.put(function, realTargets.get(target));
        } else if (tools.keySet().stream().anyMatch(n -> n.startsWith(target.prefix()))) {
          env.put("TOOL_TARGET_" + target.name(), function);
          dispatchers.put(function, new ToolDispatcher(new Scripted(target.prefix()), ToolLimits.DEFAULT,
              Clock.systemUTC(), (n, v, u, d) -> {}));
        }
      }
      Config config = Config.from(Env.of(env));
      handler = new McpGatewayHandler(Wiring.production(config, new Wiring.Overrides(
          new CognitoJwtVerifier(config.auth(), tokenClock), new Invoker(), MetricsSink.NOOP, Clock.systemUTC())));
    }
    return handler;
  }

  /** The scripted tools of one target, as its Lambda would serve them. */
  private final class Scripted implements ToolTarget {
    private final String prefix;

    Scripted(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public List<McpSchema.Tool> tools() {
      return tools.values().stream().map(Tool::definition).filter(t -> t.name().startsWith(prefix))
          .sorted(Comparator.comparing(McpSchema.Tool::name)).toList();
    }

    @Override
    public ToolResult call(String name, ToolArguments arguments, ToolContext context) {
      JsonNode r = tools.get(name).handler().apply(arguments.node());
      StringBuilder text = new StringBuilder();
      r.path("content").forEach(block -> text.append(text.isEmpty() ? "" : "\n").append(block.path("text").asText()));
      JsonNode structured = r.get("structuredContent");
      return new ToolResult(text.toString(), structured, r.path("isError").asBoolean(false));
    }
  }

  /** The gateway's Lambda Invoke, in process: contract payload in, the target's answer out. */
  private final class Invoker implements ToolInvoker {
    @Override
    public String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException {
      JsonNode payload;
      try {
        payload = Json.tree(payloadJson);
      } catch (IOException e) {
        throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR, "payload is not JSON", e);
      }
      if (McpSchema.METHOD_TOOLS_CALL.equals(payload.path("method").asText())) {
        sessionIds.add(payload.path("sessionId").asText(""));
      }
      Tool tool = tools.get(payload.path("name").asText());
      if (tool != null && !tool.checked()) {
        return Json.write(tool.handler().apply(payload.path("arguments")));
      }
      return Json.write(dispatchers.get(target).handle(payload, timeout.toMillis()));
    }
  }

  private void asFunctionUrl(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "$default")
        .put("rawPath", exchange.getRequestURI().getRawPath());
    ObjectNode headers = event.putObject("headers");
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    event.putObject("requestContext").putObject("http").put("method", exchange.getRequestMethod())
        .put("path", exchange.getRequestURI().getRawPath());
    String text = new String(body, StandardCharsets.UTF_8);
    if (body.length > 0) {
      event.put("body", text);
    }
    event.put("isBase64Encoded", false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler().handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
    JsonNode response = Json.MAPPER.readTree(out.toByteArray());
    int status = response.path("statusCode").asInt();
    record(exchange.getRequestMethod(), text, exchange.getRequestHeaders().getFirst("Authorization"), status);
    response.path("headers").properties()
        .forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
    byte[] answer = response.hasNonNull("body") ? response.path("body").asText().getBytes(StandardCharsets.UTF_8) : null;
    exchange.sendResponseHeaders(status, answer == null ? -1 : answer.length);
    if (answer != null) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(answer);
      }
    }
    exchange.close();
  }

  private void record(String httpMethod, String body, String authorization, int status) {
    JsonNode message;
    try {
      message = body.isEmpty() ? Json.object() : Json.tree(body);
    } catch (IOException e) {
      message = Json.object();
    }
    String method = message.path("method").asText(httpMethod);
    exchanges.add(new Exchange(method, String.valueOf(authorization), status));
    if (status != 401 && McpSchema.METHOD_TOOLS_CALL.equals(method)) {
      calls.add(new Call(message.at("/params/name").asText(), message.at("/params/arguments"), authorization));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schemaMap(ObjectNode schema) {
    return Json.MAPPER.convertValue(schema, Map.class);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
