package com.incident.common.tool.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.incident.common.tool.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * {@code opensearch-get-error-summary}: ERROR/FATAL and HTTP 5xx lines of the window counted per group (service,
 * pod, status code or message, as {@code groupBy} says), most errors first, each with its top (redacted) messages.
 * {@code risingSince} is the first minute whose error count is a robust outlier above the window's baseline.
 * {@code groupsOmitted} counts groups left out to keep the result within the structured output bound; {@code gaps}
 * what the index mapping did not allow to check.
 */
public record ErrorSummaryResult(String index, Instant from, Instant to, String groupBy, long total,
    @Nullable Instant risingSince, List<Group> groups, int groupsOmitted, Grouping grouping, List<String> gaps,
    @Nullable String noDataReason) {

  public record Group(String key, long count, List<Message> topMessages) {}

  public record Message(String message, long count, @Nullable Instant exampleTime, @Nullable String examplePod,
      @Nullable String exampleService) {}

  /**
   * How groups were formed: {@code exact} counts every error line; the sampled methods group the newest
   * {@code sampled} of {@code of} lines, as {@code detail} explains.
   */
  public record Grouping(Method method, @Nullable Long sampled, @Nullable Long of, @Nullable String detail) {
    public enum Method {
      @JsonProperty("exact") EXACT,
      @JsonProperty("long_lines_sampled") LONG_LINES_SAMPLED,
      @JsonProperty("sampled") SAMPLED
    }
  }
}
