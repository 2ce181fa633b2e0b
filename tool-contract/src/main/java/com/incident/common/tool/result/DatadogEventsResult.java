package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code datadog-get-events}: counts of all events in the window by alert type and source, and the most relevant
 * ones (errors and warnings first, newest first) with redacted, clipped titles. {@code noDataReason} says what to
 * check when there were none.
 */
public record DatadogEventsResult(Instant from, Instant to, int total, Map<String, Integer> byAlertType,
    Map<String, Integer> bySource, List<Event> events, @Nullable String noDataReason) {

  public record Event(String id, Instant time, String alertType, String priority, String source, String title,
      List<String> tags) {}
}
