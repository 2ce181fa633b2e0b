package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * {@code opensearch-search-logs}: identical (redacted) lines collapsed, newest first. {@code total} counts every
 * matching line in the window; {@code linesOmitted} how many distinct lines were left out to keep the result within
 * the structured output bound. {@code noDataReason} says what to try when nothing matched.
 */
public record SearchLogsResult(String index, String query, Instant from, Instant to, long total, List<Line> lines,
    int linesOmitted, @Nullable String noDataReason) {

  /** One distinct message: how often it occurred, first and last seen, and where its newest occurrence came from. */
  public record Line(Instant lastSeen, Instant firstSeen, int count, @Nullable String level, @Nullable String service,
      @Nullable String pod, int pods, @Nullable String namespace, @Nullable Integer status, String message) {}
}
