package com.incident.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolRequest;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvoker;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tools/call: checks the name and the arguments against the cached definition (a bad call costs no invoke),
 * invokes the owning target and passes its CallToolResult through. Anything the target could not answer
 * becomes an {@code isError} result in plain English, so the model can decide what to do next.
 */
public final class ToolCaller {
  private static final Logger log = LoggerFactory.getLogger(ToolCaller.class);
  /** Time the gateway keeps for itself to relay the answer after the tool's deadline. */
  static final Duration RELAY_MARGIN = Duration.ofMillis(500);

  private final Targets targets;
  private final Set<String> disabledPrefixes;
  private final ToolCatalog catalog;
  private final ToolInvoker invoker;
  private final Clock clock;
  private final MetricsSink metrics;
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator(Json.MAPPER);

  public ToolCaller(Targets targets, Set<String> disabledPrefixes, ToolCatalog catalog, ToolInvoker invoker,
      Clock clock, MetricsSink metrics) {
    this.targets = targets;
    this.disabledPrefixes = Set.copyOf(disabledPrefixes);
    this.catalog = catalog;
    this.invoker = invoker;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** @throws JsonRpcException (invalid params) for a tool this gateway does not serve */
  public McpSchema.CallToolResult call(String name, ObjectNode arguments, String sessionId, Instant deadline) {
    for (String prefix : disabledPrefixes) {
      if (name.startsWith(prefix)) {
        throw JsonRpcException.invalidParams("Tool '" + name + "' is disabled in this deployment ("
            + prefix + "* tools are turned off)");
      }
    }
    Targets.Target target = targets.forTool(name).orElseThrow(() -> unknown(name));
    switch (catalog.find(name)) {
      case ToolCatalog.Lookup.Unknown u -> throw unknown(name);
      case ToolCatalog.Lookup.Found f -> {
        JsonSchemaValidator.ValidationResponse v =
            validator.validate(f.tool().inputSchema(), Json.MAPPER.convertValue(arguments, Map.class));
        if (!v.valid()) {
          String message = "Invalid arguments for " + name + ": " + v.errorMessage();
          log.warn("Rejected tool call: {}", message);
          record(name, "invalid-arguments", 0);
          return ToolDispatcher.errorResult(message);
        }
      }
      case ToolCatalog.Lookup.Unavailable u ->
          log.warn("Definitions of target {} unavailable; forwarding {} unvalidated", target.prefix(), name);
    }
    return invoke(target, name, arguments, sessionId, deadline);
  }

  private McpSchema.CallToolResult invoke(Targets.Target target, String name, ObjectNode arguments, String sessionId,
      Instant deadline) {
    Instant started = clock.instant();
    Duration budget = Duration.between(started, deadline);
    if (budget.compareTo(RELAY_MARGIN) <= 0) {
      record(name, "deadline", 0);
      return ToolDispatcher.errorResult("The gateway's time budget ran out before " + name
          + " could start; nothing was done. Retry the call.");
    }
    String payload = Json.write(new ToolRequest.CallTool(name, arguments, sessionId,
        deadline.minus(RELAY_MARGIN).toEpochMilli()).toJson());
    try {
      String body = invoker.invoke(target.function(), payload, budget);
      McpSchema.CallToolResult result = parse(body);
      record(name, Boolean.TRUE.equals(result.isError()) ? "tool-error" : "ok", elapsed(started));
      return result;
    } catch (ToolInvocationException e) {
      log.warn("Tool call failed tool={} target={} kind={} reason={}", name, target.function(), e.kind(),
          e.getMessage());
      record(name, e.kind().name().toLowerCase().replace('_', '-'), elapsed(started));
      return ToolDispatcher.errorResult(message(name, target, e, sessionId));
    }
  }

  private static McpSchema.CallToolResult parse(String body) throws ToolInvocationException {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.path("content").isArray()) {
        throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR,
            "answer is not a CallToolResult (no 'content' array)");
      }
      return Json.MAPPER.treeToValue(node, McpSchema.CallToolResult.class);
    } catch (ToolInvocationException e) {
      throw e;
    } catch (Exception e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR,
          "answer is not a CallToolResult (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String message(String name, Targets.Target target, ToolInvocationException e, String sessionId) {
    String session = sessionId == null ? "" : " (session " + sessionId + ")";
    return switch (e.kind()) {
      case FUNCTION_ERROR -> "Tool " + name + " failed inside its function: " + e.getMessage()
          + ". The arguments were accepted; check the " + target.prefix() + "* tool function logs" + session + ".";
      case TIMEOUT -> "Tool " + name + " did not answer in time (" + e.getMessage()
          + "). Retry with a narrower time range or fewer items.";
      case THROTTLED -> "Tool " + name + " is throttled by AWS Lambda (too many concurrent calls). Wait a few "
          + "seconds and retry.";
      case NOT_FOUND -> "Tool " + name + " is not deployed correctly: its function could not be invoked ("
          + e.getMessage() + "). Retrying will not help; an operator must fix the gateway's tool target configuration.";
      case UNAVAILABLE -> "Tool " + name + " is temporarily unreachable (" + e.getMessage() + "). Retry shortly.";
    };
  }

  private JsonRpcException unknown(String name) {
    return JsonRpcException.invalidParams("Unknown tool: " + name + ". Call tools/list for the available tools.");
  }

  private long elapsed(Instant started) {
    return Duration.between(started, clock.instant()).toMillis();
  }

  private void record(String tool, String outcome, long elapsedMs) {
    metrics.record("GatewayToolCall", 1, MetricsSink.Unit.COUNT, Map.of("tool", tool, "outcome", outcome));
    metrics.record("GatewayToolLatency", elapsedMs, MetricsSink.Unit.MILLISECONDS, Map.of("tool", tool));
  }
}
