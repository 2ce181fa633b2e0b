package com.incident.gateway.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.auth.TokenVerifier;
import com.incident.common.auth.UnauthorizedException;
import com.incident.common.incident.AgentRequest;
import com.incident.common.json.Json;
import com.incident.common.obs.LambdaLogging;
import com.incident.common.obs.MetricsSink;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over stateless Streamable HTTP: one JSON-RPC message per POST, answered with one JSON body (no SSE
 * stream, no server-issued session). The bearer token is verified on every request. This is the
 * protocol half of the gateway; it knows nothing about Lambda events.
 */
public final class McpGateway {
  private static final Logger log = LoggerFactory.getLogger(McpGateway.class);

  /** Newest first: an unsupported client version is answered with the first. */
  public static final List<String> SUPPORTED_VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25,
      ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2024_11_05);
  static final int UNAUTHORIZED = -32001;
  static final String REALM = "incident-mcp-gateway";
  private static final Pattern SESSION_ID = Pattern.compile(AgentRequest.SESSION_ID_PATTERN);
  private static final String INSTRUCTIONS = "Read-only observability tools (container-insight-*, opensearch-*, "
      + "datadog-*) for incident evidence, github-* tools for the incident issue, and chaos-cleanup for known "
      + "chaos faults. Tool errors come back as isError results with the reason and what to try next.";

  private final TokenVerifier verifier;
  private final ToolCatalog catalog;
  private final ToolCaller caller;
  private final McpSchema.Implementation serverInfo;
  private final MetricsSink metrics;

  public McpGateway(TokenVerifier verifier, ToolCatalog catalog, ToolCaller caller,
      McpSchema.Implementation serverInfo, MetricsSink metrics) {
    this.verifier = verifier;
    this.catalog = catalog;
    this.caller = caller;
    this.serverInfo = serverInfo;
    this.metrics = metrics;
  }

  /** Answers one HTTP request; {@code deadline} is when the answer must be on its way back. Never throws. */
  public HttpResponse handle(HttpRequest request, Instant deadline) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      // Streamable HTTP clients (the Java and TypeScript SDKs) probe with GET for a server stream: routine, not a fault.
      log.info("Answered {} with 405: only POST is served (stateless server, no SSE stream)", request.method());
      return new HttpResponse(405, Map.of("Allow", "POST", "Content-Type", "application/json"),
          errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST, "Method Not Allowed: send JSON-RPC with POST"));
    }
    String authorization = request.header("authorization");
    try {
      verifier.verify(authorization);
    } catch (UnauthorizedException e) {
      log.warn("Rejected request: unauthorized ({})", e.getMessage());
      metrics.record("GatewayUnauthorized", 1, MetricsSink.Unit.COUNT, Map.of());
      return new HttpResponse(401, Map.of("Content-Type", "application/json",
          "WWW-Authenticate", UnauthorizedException.challenge(REALM, authorization != null)),
          errorBody(null, UNAUTHORIZED, "Unauthorized: " + e.getMessage()));
    }
    HttpResponse early = checkHeaders(request);
    if (early != null) {
      return early;
    }
    JsonNode message;
    String problem = "the body is empty";
    try {
      message = Json.strictTree(request.body() == null ? "" : request.body());
    } catch (JsonProcessingException e) {
      message = null;
      problem = Json.problem(e);
    }
    if (message == null || message.isMissingNode()) {
      log.warn("Rejected request: body is not one JSON value ({})", problem);
      return HttpResponse.json(400, errorBody(null, McpSchema.ErrorCodes.PARSE_ERROR,
          "Parse error: the body is not a single JSON value (" + problem + ")"));
    }
    if (message.isArray()) {
      log.warn("Rejected request: JSON-RPC batch of {} messages", message.size());
      return HttpResponse.json(400, errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Invalid Request: batches are not supported; send one JSON-RPC message per POST"));
    }
    if (!message.isObject()) {
      log.warn("Rejected request: body is JSON but not an object");
      return HttpResponse.json(400, errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Invalid Request: expected a JSON-RPC object"));
    }
    return handleMessage((ObjectNode) message, request, deadline);
  }

  private HttpResponse checkHeaders(HttpRequest request) {
    String version = request.header("mcp-protocol-version");
    if (version != null && !SUPPORTED_VERSIONS.contains(version.trim())) {
      log.warn("Rejected request: unsupported MCP-Protocol-Version {}", shorten(version));
      return HttpResponse.json(400, errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Unsupported MCP-Protocol-Version " + shorten(version) + "; supported: " + SUPPORTED_VERSIONS));
    }
    String contentType = request.header("content-type");
    if (contentType != null && !Json.isJsonMediaType(contentType)) {
      log.warn("Rejected request: Content-Type {}", shorten(contentType));
      return HttpResponse.json(415, errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Unsupported Media Type: send Content-Type: application/json"));
    }
    String accept = request.header("accept");
    if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
      log.warn("Rejected request: Accept {}", shorten(accept));
      return HttpResponse.json(406, errorBody(null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Not Acceptable: this server answers with application/json"));
    }
    return null;
  }

  private HttpResponse handleMessage(ObjectNode message, HttpRequest request, Instant deadline) {
    JsonNode id = message.get("id");
    JsonNode method = message.get("method");
    JsonNode jsonrpc = message.get("jsonrpc");
    boolean idValid = id != null && (id.isTextual() || id.isIntegralNumber() && id.canConvertToLong());
    if (jsonrpc == null || !jsonrpc.isTextual() || !McpSchema.JSONRPC_VERSION.equals(jsonrpc.textValue())) {
      log.warn("Rejected request: 'jsonrpc' is not the string \"2.0\"");
      return HttpResponse.json(400, errorBody(idValid ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Invalid Request: 'jsonrpc' must be the string \"2.0\""));
    }
    if (id == null && method != null && method.isTextual()) {
      log.info("Notification {} accepted", shorten(method.asText()));
      return new HttpResponse(202, Map.of(), null);
    }
    if (method == null && (message.has("result") || message.has("error"))) {
      return new HttpResponse(202, Map.of(), null); // a client's answer; we never ask it anything
    }
    if (!idValid || method == null || !method.isTextual()) {
      log.warn("Rejected request: not a JSON-RPC 2.0 request (jsonrpc, id and method are required)");
      return HttpResponse.json(400, errorBody(idValid ? id : null, McpSchema.ErrorCodes.INVALID_REQUEST,
          "Invalid Request: expected {\"jsonrpc\":\"2.0\",\"id\":<string|integer>,\"method\":<string>}"));
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isNull() && !params.isObject()) {
      return rpcError(id, JsonRpcException.invalidParams("Invalid params: 'params' must be an object"));
    }
    ObjectNode p = params instanceof ObjectNode o ? o : Json.object();
    String sessionId = sessionId(request, p);
    try (AutoCloseable ignored = LambdaLogging.session(sessionId)) {
      return HttpResponse.json(200, resultBody(id, dispatch(method.asText(), p, sessionId, deadline)));
    } catch (JsonRpcException e) {
      log.warn("Rejected {}: {}", shorten(method.asText()), e.getMessage());
      return rpcError(id, e);
    } catch (Exception e) {
      log.error("Internal error while handling {}", shorten(method.asText()), e);
      return HttpResponse.json(500, errorBody(id, McpSchema.ErrorCodes.INTERNAL_ERROR,
          "Internal error while handling " + shorten(method.asText()) + "; see the gateway logs"));
    }
  }

  private Object dispatch(String method, ObjectNode params, String sessionId, Instant deadline) {
    return switch (method) {
      case McpSchema.METHOD_INITIALIZE -> initialize(params);
      case McpSchema.METHOD_PING -> Json.object();
      case McpSchema.METHOD_TOOLS_LIST -> new McpSchema.ListToolsResult(catalog.tools(), null);
      case McpSchema.METHOD_TOOLS_CALL -> callTool(params, sessionId, deadline);
      default -> throw new JsonRpcException(McpSchema.ErrorCodes.METHOD_NOT_FOUND, 200, "Method not found: "
          + shorten(method) + ". This server supports initialize, ping, tools/list and tools/call.");
    };
  }

  private McpSchema.InitializeResult initialize(ObjectNode params) {
    JsonNode requested = params.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      throw JsonRpcException.invalidParams("Invalid params: initialize requires a string 'protocolVersion'");
    }
    String version = SUPPORTED_VERSIONS.contains(requested.asText()) ? requested.asText() : SUPPORTED_VERSIONS.getFirst();
    JsonNode client = params.path("clientInfo");
    log.info("initialize from client {} {} requested={} answered={}", shorten(client.path("name").asText("?")),
        shorten(client.path("version").asText("?")), shorten(requested.asText()), version);
    return new McpSchema.InitializeResult(version,
        McpSchema.ServerCapabilities.builder().tools(false).build(), serverInfo, INSTRUCTIONS);
  }

  private McpSchema.CallToolResult callTool(ObjectNode params, String sessionId, Instant deadline) {
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw JsonRpcException.invalidParams("Invalid params: tools/call requires a non-empty string 'name'");
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      throw JsonRpcException.invalidParams("Invalid params: 'arguments' must be an object");
    }
    return caller.call(name.asText(), arguments instanceof ObjectNode o ? o : Json.object(), sessionId, deadline);
  }

  /** The incident session travels as the Mcp-Session-Id header or {@code params._meta.sessionId}. */
  private static String sessionId(HttpRequest request, ObjectNode params) {
    String id = request.header("mcp-session-id");
    if (id == null) {
      JsonNode meta = params.path("_meta").path("sessionId");
      id = meta.isTextual() ? meta.asText() : null;
    }
    if (id != null && !SESSION_ID.matcher(id).matches()) {
      log.warn("Ignored a malformed session id ({} chars)", id.length());
      return null;
    }
    return id;
  }

  private static HttpResponse rpcError(JsonNode id, JsonRpcException e) {
    return HttpResponse.json(e.httpStatus(), errorBody(id, e.code(), e.getMessage()));
  }

  private static String resultBody(JsonNode id, Object result) {
    Object idValue = id.isTextual() ? id.asText() : id.canConvertToInt() ? (Object) id.asInt() : (Object) id.asLong();
    return Json.write(Json.MAPPER.valueToTree(
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, idValue, result, null)));
  }

  static String errorBody(JsonNode id, int code, String message) {
    ObjectNode body = Json.object().put("jsonrpc", McpSchema.JSONRPC_VERSION);
    body.set("id", id == null ? Json.MAPPER.nullNode() : id);
    body.set("error", Json.MAPPER.valueToTree(new McpSchema.JSONRPCResponse.JSONRPCError(code, message)));
    return Json.write(body);
  }

  /** Caller-controlled strings are cut before they reach a log line or an error message. */
  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
