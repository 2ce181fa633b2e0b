package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code datadog-get-monitors}: how many monitors matched, by overall state, and the most relevant ones (alerting
 * first, most recently changed first). {@code noDataReason} says how monitor tags match when none did.
 */
public record DatadogMonitorsResult(int total, Map<String, Integer> byState, List<Monitor> monitors,
    @Nullable String noDataReason) {

  public record Monitor(long id, String name, String state, @Nullable Instant stateChangedAt, String type,
      String query) {}
}
