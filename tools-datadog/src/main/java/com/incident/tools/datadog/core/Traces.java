package com.incident.tools.datadog.core;

import com.incident.common.series.SeriesStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.DatadogTracesResult;
import com.incident.tools.datadog.client.DatadogApi;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code datadog-get-traces}: POST /api/v2/spans/events/search for the service's spans in the window (newest
 * {@value #LIMIT}), then in code: duration percentiles, the slowest spans, and erroring spans grouped by resource.
 */
final class Traces {
  static final int LIMIT = 200;
  static final int SLOWEST = 10;
  static final int ERROR_GROUPS = 5;
  static final String NAME = "^[A-Za-z0-9_.:/-]{1,200}$";
  private static final Pattern NAME_P = Pattern.compile(NAME);

  private final DatadogApi api;

  Traces(DatadogApi api) {
    this.api = api;
  }

  record Span(Instant start, long durationMs, String resource, String operation, String traceId, boolean error, String errorMessage) {}

  ToolResult run(ToolArguments args, ToolContext context, Instant now) {
    String service = name(args.string("service"), "service");
    Optional<String> operation = args.optionalString("operation").map(o -> name(o, "operation"));
    int minDurationMs = args.integer("min_duration_ms", 0);
    if (minDurationMs < 0) {
      throw new ToolException("Argument 'min_duration_ms' must be 0 or more, got " + minDurationMs);
    }
    Optional<String> status = args.optionalString("status");
    TimeArgs.Range range = TimeArgs.hours(args, now);

    StringBuilder query = new StringBuilder("service:").append(service);
    operation.ifPresent(o -> query.append(" operation_name:").append(o));
    if (minDurationMs > 0) {
      query.append(" @duration:>=").append(minDurationMs).append("ms");
    }
    status.ifPresent(s -> query.append(" status:").append(s));
    ObjectNode body = Json.object();
    ObjectNode attributes = body.putObject("data").put("type", "search_request").putObject("attributes");
    attributes.putObject("filter").put("query", query.toString())
        .put("from", range.from().toString()).put("to", range.to().toString());
    attributes.put("sort", "-timestamp");
    attributes.putObject("page").put("limit", LIMIT);
    JsonNode response = api.post("api/v2/spans/events/search", body, context.remaining());

    List<Span> spans = new ArrayList<>();
    response.path("data").forEach(d -> spans.add(span(d.path("attributes"))));
    boolean more = response.at("/meta/page/after").isTextual();

    StringBuilder text = new StringBuilder(ToolNames.DATADOG_GET_TRACES).append(" query=\"").append(query)
        .append("\" from=").append(range.from()).append(" to=").append(range.to()).append(" spans=").append(spans.size())
        .append(more ? " (newest " + LIMIT + "; more exist)" : "").append('\n');
    if (spans.isEmpty()) {
      String noData = "No spans matched: check the service name as it appears in APM (service:" + service
          + "), whether the service is traced, and the time range.";
      text.append(noData).append('\n');
      return ToolResult.ok(text.toString(), new DatadogTracesResult(query.toString(), range.from(), range.to(), 0, more,
          null, 0, List.of(), List.of(), noData));
    }
    double[] durations = spans.stream().mapToDouble(Span::durationMs).toArray();
    long errors = spans.stream().filter(Span::error).count();
    double p50 = SeriesStats.percentile(durations, 50);
    double p95 = SeriesStats.percentile(durations, 95);
    double max = SeriesStats.percentile(durations, 100);
    text.append("duration ms p50 ").append(Text.number(p50)).append(" p95 ").append(Text.number(p95))
        .append(" max ").append(Text.number(max)).append("; errors ").append(errors).append('/').append(spans.size())
        .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * errors / spans.size())).append('\n');

    List<Span> slowest = spans.stream().sorted(Comparator.comparingLong(Span::durationMs).reversed()).limit(SLOWEST).toList();
    text.append("slowest:\n");
    slowest.forEach(s -> text.append("  ").append(Text.time(s.start())).append(' ').append(s.durationMs()).append("ms ")
        .append(Text.clip(s.resource(), 100)).append(s.error() ? " ERROR" : "").append(" trace=").append(s.traceId()).append('\n'));

    Map<String, List<Span>> errorsByResource = new LinkedHashMap<>();
    spans.stream().filter(Span::error).forEach(s -> errorsByResource.computeIfAbsent(s.resource(), k -> new ArrayList<>()).add(s));
    List<DatadogTracesResult.ErrorGroup> groups = new ArrayList<>();
    if (!errorsByResource.isEmpty()) {
      text.append("errors by resource:\n");
      errorsByResource.entrySet().stream()
          .sorted(Comparator.comparingInt((Map.Entry<String, List<Span>> e) -> e.getValue().size()).reversed())
          .limit(ERROR_GROUPS)
          .forEach(e -> {
            Span sample = e.getValue().getFirst();
            text.append("  ").append(e.getValue().size()).append("x ").append(Text.clip(e.getKey(), 100))
                .append(" last ").append(Text.time(sample.start()))
                .append(sample.errorMessage().isEmpty() ? "" : ": " + Text.clip(sample.errorMessage(), 160))
                .append(" trace=").append(sample.traceId()).append('\n');
            groups.add(new DatadogTracesResult.ErrorGroup(Text.clip(e.getKey(), 100), e.getValue().size(), sample.start(),
                Text.clip(sample.errorMessage(), 160), sample.traceId()));
          });
    }
    return ToolResult.ok(text.toString(), new DatadogTracesResult(query.toString(), range.from(), range.to(), spans.size(),
        more, new DatadogTracesResult.Durations(p50, p95, max), errors, slowest.stream().map(Traces::view).toList(), groups,
        null));
  }

  /**
   * One span of the search response. Duration comes from start/end timestamps (documented fields); error details
   * from the span's custom or attributes error object, or an error status.
   */
  static Span span(JsonNode a) {
    Instant start = instant(a.path("start_timestamp"));
    Instant end = instant(a.path("end_timestamp"));
    long durationMs = start != null && end != null ? Duration.between(start, end).toMillis()
        : first(a, "duration").map(n -> n.asLong() / 1_000_000).orElse(0L);
    Optional<JsonNode> error = first(a, "error").filter(e -> !e.isNull() && !(e.isBoolean() && !e.asBoolean()));
    boolean isError = error.isPresent() || "error".equals(first(a, "status").map(JsonNode::asText).orElse(""));
    String message = error.map(e -> e.isObject() ? e.path("message").asText(e.path("type").asText("")) : "").orElse("");
    String operation = first(a, "operation_name").map(JsonNode::asText).orElse("");
    return new Span(start == null ? Instant.EPOCH : start, durationMs, a.path("resource_name").asText(operation),
        operation, a.path("trace_id").asText("-"), isError, message);
  }

  private static Optional<JsonNode> first(JsonNode a, String field) {
    for (JsonNode n : List.of(a.path("custom"), a.path("attributes"), a)) {
      if (n.hasNonNull(field)) {
        return Optional.of(n.get(field));
      }
    }
    return Optional.empty();
  }

  private static Instant instant(JsonNode n) {
    try {
      return n.isTextual() ? Instant.parse(n.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static DatadogTracesResult.Span view(Span s) {
    return new DatadogTracesResult.Span(s.start(), s.durationMs(), Text.clip(s.resource(), 100), s.error(), s.traceId());
  }

  private static String name(String value, String field) {
    if (!NAME_P.matcher(value).matches()) {
      throw new ToolException("Argument '" + field + "' must be an APM name (letters, digits, '_', '.', ':', '/', '-'), got '"
          + Text.clip(value, 80) + "'");
    }
    return value;
  }
}
