package com.incident.common.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 for {@link Priming}, alive only while priming runs: the function's real HTTP stacks (the
 * JDK HttpClient, the SDK's URLConnection client) send their first requests to it, so the ~200 classes of each stack
 * are loaded and initialised in the snapshot rather than on the first request after a restore. Nothing leaves the
 * machine; {@link OfflineHttpClient} covers SDK code without a socket, this covers the sockets themselves.
 */
public final class LoopbackServer implements AutoCloseable {
  /** What the server answers one request with. */
  public record Answer(int status, String json) {}

  /** What the server saw of one request. */
  public record Request(String method, String path, String amzTarget) {}

  private final HttpServer server;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  public static LoopbackServer start(Function<Request, Answer> answers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LoopbackServer loopback = new LoopbackServer(server);
    server.createContext("/", exchange -> loopback.handle(exchange, answers));
    server.start();
    return loopback;
  }

  private void handle(HttpExchange exchange, Function<Request, Answer> answers) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
      counts.computeIfAbsent(request.path() + " " + request.amzTarget(), k -> new AtomicInteger()).incrementAndGet();
      Answer answer = answers.apply(request);
      byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The server's base URL, {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests matched {@code prefix} on path, or on {@code X-Amz-Target} for AWS JSON calls. */
  public int requests(String prefix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) || e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(prefix))
        .mapToInt(e -> e.getValue().get()).sum();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
