package com.incident.tools.datadog.core;

import com.incident.common.series.SeriesStats;
import com.incident.common.series.SeriesPoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.tools.datadog.client.DatadogApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code datadog-query-metrics}: GET /api/v1/query, each series reduced to its stats, highest peaks first. */
final class QueryMetrics {
  private static final int SPARKLINE_WIDTH = 24;
  static final int SERIES_SHOWN = 10;

  private final DatadogApi api;

  QueryMetrics(DatadogApi api) {
    this.api = api;
  }

  ToolResult run(ToolArguments args, ToolContext context, Instant now) {
    String query = args.string("query");
    TimeArgs.Range range = TimeArgs.fromTo(args, now);
    Double threshold = args.has("threshold") ? args.number("threshold", 0) : null;
    JsonNode body = api.get("api/v1/query", Map.of(
        "query", query,
        "from", String.valueOf(range.from().getEpochSecond()),
        "to", String.valueOf(range.to().getEpochSecond())), context.remaining());
    if ("error".equals(body.path("status").asText())) {
      throw new ToolException("Datadog rejected the query: " + Text.clip(body.path("error").asText(), 300));
    }

    record Summary(String scope, String metric, String unit, int interval, SeriesStats stats) {}
    List<Summary> summaries = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (JsonNode s : body.path("series")) {
      List<SeriesPoint> points = new ArrayList<>();
      for (JsonNode p : s.path("pointlist")) {
        if (p.size() >= 2 && p.get(1).isNumber()) {
          points.add(new SeriesPoint(Instant.ofEpochMilli(p.get(0).asLong()), p.get(1).asDouble()));
        }
      }
      String scope = s.path("expression").asText(s.path("scope").asText("*"));
      Optional<SeriesStats> stats = SeriesStats.of(points, threshold, SPARKLINE_WIDTH);
      stats.ifPresentOrElse(st -> summaries.add(new Summary(scope, s.path("metric").asText(), unit(s), s.path("interval").asInt(), st)),
          () -> empty.add(scope));
    }
    summaries.sort(Comparator.comparingDouble((Summary s) -> s.stats().max()).reversed());

    StringBuilder text = new StringBuilder(ToolNames.DATADOG_QUERY_METRICS).append(" query=").append(query)
        .append(" from=").append(range.from()).append(" to=").append(range.to())
        .append(" series=").append(summaries.size() + empty.size()).append('\n');
    if (summaries.isEmpty()) {
      text.append("No datapoints: the metric name or the tag filter matches nothing in this range "
          + "(check the metric in Metrics Explorer; tags are case-sensitive).\n");
    }
    List<Map<String, Object>> structured = new ArrayList<>();
    for (Summary s : summaries.subList(0, Math.min(SERIES_SHOWN, summaries.size()))) {
      SeriesStats st = s.stats();
      text.append(s.scope()).append(s.unit().isEmpty() ? "" : " unit=" + s.unit())
          .append(s.interval() > 0 ? " interval=" + s.interval() + "s" : "").append('\n')
          .append("  avg ").append(Text.number(st.avg())).append(" p95 ").append(Text.number(st.p95()))
          .append(" max ").append(Text.number(st.max())).append('@').append(Text.time(st.maxAt()))
          .append(" last ").append(Text.number(st.last())).append(' ').append(st.sparkline());
      if (threshold != null) {
        text.append(st.crossedAt() == null ? " never >" + Text.number(threshold)
            : " >" + Text.number(threshold) + " from " + Text.time(st.crossedAt()) + " (" + st.pointsAbove() + "/" + st.points() + ")");
      }
      text.append('\n');
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scope", s.scope());
      m.put("metric", s.metric());
      m.put("points", st.points());
      m.put("min", Text.round(st.min()));
      m.put("avg", Text.round(st.avg()));
      m.put("p95", Text.round(st.p95()));
      m.put("max", Text.round(st.max()));
      m.put("maxAt", st.maxAt());
      m.put("last", Text.round(st.last()));
      if (threshold != null) {
        m.put("threshold", threshold);
        m.put("crossedAt", st.crossedAt());
        m.put("pointsAbove", st.pointsAbove());
      }
      structured.add(m);
    }
    if (summaries.size() > SERIES_SHOWN) {
      text.append("note: ").append(summaries.size() - SERIES_SHOWN).append(" more series with lower peaks left out; narrow the query\n");
    }
    if (!empty.isEmpty()) {
      text.append("no datapoints: ").append(Text.clip(String.join(", ", empty), 300)).append('\n');
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query", query);
    out.put("from", range.from());
    out.put("to", range.to());
    out.put("series", structured);
    out.put("seriesTotal", summaries.size() + empty.size());
    return ToolResult.ok(text.toString(), out);
  }

  private static String unit(JsonNode series) {
    JsonNode u = series.path("unit");
    return u.isArray() && !u.isEmpty() && u.get(0).hasNonNull("short_name") ? u.get(0).get("short_name").asText() : "";
  }
}
