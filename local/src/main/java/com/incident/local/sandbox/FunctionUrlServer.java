package com.incident.local.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.common.lambda.LocalContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda Function URL on 127.0.0.1: each HTTP request becomes the payload v2.0 event Lambda would deliver
 * (lower-cased headers, base64 body for binary content), the handler runs in-process, and its v2 response (or a
 * bare JSON value, which Function URLs answer as 200) becomes the HTTP response; {@link FunctionUrl} does the
 * encoding both ways. A handler that throws is a 502,
 * as with a real Function URL.
 */
public final class FunctionUrlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlServer.class);

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
    byte[] event = Json.write(request(exchange, body).toEvent()).getBytes(StandardCharsets.UTF_8);
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

  /** The request as Lambda describes it: text bodies as they are, anything else base64. */
  static FunctionUrl.Request request(HttpExchange exchange, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    // Headers.getFirst matches the name without regard to case.
    String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "");
    boolean text = body.length == 0 || contentType.contains("json") || contentType.startsWith("text/")
        || contentType.contains("x-www-form-urlencoded");
    return new FunctionUrl.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers,
        body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body),
        !text, UUID.randomUUID().toString(), exchange.getRemoteAddress().getAddress().getHostAddress(), Instant.now());
  }

  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    FunctionUrl.Response response;
    try {
      response = FunctionUrl.Response.fromOutput(Json.MAPPER.readTree(output));
    } catch (IOException | IllegalArgumentException e) {
      LocalHttp.send(exchange, 502, "application/json", "{\"message\":\"Internal Server Error\"}");
      return;
    }
    response.cookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
    LocalHttp.send(exchange, response.statusCode(), response.headers(), response.bodyBytes());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
