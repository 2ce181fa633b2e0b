package com.incident.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.obs.MetricsSink;
import com.incident.common.testing.TestTokens;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvoker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real gateway handler with a real Cognito verifier (keys and JWKS from {@link TestTokens}) and the
 * {@link FakeTools} targets invoked in-process. The JWKS endpoint is started once per test JVM.
 */
final class GatewayFixture {
  static final TestTokens POOL = TestTokens.start();

  final TestClock clock = new TestClock();
  final RecordingInvoker invoker;
  final List<String> metrics = new CopyOnWriteArrayList<>();
  final McpGatewayHandler handler;

  GatewayFixture(Map<String, String> extraEnv) {
    this(extraEnv, new HandlerInvoker(FakeTools.handlers()));
  }

  GatewayFixture(Map<String, String> extraEnv, ToolInvoker delegate) {
    Map<String, String> env = new HashMap<>(FakeTools.targetEnv());
    env.putAll(POOL.env());
    env.put("DATADOG_ENABLED", "true");
    env.putAll(extraEnv);
    Config config = Config.from(Env.of(env));
    invoker = new RecordingInvoker(delegate);
    // Sorted: Map.of iteration order differs between JVM runs.
    MetricsSink sink = (name, value, unit, dims) -> metrics.add(name + new java.util.TreeMap<>(dims));
    handler = new McpGatewayHandler(Wiring.production(config, new Wiring.Overrides(null, invoker, sink, clock)));
  }

  /** POSTs a JSON-RPC body with a valid token and the headers the TypeScript SDK sends. */
  JsonNode post(String body) {
    return send("POST", headers(POOL.bearer()), body, false);
  }

  JsonNode post(String body, Map<String, String> headers) {
    return send("POST", headers, body, false);
  }

  static Map<String, String> headers(String authorization) {
    Map<String, String> h = new HashMap<>();
    h.put("content-type", "application/json");
    h.put("accept", "application/json, text/event-stream");
    if (authorization != null) {
      h.put("authorization", authorization);
    }
    return h;
  }

  /** Runs one Function URL event (payload v2.0) through the handler; returns the v2 response. */
  JsonNode send(String method, Map<String, String> headers, String body, boolean base64) {
    ObjectNode event = Json.object().put("version", "2.0").put("routeKey", "$default").put("rawPath", "/");
    ObjectNode h = event.putObject("headers");
    headers.forEach(h::put);
    event.putObject("requestContext").putObject("http").put("method", method).put("path", "/");
    if (body != null) {
      event.put("body", base64
          ? java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
    }
    event.put("isBase64Encoded", base64);
    return invoke(Json.write(event));
  }

  JsonNode invoke(String rawEvent) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(rawEvent.getBytes(StandardCharsets.UTF_8)), out, null);
      return Json.MAPPER.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serves the handler on 127.0.0.1 as a Function URL does: each HTTP request becomes a payload v2.0 event, the
   * handler's v2 response becomes the HTTP response (status, headers, body). Stop it with {@code stop(0)}.
   */
  HttpServer serve() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::asFunctionUrl);
    server.start();
    return server;
  }

  static String url(HttpServer server, String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void asFunctionUrl(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    FunctionUrl.Request request = new FunctionUrl.Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        "", headers, body.length > 0 ? new String(body, StandardCharsets.UTF_8) : null, false, null, null, null);
    FunctionUrl.Response response = FunctionUrl.Response.fromOutput(invoke(Json.write(request.toEvent())));
    response.headers().forEach(exchange.getResponseHeaders()::add);
    byte[] answer = response.body() == null ? null : response.bodyBytes();
    exchange.sendResponseHeaders(response.statusCode(), answer == null ? -1 : answer.length);
    if (answer != null) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(answer);
      }
    }
    exchange.close();
  }

  static JsonNode body(JsonNode response) {
    try {
      return Json.MAPPER.readTree(response.path("body").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String rpc(Object id, String method, String paramsJson) {
    String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\""
        + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}";
  }

  /** Records every payload the gateway sends to a target, then delegates. */
  static final class RecordingInvoker implements ToolInvoker {
    final List<String> targets = new CopyOnWriteArrayList<>();
    final List<JsonNode> payloads = new CopyOnWriteArrayList<>();
    volatile ToolInvoker delegate;

    RecordingInvoker(ToolInvoker delegate) {
      this.delegate = delegate;
    }

    @Override
    public String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException {
      targets.add(target);
      try {
        payloads.add(Json.MAPPER.readTree(payloadJson));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return delegate.invoke(target, payloadJson, timeout);
    }

    long calls(String target, String method) {
      int n = 0;
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i).equals(target) && payloads.get(i).path("method").asText().equals(method)) {
          n++;
        }
      }
      return n;
    }
  }

  /** A clock the test moves forward; starts at the real time so tool deadlines stay meaningful. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
