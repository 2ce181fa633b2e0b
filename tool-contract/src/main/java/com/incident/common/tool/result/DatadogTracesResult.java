package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * {@code datadog-get-traces}: the service's newest spans in the window ({@code truncated} when more exist), their
 * duration percentiles (absent without spans), the slowest spans and the erroring spans grouped by resource, most
 * errors first. {@code noDataReason} says what to check when no span matched.
 */
public record DatadogTracesResult(String query, Instant from, Instant to, int spans, boolean truncated,
    @Nullable Durations durationMs, long errors, List<Span> slowest, List<ErrorGroup> errorsByResource,
    @Nullable String noDataReason) {

  public record Durations(double p50, double p95, double max) {}

  public record Span(Instant start, long durationMs, String resource, boolean error, String traceId) {}

  public record ErrorGroup(String resource, int count, Instant lastAt, String message, String traceId) {}
}
