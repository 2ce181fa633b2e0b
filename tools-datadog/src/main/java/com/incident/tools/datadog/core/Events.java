package com.incident.tools.datadog.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.DatadogEventsResult;
import com.incident.common.tool.result.ResultFit;
import com.incident.tools.datadog.client.DatadogApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code datadog-get-events}: GET /api/v1/events (the endpoint with native tags and priority filters); errors and
 * warnings first, newest first, with counts by alert type and source.
 */
final class Events {
  static final int SHOWN = 15;

  private final DatadogApi api;

  Events(DatadogApi api) {
    this.api = api;
  }

  ToolResult run(ToolArguments args, ToolContext context, Instant now) {
    TimeArgs.Range range = TimeArgs.hours(args, now);
    List<String> tags = args.stringList("tags");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("start", String.valueOf(range.from().getEpochSecond()));
    query.put("end", String.valueOf(range.to().getEpochSecond()));
    query.put("unaggregated", "true");
    args.optionalString("priority").ifPresent(p -> query.put("priority", p));
    if (!tags.isEmpty()) {
      query.put("tags", String.join(",", tags));
    }
    JsonNode body = api.get("api/v1/events", query, context.remaining());

    List<JsonNode> events = new ArrayList<>();
    body.path("events").forEach(events::add);
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, Integer> bySource = new TreeMap<>();
    events.forEach(e -> {
      byType.merge(e.path("alert_type").asText("info"), 1, Integer::sum);
      bySource.merge(e.path("source_type_name").asText("unknown"), 1, Integer::sum);
    });
    events.sort(Comparator.comparingInt((JsonNode e) -> severity(e.path("alert_type").asText()))
        .thenComparing(Comparator.comparingLong((JsonNode e) -> e.path("date_happened").asLong()).reversed()));

    StringBuilder text = new StringBuilder(ToolNames.DATADOG_GET_EVENTS).append(" from=").append(range.from())
        .append(" to=").append(range.to()).append(tags.isEmpty() ? "" : " tags=" + String.join(",", tags))
        .append(" events=").append(events.size()).append('\n');
    String noData = !events.isEmpty() ? null
        : "No events in this range" + (tags.isEmpty() ? "" : " with these tags (tags must match exactly, e.g. service:checkout)") + ".";
    if (noData != null) {
      text.append(noData).append('\n');
    } else {
      text.append("by type ").append(byType).append(" by source ").append(bySource).append('\n');
    }
    List<DatadogEventsResult.Event> shown = new ArrayList<>();
    for (JsonNode e : events.subList(0, Math.min(SHOWN, events.size()))) {
      Instant at = Instant.ofEpochSecond(e.path("date_happened").asLong());
      List<String> eventTags = new ArrayList<>();
      e.path("tags").forEach(t -> eventTags.add(t.asText()));
      String title = Text.clip(e.path("title").asText(), 140);
      text.append(Text.time(at)).append(' ').append(e.path("alert_type").asText("info")).append(' ')
          .append(e.path("priority").asText("normal")).append(" [").append(e.path("source_type_name").asText("-")).append("] ")
          .append(title);
      if (e.hasNonNull("host")) {
        text.append(" host=").append(e.get("host").asText());
      }
      String snippet = Text.clip(e.path("text").asText(), 160);
      if (!snippet.isEmpty()) {
        text.append("\n  ").append(snippet);
      }
      text.append('\n');
      shown.add(new DatadogEventsResult.Event(e.path("id").asText(), at, e.path("alert_type").asText("info"),
          e.path("priority").asText("normal"), e.path("source_type_name").asText(""), title,
          List.copyOf(eventTags.subList(0, Math.min(8, eventTags.size())))));
    }
    if (events.size() > SHOWN) {
      text.append("note: ").append(events.size() - SHOWN).append(" more events left out; filter with tags or priority\n");
    }
    return ToolResult.ok(text.toString(), ResultFit.largest(shown.size(), n -> new DatadogEventsResult(range.from(),
        range.to(), events.size(), byType, bySource, shown.subList(0, n), noData)));
  }

  private static int severity(String alertType) {
    return switch (alertType) {
      case "error" -> 0;
      case "warning" -> 1;
      case "user_update" -> 2;
      case "info" -> 3;
      default -> 4;
    };
  }
}
