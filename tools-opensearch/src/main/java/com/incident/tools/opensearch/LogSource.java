package com.incident.tools.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The log backend behind the OpenSearch tools: a real cluster ({@link OpenSearchLogSource}) or documents held in
 * memory (InMemoryLogSource in the fixtures module, for tests and the local sandbox). Both must give the same
 * answers on the same corpus (LogSourceParityTest).
 * Failures the caller can act on (missing index, bad query, auth, timeout) are thrown as
 * {@link com.incident.common.tool.ToolException}.
 */
public interface LogSource {

  /** Lines matching a Lucene query_string (AND as default operator) within the window, newest first. */
  SearchPage search(String index, String query, TimeWindow window, int size);

  /**
   * Error lines (error level or 5xx status) within the window, grouped, plus their per-minute volume. What the index
   * mapping does not allow to check is listed in {@link ErrorBreakdown#gaps()}, not thrown.
   */
  ErrorBreakdown errors(String index, TimeWindow window, GroupBy groupBy, int maxGroups, int maxMessages);

  /**
   * Buckets of {@code interval} aligned to the epoch covering the whole window, empty ones included. Without a
   * field each bucket holds the error count; with a numeric field it holds the field's average (null if empty). A
   * field the mapping cannot average gives no buckets and a gap.
   */
  Series histogram(String index, TimeWindow window, Duration interval, Optional<String> numericField);

  /** Findings of the OpenSearch Anomaly Detection plugin for detectors on this index, if the plugin exists. */
  DetectorFindings detectorFindings(String index, TimeWindow window, int maxPerDetector);

  record SearchPage(long total, List<LogEvent> events) {}

  enum GroupBy {
    SERVICE("service"), POD("pod"), ERROR_CODE("error_code"), MESSAGE("message");

    private final String id;

    GroupBy(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static GroupBy of(String id) {
      for (GroupBy g : values()) {
        if (g.id.equals(id)) {
          return g;
        }
      }
      throw new IllegalArgumentException("Unknown group_by '" + id + "'");
    }
  }

  /** A group with no value for the grouping field is keyed {@link #NONE}. */
  String NONE = "(none)";

  record MessageCount(String message, long count, LogEvent example) {}

  record ErrorGroup(String key, long count, List<MessageCount> topMessages) {}

  /**
   * How message groups were formed. {@code EXACT}: every error line counted by an aggregation (or in memory).
   * {@code LONG_LINES_SAMPLED}: short lines exactly; lines the keyword sub-field does not hold (longer than its
   * {@code ignore_above}) grouped by {@link MessageKey} from the newest {@code sampled} of {@code of} such lines.
   * {@code SAMPLED}: no field to aggregate on; every group from the newest {@code sampled} of {@code of} error lines.
   */
  record Grouping(Method method, long sampled, long of, String detail) {
    public enum Method { EXACT, LONG_LINES_SAMPLED, SAMPLED }

    public static final Grouping EXACT = new Grouping(Method.EXACT, 0, 0, "");
  }

  record ErrorBreakdown(long total, List<ErrorGroup> groups, List<Bucket> perMinute, Grouping grouping, List<String> gaps) {
    public ErrorBreakdown {
      gaps = List.copyOf(gaps);
    }
  }

  /** Histogram buckets, plus what could not be checked (an empty series when the field cannot be averaged). */
  record Series(List<Bucket> buckets, List<String> gaps) {
    public Series {
      buckets = List.copyOf(buckets);
      gaps = List.copyOf(gaps);
    }
  }

  record Bucket(Instant start, long count, Double value) {}

  record Finding(Instant start, Instant end, double grade, double confidence) {}

  record Detector(String id, String name, List<Finding> findings) {}

  /** {@code available=false} with a note when the plugin is absent or not readable; never an error. */
  record DetectorFindings(boolean available, String note, List<Detector> detectors) {}
}
