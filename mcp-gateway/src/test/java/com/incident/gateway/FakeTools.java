package com.incident.gateway;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.ToolTargetHandler;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-process tool targets behind the gateway in tests: real {@link ToolTargetHandler}s over real
 * {@link ToolDispatcher}s, so the contract payload, schema validation and error mapping are the production ones.
 */
final class FakeTools {
  static final String INSIGHT_FN = "fn-container-insight";
  static final String OPENSEARCH_FN = "fn-opensearch";
  static final String DATADOG_FN = "fn-datadog";
  static final String GITHUB_FN = "fn-github";
  static final String CHAOS_FN = "fn-chaos";

  private FakeTools() {}

  /** Every target's env entry; the gateway config under test reads them. */
  static Map<String, String> targetEnv() {
    return Map.of(
        "TOOL_TARGET_CONTAINER_INSIGHT", INSIGHT_FN,
        "TOOL_TARGET_OPENSEARCH", OPENSEARCH_FN,
        "TOOL_TARGET_DATADOG", DATADOG_FN,
        "TOOL_TARGET_GITHUB", GITHUB_FN,
        "TOOL_TARGET_CHAOS", CHAOS_FN);
  }

  /** The handlers by function name; the GitHub target crashes on every request, as a broken deploy would. */
  static Map<String, RequestStreamHandler> handlers() {
    Map<String, RequestStreamHandler> m = new LinkedHashMap<>();
    m.put(INSIGHT_FN, handler(new Insight()));
    m.put(OPENSEARCH_FN, handler(new Simple(ToolNames.SEARCH_LOGS, "query")));
    m.put(DATADOG_FN, handler(new Simple(ToolNames.DATADOG_QUERY_METRICS, "query")));
    m.put(CHAOS_FN, handler(new Simple(ToolNames.CHAOS_CLEANUP, "scenario")));
    m.put(GITHUB_FN, (in, out, ctx) -> {
      throw new IllegalStateException("GitHub token parameter missing");
    });
    return m;
  }

  static ToolTargetHandler handler(ToolTarget target) {
    return new ToolTargetHandler(new ToolDispatcher(target, ToolLimits.DEFAULT, Clock.systemUTC(), MetricsSink.NOOP)) {};
  }

  /** container-insight: a schema with required fields and bounds, structured output, a ToolException path. */
  static final class Insight implements ToolTarget {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(
          ToolSchemas.tool(ToolNames.POD_METRICS, "CPU and memory of one pod",
              ToolSchemas.object()
                  .string("namespace", "Kubernetes namespace", true)
                  .string("pod", "Pod name", true)
                  .integer("minutes", "Look-back window", false, 1, 180, 30)
                  .build(), true),
          ToolSchemas.tool(ToolNames.CLUSTER_OVERVIEW, "Cluster overview",
              ToolSchemas.object().string("cluster", "EKS cluster name", true).build(), true));
    }

    @Override
    public ToolResult call(String name, ToolArguments args, ToolContext ctx) {
      if (name.equals(ToolNames.CLUSTER_OVERVIEW)) {
        throw new ToolException("Cluster '" + args.string("cluster") + "' has no Container Insights data");
      }
      Map<String, Object> structured = new LinkedHashMap<>();
      structured.put("namespace", args.string("namespace"));
      structured.put("pod", args.string("pod"));
      structured.put("cpuPercentOfLimit", 93.5);
      structured.put("sessionId", ctx.sessionId());
      structured.put("deadlineEpochMs", ctx.deadline().toEpochMilli());
      return ToolResult.ok("pod " + args.string("namespace") + "/" + args.string("pod")
          + ": CPU 93.5% of limit over the last " + args.integer("minutes", 30) + " min", structured);
    }
  }

  /** A one-tool target that echoes its single required argument. */
  record Simple(String tool, String argument) implements ToolTarget {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(ToolSchemas.tool(tool, tool, ToolSchemas.object().string(argument, argument, true).build(), true));
    }

    @Override
    public ToolResult call(String name, ToolArguments args, ToolContext ctx) {
      return ToolResult.ok(name + " ok: " + args.string(argument));
    }
  }
}
