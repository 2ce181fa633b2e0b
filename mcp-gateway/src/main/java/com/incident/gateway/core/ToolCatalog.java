package com.incident.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolRequest;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvoker;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregated tool definitions of every target, cached per container. Each target is cached on its own:
 * one failing target never hides the others, and if its refresh fails the last good definitions stay in use
 * (stale beats empty during an incident). Targets are asked in parallel so tools/list costs one round trip.
 */
public final class ToolCatalog {
  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

  /** What the catalog knows about one tool name. */
  public sealed interface Lookup {
    record Found(McpSchema.Tool tool) implements Lookup {}

    record Unknown(List<String> known) implements Lookup {}

    /** The owning target's definitions could not be loaded; the target must judge the call itself. */
    record Unavailable() implements Lookup {}
  }

  private record Entry(List<McpSchema.Tool> tools, Instant expires) {}

  private final Targets targets;
  private final ToolInvoker invoker;
  private final Duration ttl;
  private final Duration listTimeout;
  private final Clock clock;
  private final MetricsSink metrics;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public ToolCatalog(Targets targets, ToolInvoker invoker, Duration ttl, Duration listTimeout, Clock clock,
      MetricsSink metrics) {
    this.targets = targets;
    this.invoker = invoker;
    this.ttl = ttl;
    this.listTimeout = listTimeout;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Every tool of every reachable target, in target order. */
  public List<McpSchema.Tool> tools() {
    List<Future<Optional<Entry>>> pending = new ArrayList<>();
    for (Targets.Target t : targets.all()) {
      pending.add(executor.submit(() -> entry(t)));
    }
    List<McpSchema.Tool> all = new ArrayList<>();
    for (Future<Optional<Entry>> f : pending) {
      try {
        f.get().ifPresent(e -> all.addAll(e.tools()));
      } catch (Exception e) {
        // entry() never throws; an interrupt here only loses that target's tools for this answer.
        log.warn("Tool list aggregation interrupted: {}", e.toString());
      }
    }
    return all;
  }

  public Lookup find(String toolName) {
    Optional<Targets.Target> target = targets.forTool(toolName);
    if (target.isEmpty()) {
      return new Lookup.Unknown(List.of());
    }
    Optional<Entry> entry = entry(target.get());
    if (entry.isEmpty()) {
      return new Lookup.Unavailable();
    }
    List<McpSchema.Tool> tools = entry.get().tools();
    return tools.stream().filter(t -> t.name().equals(toolName)).findFirst()
        .<Lookup>map(Lookup.Found::new)
        .orElseGet(() -> new Lookup.Unknown(tools.stream().map(McpSchema.Tool::name).toList()));
  }

  private Optional<Entry> entry(Targets.Target target) {
    Entry cached = cache.get(target.prefix());
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expires())) {
      return Optional.of(cached);
    }
    try {
      Entry fresh = new Entry(fetch(target), now.plus(ttl));
      cache.put(target.prefix(), fresh);
      return Optional.of(fresh);
    } catch (ToolInvocationException e) {
      return failed(target, cached, e.kind() + " " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("tools/list of target {} crashed in the gateway", target.prefix(), e);
      return failed(target, cached, "internal error " + e.getClass().getSimpleName());
    }
  }

  private Optional<Entry> failed(Targets.Target target, Entry cached, String reason) {
    metrics.record("ToolListFailure", 1, MetricsSink.Unit.COUNT, Map.of("target", target.prefix()));
    if (cached != null) {
      log.warn("tools/list of target {} ({}) failed, serving definitions cached until {}: {}",
          target.prefix(), target.function(), cached.expires(), reason);
      return Optional.of(cached);
    }
    log.warn("tools/list of target {} ({}) failed; its tools are hidden until it recovers: {}",
        target.prefix(), target.function(), reason);
    return Optional.empty();
  }

  private List<McpSchema.Tool> fetch(Targets.Target target) throws ToolInvocationException {
    String body = invoker.invoke(target.function(), Json.write(new ToolRequest.ListTools().toJson()), listTimeout);
    JsonNode tools;
    try {
      tools = Json.MAPPER.readTree(body).get("tools");
    } catch (Exception e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR, "answer is not JSON");
    }
    if (!(tools instanceof ArrayNode array)) {
      throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR, "answer has no 'tools' array");
    }
    List<McpSchema.Tool> out = new ArrayList<>();
    for (JsonNode node : array) {
      McpSchema.Tool tool;
      try {
        tool = Json.MAPPER.treeToValue(node, McpSchema.Tool.class);
      } catch (Exception e) {
        log.warn("Dropped a malformed tool definition from target {}: {}", target.prefix(), e.getMessage());
        continue;
      }
      // A target may only publish tools under its own prefix, or routing would send calls elsewhere.
      if (tool.name() == null || !tool.name().startsWith(target.prefix())) {
        log.warn("Dropped tool {} from target {}: name outside the target's prefix", tool.name(), target.prefix());
        continue;
      }
      out.add(tool);
    }
    return List.copyOf(out);
  }
}
