package com.incident.tools.datadog.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.DatadogMonitorsResult;
import com.incident.tools.datadog.client.DatadogApi;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code datadog-get-monitors}: GET /api/v1/monitor; alerting monitors first, most recently changed first. */
final class Monitors {
  static final int PAGE_SIZE = 200;
  static final int SHOWN = 15;

  private final DatadogApi api;

  Monitors(DatadogApi api) {
    this.api = api;
  }

  ToolResult run(ToolArguments args, ToolContext context) {
    List<String> tags = args.stringList("tags");
    Map<String, String> query = new LinkedHashMap<>();
    args.optionalString("name").ifPresent(n -> query.put("name", n));
    if (!tags.isEmpty()) {
      query.put("monitor_tags", String.join(",", tags));
    }
    query.put("page", "0");
    query.put("page_size", String.valueOf(PAGE_SIZE));
    JsonNode body = api.get("api/v1/monitor", query, context.remaining());

    List<JsonNode> monitors = new ArrayList<>();
    body.forEach(monitors::add);
    Map<String, Integer> byState = new TreeMap<>();
    monitors.forEach(m -> byState.merge(m.path("overall_state").asText("Unknown"), 1, Integer::sum));
    monitors.sort(Comparator.comparingInt((JsonNode m) -> rank(m.path("overall_state").asText()))
        .thenComparing(Comparator.comparing((JsonNode m) -> modified(m)).reversed()));

    StringBuilder text = new StringBuilder(ToolNames.DATADOG_GET_MONITORS)
        .append(tags.isEmpty() ? "" : " tags=" + String.join(",", tags))
        .append(args.optionalString("name").map(n -> " name=" + n).orElse(""))
        .append(" monitors=").append(monitors.size()).append(monitors.size() == PAGE_SIZE ? "+" : "").append('\n');
    String noData = null;
    if (monitors.isEmpty()) {
      noData = "No monitors match; monitor tags are the monitor's own tags (e.g. service:checkout, team:sre).";
      text.append(noData).append('\n');
    } else {
      text.append("by state ").append(byState).append('\n');
    }
    List<DatadogMonitorsResult.Monitor> shown = new ArrayList<>();
    for (JsonNode m : monitors.subList(0, Math.min(SHOWN, monitors.size()))) {
      String state = m.path("overall_state").asText("Unknown");
      Instant changed = modified(m);
      text.append(state).append(" since ").append(changed.equals(Instant.EPOCH) ? "-" : Text.time(changed)).append(' ')
          .append('#').append(m.path("id").asText()).append(' ').append(Text.clip(m.path("name").asText(), 120))
          .append(" (").append(m.path("type").asText()).append(")\n  ").append(Text.clip(m.path("query").asText(), 160)).append('\n');
      shown.add(new DatadogMonitorsResult.Monitor(m.path("id").asLong(), Text.clip(m.path("name").asText(), 120), state,
          changed.equals(Instant.EPOCH) ? null : changed, m.path("type").asText(), Text.clip(m.path("query").asText(), 160)));
    }
    if (monitors.size() > SHOWN) {
      text.append("note: ").append(monitors.size() - SHOWN).append(" more monitors left out; filter with tags or name\n");
    }
    return ToolResult.ok(text.toString(), new DatadogMonitorsResult(monitors.size(), byState, shown, noData));
  }

  private static int rank(String state) {
    return switch (state) {
      case "Alert" -> 0;
      case "Warn" -> 1;
      case "No Data" -> 2;
      case "Unknown" -> 3;
      case "Skipped", "Ignored" -> 4;
      case "OK" -> 5;
      default -> 3;
    };
  }

  private static Instant modified(JsonNode m) {
    try {
      return m.hasNonNull("overall_state_modified") ? Instant.parse(m.get("overall_state_modified").asText()) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
