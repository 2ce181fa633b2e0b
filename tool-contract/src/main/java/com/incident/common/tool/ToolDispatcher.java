package com.incident.common.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic half of every tool Lambda: validates the contract payload and the arguments against the
 * tool's input schema, enforces the deadline, caps the output and turns every failure into an
 * {@code isError} result. It never throws to its caller.
 */
public final class ToolDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);
  static final String TRUNCATION_MARKER = "\n…[truncated: %d of %d bytes shown; narrow the query to see the rest]";

  private final ToolTarget target;
  private final ToolLimits limits;
  private final Clock clock;
  private final MetricsSink metrics;
  private final Map<String, McpSchema.Tool> toolsByName;
  private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator(Json.MAPPER);
  // Virtual threads: a timed-out tool call is abandoned without holding a platform thread.
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public ToolDispatcher(ToolTarget target, ToolLimits limits, Clock clock, MetricsSink metrics) {
    this.target = target;
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
    this.toolsByName = target.tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));
    toolsByName.values().forEach(t -> {
      List<String> unbounded = ToolSchemas.unboundedIntegers(t.inputSchema());
      if (!unbounded.isEmpty()) {
        throw new IllegalStateException("Tool " + t.name() + " declares integers without minimum/maximum: " + unbounded);
      }
    });
  }

  public List<McpSchema.Tool> tools() {
    return target.tools();
  }

  /**
   * Handles one contract payload and returns the JSON response. {@code lambdaRemainingMs} is the
   * invoking Lambda's remaining time (null outside Lambda); the tighter of it and the caller's deadline wins.
   */
  public JsonNode handle(JsonNode payload, Long lambdaRemainingMs) {
    ToolRequest request;
    try {
      request = ToolRequest.parse(payload);
    } catch (ToolException e) {
      log.warn("Rejected tool request: {}", e.getMessage());
      return toJson(errorResult(e.getMessage()));
    }
    return switch (request) {
      case ToolRequest.ListTools l -> {
        ObjectNode out = Json.object();
        out.set("tools", Json.MAPPER.valueToTree(target.tools()));
        yield out;
      }
      case ToolRequest.CallTool c -> toJson(call(c, lambdaRemainingMs));
    };
  }

  public McpSchema.CallToolResult call(ToolRequest.CallTool call, Long lambdaRemainingMs) {
    long started = clock.millis();
    McpSchema.CallToolResult result = doCall(call, lambdaRemainingMs);
    long elapsed = clock.millis() - started;
    boolean error = Boolean.TRUE.equals(result.isError());
    metrics.record("ToolCall", 1, MetricsSink.Unit.COUNT, Map.of("tool", call.name()));
    metrics.record("ToolLatency", elapsed, MetricsSink.Unit.MILLISECONDS, Map.of("tool", call.name()));
    if (error) {
      metrics.record("ToolError", 1, MetricsSink.Unit.COUNT, Map.of("tool", call.name()));
    }
    log.info("tool call finished tool={} error={} elapsedMs={}", call.name(), error, elapsed);
    return result;
  }

  private McpSchema.CallToolResult doCall(ToolRequest.CallTool call, Long lambdaRemainingMs) {
    McpSchema.Tool tool = toolsByName.get(call.name());
    if (tool == null) {
      String message = "Unknown tool '" + call.name() + "'. Tools of this target: " + String.join(", ", toolsByName.keySet());
      log.warn("Rejected tool call: {}", message);
      return errorResult(message);
    }
    ObjectNode arguments = call.arguments() == null ? Json.object() : call.arguments();
    JsonSchemaValidator.ValidationResponse validation =
        validator.validate(tool.inputSchema(), Json.MAPPER.convertValue(arguments, Map.class));
    if (!validation.valid()) {
      String message = "Invalid arguments for " + call.name() + ": " + validation.errorMessage();
      log.warn("Rejected tool call: {}", message);
      return errorResult(message);
    }
    Instant deadline = deadline(call.deadlineEpochMs(), lambdaRemainingMs);
    ToolContext context = new ToolContext(call.sessionId(), deadline, clock);
    Duration budget = context.remaining();
    if (budget.isZero()) {
      String message = "Deadline already passed before " + call.name() + " started; nothing was done";
      log.warn("Rejected tool call: {}", message);
      return errorResult(message);
    }
    Future<ToolResult> future = executor.submit(() -> target.call(call.name(), new ToolArguments(arguments, tool.inputSchema(), clock), context));
    try {
      return toCallToolResult(tool, future.get(budget.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      String message = call.name() + " did not finish within its deadline of " + budget.toMillis()
          + " ms; retry with a narrower time range or fewer items";
      log.warn("Tool call timed out: {}", message);
      return errorResult(message);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ToolException te) {
        log.warn("Tool call failed tool={} reason={}", call.name(), te.getMessage());
        return errorResult(te.getMessage());
      }
      log.error("Tool call crashed tool={}", call.name(), cause);
      return errorResult(call.name() + " failed with an internal error (" + cause.getClass().getSimpleName()
          + "); see the tool function's logs for session " + call.sessionId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return errorResult(call.name() + " was interrupted");
    }
  }

  private Instant deadline(Long requested, Long lambdaRemainingMs) {
    Instant now = clock.instant();
    Instant deadline = now.plus(limits.defaultTimeout());
    if (requested != null) {
      Instant r = Instant.ofEpochMilli(requested);
      deadline = r.isBefore(deadline) ? r : deadline;
    }
    if (lambdaRemainingMs != null) {
      Instant l = now.plusMillis(lambdaRemainingMs).minus(limits.safetyMargin());
      deadline = l.isBefore(deadline) ? l : deadline;
    }
    return deadline;
  }

  McpSchema.CallToolResult toCallToolResult(McpSchema.Tool tool, ToolResult r) {
    String text = cap(r.text() == null ? "" : r.text(), limits.maxTextBytes());
    McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(text).isError(r.isError());
    boolean typed = tool.outputSchema() != null && !r.isError();
    if (typed) {
      // A client that read our outputSchema validates structuredContent against it (the MCP SDK client does), so a
      // result that breaks the schema is a bug of this tool: say so here, where the tool's logs are.
      String violation = contractViolation(tool, r.structured());
      if (violation != null) {
        log.error("Tool result broke its outputSchema tool={} violation={}", tool.name(), violation);
        metrics.record("ToolContractViolation", 1, MetricsSink.Unit.COUNT, Map.of("tool", tool.name()));
        return errorResult(tool.name() + " produced a result that does not match its published outputSchema; "
            + "this is a bug of the tool, see its logs");
      }
    }
    if (r.structured() != null) {
      int size = Json.write(r.structured()).getBytes(StandardCharsets.UTF_8).length;
      if (size <= limits.maxStructuredBytes()) {
        b.structuredContent(r.structured());
      } else if (typed) {
        log.warn("Structured result of {} bytes over the cap {} tool={}", size, limits.maxStructuredBytes(), tool.name());
        return errorResult(tool.name() + " returned " + size + " bytes of structured data, over the cap of "
            + limits.maxStructuredBytes() + "; narrow the query (shorter window, fewer items)");
      } else {
        log.warn("Dropped structuredContent of {} bytes (cap {})", size, limits.maxStructuredBytes());
      }
    }
    return b.build();
  }

  private static String contractViolation(McpSchema.Tool tool, Object structured) {
    return OutputSchemas.violation(tool.outputSchema(), structured);
  }

  /** Cuts UTF-8 text to at most {@code maxBytes}, never inside a character, with an explicit marker. */
  public static String cap(String text, int maxBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= maxBytes) {
      return text;
    }
    String probe = TRUNCATION_MARKER.formatted(maxBytes, bytes.length);
    int keep = Math.max(0, maxBytes - probe.getBytes(StandardCharsets.UTF_8).length);
    while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) {
      keep--; // step back to a character boundary
    }
    String head = new String(bytes, 0, keep, StandardCharsets.UTF_8);
    return head + TRUNCATION_MARKER.formatted(keep, bytes.length);
  }

  public static McpSchema.CallToolResult errorResult(String message) {
    return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  public static ObjectNode toJson(McpSchema.CallToolResult result) {
    return Json.MAPPER.valueToTree(result);
  }
}
