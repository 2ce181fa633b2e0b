package com.incident.agent.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.auth.BearerTokens;
import com.incident.common.auth.TokenUnavailableException;
import com.incident.common.json.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The agent's MCP client: the MCP Java SDK's {@link McpSyncClient} over Streamable HTTP, shared by every run of a
 * container (one {@link #connector}), with a per-run view that stamps the run's session id on each tool call.
 *
 * <p>What the SDK does not know about is added around it:
 * <ul>
 *   <li>the agent's own bearer token on every HTTP request, asked from {@link BearerTokens} each time so a refreshed
 *       token is used; a 401 drops that token and the SDK replays the request once with a fresh one (the gateway
 *       refused it before running anything, so the replay is safe);</li>
 *   <li>the per-call timeout, carried to the HTTP request through the SDK's transport context (the SDK only knows one
 *       timeout per client);</li>
 *   <li>the incident session id as {@code params._meta.sessionId} of {@code tools/call}, as the gateway reads it;</li>
 *   <li>SDK failures mapped to a {@link GatewayException} with a short message, never a stack trace.</li>
 * </ul>
 * The SDK validates each tool's {@code structuredContent} against the {@code outputSchema} the gateway listed; a
 * result that breaks it becomes an error outcome, so no consumer ever reads a shape its record does not describe.
 */
public final class McpClientGateway implements Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(McpClientGateway.class);
  /** initialize and tools/list: the gateway lists five targets in parallel, each bounded by 10 s. */
  static final Duration LIST_TIMEOUT = Duration.ofSeconds(15);
  /** The SDK's own per-request bound; only a backstop, the HTTP timeout of each request binds first. */
  private static final Duration SDK_BACKSTOP = Duration.ofMinutes(15);
  private static final String TIMEOUT = "incident.timeout";
  private static final String VALIDATION_FAILED = "Tool call result validation failed";
  private static final Pattern STATUS = Pattern.compile("Status code: ?(\\d{3})");
  /** The calling thread's timeout, read by the SDK's context provider when the call subscribes on that thread. */
  private static final ThreadLocal<Duration> CALL_TIMEOUT = new ThreadLocal<>();

  private final McpSyncClient client;
  private final String sessionId;

  private McpClientGateway(McpSyncClient client, String sessionId) {
    this.client = client;
    this.sessionId = sessionId;
  }

  /** One SDK client per container, initialised on first use; each run gets a view bound to its session id. */
  public static GatewayConnector connector(URI endpoint, BearerTokens tokens) {
    McpSyncClient client = client(endpoint, tokens);
    return sessionId -> new McpClientGateway(client, sessionId);
  }

  @Override
  public List<GatewayTool> listTools() throws GatewayException {
    initialize(LIST_TIMEOUT);
    McpSchema.ListToolsResult result = run(McpSchema.METHOD_TOOLS_LIST, LIST_TIMEOUT, client::listTools);
    return result.tools().stream()
        .map(t -> new GatewayTool(t.name(), t.description() == null ? "" : t.description(),
            Json.MAPPER.valueToTree(t.inputSchema())))
        .toList();
  }

  @Override
  public ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) throws GatewayException {
    if (arguments != null && !arguments.isNull() && !(arguments instanceof ObjectNode)) {
      throw new GatewayException("Arguments of " + toolName + " must be a JSON object");
    }
    initialize(timeout);
    @SuppressWarnings("unchecked")
    Map<String, Object> args = arguments instanceof ObjectNode o ? Json.MAPPER.convertValue(o, Map.class) : Map.of();
    McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder()
        .name(toolName)
        .arguments(args)
        .meta(sessionId == null ? null : Map.of("sessionId", sessionId))
        .build();
    McpSchema.CallToolResult result;
    try {
      result = run(McpSchema.METHOD_TOOLS_CALL, timeout, () -> client.callTool(request));
    } catch (ContractBroken e) {
      LOG.warn("Result of {} broke its outputSchema: {}", toolName, e.getMessage());
      return new ToolOutcome(toolName + " returned structured content that does not match its published "
          + "outputSchema (" + e.getMessage() + "); the result was discarded", null, true);
    }
    StringBuilder text = new StringBuilder();
    for (McpSchema.Content block : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
      if (block instanceof McpSchema.TextContent t) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(t.text());
      }
    }
    JsonNode structured = result.structuredContent() == null ? null : Json.MAPPER.valueToTree(result.structuredContent());
    return new ToolOutcome(text.toString(), structured, Boolean.TRUE.equals(result.isError()));
  }

  /** The MCP handshake, once per client (the SDK joins concurrent callers); named on its own in errors. */
  private void initialize(Duration timeout) throws GatewayException {
    if (!client.isInitialized()) {
      run(McpSchema.METHOD_INITIALIZE, timeout, client::initialize);
    }
  }

  private <T> T run(String method, Duration timeout, Supplier<T> action) throws GatewayException {
    CALL_TIMEOUT.set(timeout);
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw failure(method, timeout, e);
    } finally {
      CALL_TIMEOUT.remove();
    }
  }

  private static McpSyncClient client(URI endpoint, BearerTokens tokens) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(endpoint.toString())
        .endpoint(endpoint.toString())
        .connectTimeout(Duration.ofSeconds(5))
        .asyncHttpRequestCustomizer(authorize(tokens))
        .authorizationErrorHandler(McpHttpClientTransportAuthorizationErrorHandler.fromSync(
            (request, response, context) -> refreshAfter401(tokens, request, response.statusCode())))
        .build();
    return McpClient.sync(transport)
        .clientInfo(new McpSchema.Implementation("agent-runtime", version()))
        .requestTimeout(SDK_BACKSTOP)
        .initializationTimeout(SDK_BACKSTOP)
        .enableCallToolSchemaCaching(true)
        .transportContextProvider(() -> {
          Duration timeout = CALL_TIMEOUT.get();
          return timeout == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(TIMEOUT, timeout));
        })
        .build();
  }

  /**
   * Every request (POST, the optional GET stream, DELETE) gets the current token and the call's timeout. Runs on
   * boundedElastic: asking the token source may block on Cognito.
   */
  private static McpAsyncHttpClientRequestCustomizer authorize(BearerTokens tokens) {
    return (builder, method, uri, body, context) -> Mono.fromCallable(() -> {
      String token;
      try {
        token = tokens.token();
      } catch (TokenUnavailableException e) {
        throw new NoToken(e.getMessage());
      }
      Object timeout = context.get(TIMEOUT);
      Duration t = timeout instanceof Duration d ? d : LIST_TIMEOUT;
      return builder.setHeader("Authorization", "Bearer " + token)
          .timeout(t.isNegative() || t.isZero() ? Duration.ofMillis(1) : t);
    }).subscribeOn(Schedulers.boundedElastic());
  }

  private static boolean refreshAfter401(BearerTokens tokens, HttpRequestSnapshot request, int status) {
    if (status != 401) {
      return false; // 403: the token was read and refused; a fresh one changes nothing
    }
    LOG.warn("Gateway refused the agent's token (HTTP 401); fetching a fresh token and retrying once");
    request.headers().firstValue("Authorization")
        .filter(h -> h.startsWith("Bearer "))
        .ifPresent(h -> tokens.invalidate(h.substring("Bearer ".length())));
    return true;
  }

  /** Maps what the SDK throws to one short sentence; the cause chain stays in the exception for the logs. */
  private static GatewayException failure(String method, Duration timeout, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoToken n) {
        return new GatewayException("No gateway token for " + method + ": " + n.getMessage(), e);
      }
      if (t instanceof McpHttpClientTransportAuthorizationException a) {
        int status = a.getResponseInfo().statusCode();
        return new GatewayException(status == 401
            ? "Gateway rejected a freshly issued token too (HTTP 401) on " + method + ": check that the gateway's"
                + " COGNITO_ALLOWED_CLIENT_IDS and COGNITO_REQUIRED_SCOPE accept the agent's COGNITO_CLIENT_ID and"
                + " COGNITO_SCOPE"
            : "Gateway refused the agent's token (HTTP " + status + ") on " + method, e);
      }
      if (t instanceof McpError m && m.getJsonRpcError() != null) {
        McpSchema.JSONRPCResponse.JSONRPCError error = m.getJsonRpcError();
        return new GatewayException("Gateway " + method + " failed: " + error.code() + " " + error.message(), e);
      }
      if (t instanceof IllegalArgumentException && t.getMessage() != null
          && t.getMessage().startsWith(VALIDATION_FAILED)) {
        return new ContractBroken(t.getMessage().substring(VALIDATION_FAILED.length()).replaceFirst("^: ", ""), e);
      }
      if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return new GatewayException("Gateway did not answer " + method + " within " + timeout.toMillis() + " ms", e);
      }
      if (t instanceof IOException) {
        return new GatewayException("Gateway unreachable (" + method + "): " + describe(t), e);
      }
      Matcher status = STATUS.matcher(String.valueOf(t.getMessage()));
      if (status.find()) {
        return new GatewayException("Gateway answered HTTP " + status.group(1) + " to " + method, e);
      }
    }
    if (String.valueOf(e.getMessage()).startsWith("Failed to send message")) {
      return new GatewayException("Gateway failed on " + method + " with a server error (HTTP 5xx); see the gateway"
          + " logs", e);
    }
    Throwable root = McpError.findRootCause(e);
    return new GatewayException("Gateway " + method + " failed: " + describe(root), e);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static String version() {
    String version = McpClientGateway.class.getPackage().getImplementationVersion();
    return version == null ? "1.0.0" : version;
  }

  /** The token source failed; unchecked so it can cross the SDK's reactive chain. */
  private static final class NoToken extends RuntimeException {
    NoToken(String message) {
      super(message, null, false, false);
    }
  }

  /** The SDK refused a result that breaks the tool's outputSchema: a tool failure, not a transport one. */
  private static final class ContractBroken extends GatewayException {
    ContractBroken(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
