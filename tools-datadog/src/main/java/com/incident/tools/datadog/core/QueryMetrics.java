package com.incident.tools.datadog.core;

import com.incident.common.series.SeriesStats;
import com.incident.common.series.SeriesPoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.DatadogMetricsResult;
import com.incident.common.tool.result.ResultFit;
import com.incident.tools.datadog.client.DatadogApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    String noData = !summaries.isEmpty() ? null : "No datapoints: the metric name or the tag filter matches nothing in "
        + "this range (check the metric in Metrics Explorer; tags are case-sensitive).";
    if (noData != null) {
      text.append(noData).append('\n');
    }
    List<DatadogMetricsResult.Series> structured = new ArrayList<>();
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
      structured.add(new DatadogMetricsResult.Series(s.scope(), s.metric(), s.unit(), st.points(), Text.round(st.min()),
          Text.round(st.avg()), Text.round(st.p95()), Text.round(st.max()), st.maxAt(), Text.round(st.last()), threshold,
          st.crossedAt(), threshold == null ? null : st.pointsAbove()));
    }
    if (summaries.size() > SERIES_SHOWN) {
      text.append("note: ").append(summaries.size() - SERIES_SHOWN).append(" more series with lower peaks left out; narrow the query\n");
    }
    if (!empty.isEmpty()) {
      text.append("no datapoints: ").append(Text.clip(String.join(", ", empty), 300)).append('\n');
    }
    int total = summaries.size() + empty.size();
    return ToolResult.ok(text.toString(), ResultFit.largest(structured.size(),
        n -> new DatadogMetricsResult(query, range.from(), range.to(), structured.subList(0, n), total, noData)));
  }

  private static String unit(JsonNode series) {
    JsonNode u = series.path("unit");
    return u.isArray() && !u.isEmpty() && u.get(0).hasNonNull("short_name") ? u.get(0).get("short_name").asText() : "";
  }
}
