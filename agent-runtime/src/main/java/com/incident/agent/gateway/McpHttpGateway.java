package com.incident.agent.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.auth.BearerTokens;
import com.incident.common.auth.TokenUnavailableException;
import com.incident.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal MCP Streamable-HTTP client: JSON-RPC 2.0 over POST, answers as {@code application/json} or as a
 * {@code text/event-stream}. The MCP session is initialised lazily, once, and shared by parallel calls.
 *
 * <p>Every request carries the agent's own bearer token, taken from {@link BearerTokens} per request so a run
 * longer than a token's life keeps working. A 401 (token revoked or rotated early) drops that token and repeats
 * the request once with a fresh one; the gateway rejected it before running anything, so the repeat is safe.
 */
public final class McpHttpGateway implements Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(McpHttpGateway.class);
  static final String PROTOCOL_VERSION = "2025-06-18";
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http;
  private final URI endpoint;
  private final BearerTokens tokens;
  private final String agentSessionId;
  private final AtomicLong ids = new AtomicLong();
  private volatile String mcpSessionId;
  private volatile boolean initialized;

  public McpHttpGateway(HttpClient http, URI endpoint, BearerTokens tokens, String agentSessionId) {
    this.http = http;
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.agentSessionId = agentSessionId;
  }

  /** The connector production and the local runner use: one HttpClient and token cache, a session per run. */
  public static GatewayConnector connector(HttpClient http, URI endpoint, BearerTokens tokens) {
    return sessionId -> new McpHttpGateway(http, endpoint, tokens, sessionId);
  }

  @Override
  public List<GatewayTool> listTools() throws GatewayException {
    ensureInitialized();
    List<GatewayTool> tools = new ArrayList<>();
    String cursor = null;
    do {
      ObjectNode params = Json.object();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonNode result = rpc("tools/list", params, LIST_TIMEOUT);
      for (JsonNode t : result.path("tools")) {
        tools.add(new GatewayTool(t.path("name").asText(), t.path("description").asText(""), t.path("inputSchema")));
      }
      cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
    } while (cursor != null && !cursor.isEmpty());
    return tools;
  }

  @Override
  public ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) throws GatewayException {
    ensureInitialized();
    ObjectNode params = Json.object();
    params.put("name", toolName);
    params.set("arguments", arguments == null ? Json.object() : arguments);
    params.putObject("_meta").put("sessionId", agentSessionId);
    JsonNode result = rpc("tools/call", params, timeout);
    StringBuilder text = new StringBuilder();
    for (JsonNode block : result.path("content")) {
      if ("text".equals(block.path("type").asText())) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(block.path("text").asText());
      }
    }
    JsonNode structured = result.get("structuredContent");
    return new ToolOutcome(text.toString(), structured == null || structured.isNull() ? null : structured,
        result.path("isError").asBoolean(false));
  }

  private void ensureInitialized() throws GatewayException {
    if (initialized) {
      return;
    }
    synchronized (this) {
      if (initialized) {
        return;
      }
      ObjectNode params = Json.object();
      params.put("protocolVersion", PROTOCOL_VERSION);
      params.putObject("capabilities");
      params.putObject("clientInfo").put("name", "agent-runtime").put("version", "1.0.0");
      rpc("initialize", params, LIST_TIMEOUT);
      ObjectNode note = Json.object();
      note.put("jsonrpc", "2.0");
      note.put("method", "notifications/initialized");
      send(note, LIST_TIMEOUT);
      initialized = true;
    }
  }

  private JsonNode rpc(String method, ObjectNode params, Duration timeout) throws GatewayException {
    long id = ids.incrementAndGet();
    ObjectNode request = Json.object();
    request.put("jsonrpc", "2.0");
    request.put("id", id);
    request.put("method", method);
    request.set("params", params);
    HttpResponse<String> response = send(request, timeout);
    JsonNode message = responseMessage(response, id, method);
    if (message.has("error")) {
      JsonNode error = message.get("error");
      throw new GatewayException("Gateway " + method + " failed: " + error.path("code").asInt() + " "
          + error.path("message").asText());
    }
    return message.path("result");
  }

  private HttpResponse<String> send(ObjectNode body, Duration timeout) throws GatewayException {
    String method = body.path("method").asText();
    long end = System.nanoTime() + timeout.toNanos();
    String token = token(method);
    HttpResponse<String> response = post(body, token, timeout);
    if (response.statusCode() == 401) {
      LOG.warn("Gateway refused the agent's token (HTTP 401) on {}; fetching a fresh token and retrying once", method);
      tokens.invalidate(token);
      response = post(body, token(method), Duration.ofNanos(end - System.nanoTime()));
      if (response.statusCode() == 401) {
        throw new GatewayException("Gateway rejected a freshly issued token too (HTTP 401) on " + method
            + ": check that the gateway's COGNITO_ALLOWED_CLIENT_IDS and COGNITO_REQUIRED_SCOPE accept the agent's"
            + " COGNITO_CLIENT_ID and COGNITO_SCOPE");
      }
    }
    int status = response.statusCode();
    if (status == 403) {
      throw new GatewayException("Gateway refused the agent's token (HTTP 403) on " + method);
    }
    if (status >= 300) {
      throw new GatewayException("Gateway answered HTTP " + status + " to " + method);
    }
    return response;
  }

  private String token(String method) throws GatewayException {
    try {
      return tokens.token();
    } catch (TokenUnavailableException e) {
      throw new GatewayException("No gateway token for " + method + ": " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> post(ObjectNode body, String token, Duration timeout) throws GatewayException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
        .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    if (mcpSessionId != null) {
      builder.header("Mcp-Session-Id", mcpSessionId);
    }
    if (initialized || body.path("method").asText().startsWith("notifications/")) {
      builder.header("MCP-Protocol-Version", PROTOCOL_VERSION);
    }
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GatewayException("Gateway unreachable (" + body.path("method").asText() + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException("Interrupted while calling the gateway", e);
    }
    response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> mcpSessionId = s);
    return response;
  }

  private static JsonNode responseMessage(HttpResponse<String> response, long id, String method)
      throws GatewayException {
    String contentType = response.headers().firstValue("Content-Type").orElse("application/json");
    try {
      if (contentType.startsWith("text/event-stream")) {
        for (String data : sseData(response.body())) {
          JsonNode message = Json.tree(data);
          if (message.path("id").asLong(-1) == id) {
            return message;
          }
        }
        throw new GatewayException("Gateway event stream ended without a response to " + method);
      }
      JsonNode message = Json.tree(response.body());
      if (message instanceof ArrayNode array) {
        for (JsonNode m : array) {
          if (m.path("id").asLong(-1) == id) {
            return m;
          }
        }
        throw new GatewayException("Gateway batch holds no response to " + method);
      }
      return message;
    } catch (JsonProcessingException e) {
      throw new GatewayException("Gateway answered " + method + " with invalid JSON", e);
    }
  }

  private static List<String> sseData(String body) {
    List<String> events = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : body.split("\r?\n", -1)) {
      if (line.startsWith("data:")) {
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(line.substring(5).stripLeading());
      } else if (line.isEmpty() && !current.isEmpty()) {
        events.add(current.toString());
        current.setLength(0);
      }
    }
    if (!current.isEmpty()) {
      events.add(current.toString());
    }
    return events;
  }
}
