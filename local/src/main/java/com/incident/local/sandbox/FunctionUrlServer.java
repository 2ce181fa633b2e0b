package com.incident.local.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.lambda.LocalContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda Function URL on 127.0.0.1: each HTTP request becomes the payload v2.0 event Lambda would deliver
 * (lower-cased headers, base64 body for binary content), the handler runs in-process, and its v2 response (or a
 * bare JSON value, which Function URLs answer as 200) becomes the HTTP response. A handler that throws is a 502,
 * as with a real Function URL.
 */
public final class FunctionUrlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlServer.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final HttpServer server;
  private final String functionName;
  private final RequestStreamHandler handler;
  private final int timeoutSeconds;
  private final PrintStream log;

  private FunctionUrlServer(HttpServer server, String functionName, RequestStreamHandler handler, int timeoutSeconds,
      PrintStream log) {
    this.server = server;
    this.functionName = functionName;
    this.handler = handler;
    this.timeoutSeconds = timeoutSeconds;
    this.log = log;
  }

  public static FunctionUrlServer start(String functionName, RequestStreamHandler handler, int port, int timeoutSeconds,
      PrintStream log) {
    FunctionUrlServer s = new FunctionUrlServer(LocalHttp.start(port), functionName, handler, timeoutSeconds, log);
    s.server.createContext("/", s::handle);
    s.server.start();
    return s;
  }

  public String url() {
    return LocalHttp.url(server) + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    byte[] event = Json.write(event(exchange, body)).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(functionName, timeoutSeconds, 1024, log));
    } catch (Exception e) {
      LOG.error("{} failed: {}", functionName, e.toString());
      LocalHttp.send(exchange, 502, "application/json", "{\"message\":\"Internal Server Error\"}");
      return;
    }
    respond(exchange, out.toByteArray());
  }

  static ObjectNode event(HttpExchange exchange, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String contentType = headers.getOrDefault("content-type", "");
    boolean text = body.length == 0 || contentType.contains("json") || contentType.startsWith("text/")
        || contentType.contains("x-www-form-urlencoded");
    Instant now = Instant.now();
    String host = headers.getOrDefault("host", "127.0.0.1");
    ObjectNode e = Json.object().put("version", "2.0").put("routeKey", "$default")
        .put("rawPath", exchange.getRequestURI().getRawPath())
        .put("rawQueryString", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
    ObjectNode h = e.putObject("headers");
    headers.forEach(h::put);
    ObjectNode ctx = e.putObject("requestContext").put("accountId", "anonymous").put("apiId", "local")
        .put("domainName", host).put("domainPrefix", "local").put("requestId", UUID.randomUUID().toString())
        .put("routeKey", "$default").put("stage", "$default").put("time", TIME.format(now))
        .put("timeEpoch", now.toEpochMilli());
    ctx.putObject("http").put("method", exchange.getRequestMethod()).put("path", exchange.getRequestURI().getRawPath())
        .put("protocol", exchange.getProtocol()).put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
        .put("userAgent", headers.getOrDefault("user-agent", ""));
    if (body.length > 0) {
      e.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
    }
    e.put("isBase64Encoded", !text);
    return e;
  }

  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    JsonNode response;
    try {
      response = Json.MAPPER.readTree(output);
    } catch (IOException e) {
      LocalHttp.send(exchange, 502, "application/json", "{\"message\":\"Internal Server Error\"}");
      return;
    }
    if (response == null || !response.isObject() || !response.has("statusCode")) {
      LocalHttp.send(exchange, 200, "application/json", response == null ? "null" : Json.write(response));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
    List<String> cookies = response.path("cookies").valueStream().map(JsonNode::asText).toList();
    cookies.forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
    String body = response.path("body").asText("");
    byte[] bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
    LocalHttp.send(exchange, response.path("statusCode").asInt(200), headers, bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
