package com.incident.tools.opensearch;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolContext;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.ToolSchemas;
import com.incident.common.tool.ToolTarget;
import com.incident.common.tool.result.AnomalyDetectionResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.SearchLogsResult;
import com.incident.tools.opensearch.LogSource.GroupBy;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three OpenSearch tools: argument handling and dispatch; the reports themselves are in {@link Reports}. */
public final class OpenSearchTools implements ToolTarget {
  static final int MAX_BUCKETS = 2_000;

  private final LogSource source;
  private final String defaultIndex;
  private final Clock clock;

  public OpenSearchTools(LogSource source, String defaultIndex, Clock clock) {
    this.source = source;
    this.defaultIndex = defaultIndex;
    this.clock = clock;
  }

  @Override
  public List<McpSchema.Tool> tools() {
    String index = "Index or pattern to search (default " + defaultIndex + ")";
    String end = "End of the window, ISO-8601 UTC such as 2026-11-21T03:15:00Z; default now. Use the alarm's state change time";
    return List.of(
        ToolSchemas.tool(ToolNames.SEARCH_LOGS,
            "Search application logs with a Lucene query_string (AND is the default operator), newest first. "
                + "Identical lines are collapsed into one with a count and first/last seen. Messages are redacted.",
            ToolSchemas.object()
                .string("index", index, false, null, 200)
                .string("query", "query_string, e.g. level:ERROR AND \"OutOfMemoryError\" or kubernetes.labels.app:checkout", true, null, 2000)
                .integer("hours", "How many hours before end_time to search", false, 1, 168, 1)
                .integer("size", "Lines to fetch before collapsing", false, 1, 100, 50)
                .string("end_time", end, false)
                .build(), true, SearchLogsResult.class),
        ToolSchemas.tool(ToolNames.ERROR_SUMMARY,
            "Summarise ERROR/FATAL and HTTP 5xx log lines: counts per group, top messages per group with an example, "
                + "and the minute where errors started rising.",
            ToolSchemas.object()
                .string("index", index, false, null, 200)
                .integer("hours", "How many hours before end_time to summarise", false, 1, 72, 1)
                .enumeration("group_by", "Grouping (default service)", false, Arrays.stream(GroupBy.values()).map(GroupBy::id).toList())
                .integer("top", "Groups to return", false, 1, 20, 10)
                .string("end_time", end, false)
                .build(), true, ErrorSummaryResult.class),
        ToolSchemas.tool(ToolNames.ANOMALY_DETECTION,
            "Find anomalous intervals in error volume (or in the average of a numeric field) with a robust median/MAD "
                + "z-score; also reports the OpenSearch Anomaly Detection plugin's findings when a detector covers the index.",
            ToolSchemas.object()
                .string("index", index, false, null, 200)
                .string("field", "Numeric field to average per interval (e.g. status or a latency field); default: error count", false, null, 200)
                .integer("hours", "How many hours before end_time to analyse", false, 1, 48, 3)
                .string("interval", "Bucket size such as 30s, 1m, 5m, 1h (default 1m)", false, "^[1-9][0-9]{0,3}[smh]$", 6)
                .string("end_time", end, false)
                .build(), true, AnomalyDetectionResult.class));
  }

  @Override
  public ToolResult call(String name, ToolArguments args, ToolContext context) {
    String index = args.string("index", defaultIndex);
    if (!index.matches("[a-zA-Z0-9._*,\\-]+") || index.startsWith("_") || index.startsWith("-")) {
      throw new ToolException("Argument 'index' must be an index name or pattern such as eks-app-logs*, got '" + index + "'");
    }
    Instant end = args.instant("end_time").orElseGet(clock::instant);
    return switch (name) {
      case ToolNames.SEARCH_LOGS -> {
        TimeWindow window = TimeWindow.ending(end, Duration.ofHours(args.integer("hours", 1)));
        String query = args.string("query");
        yield Reports.search(index, query, window, source.search(index, query, window, args.integer("size", 50)));
      }
      case ToolNames.ERROR_SUMMARY -> {
        TimeWindow window = TimeWindow.ending(end, Duration.ofHours(args.integer("hours", 1)));
        GroupBy groupBy = GroupBy.of(args.string("group_by", GroupBy.SERVICE.id()));
        yield Reports.errors(index, window, groupBy, source.errors(index, window, groupBy, args.integer("top", 10), 3));
      }
      case ToolNames.ANOMALY_DETECTION -> {
        TimeWindow window = TimeWindow.ending(end, Duration.ofHours(args.integer("hours", 3)));
        Duration interval = interval(args.string("interval", "1m"));
        if (window.length().dividedBy(interval) > MAX_BUCKETS) {
          throw new ToolException("hours/interval gives more than " + MAX_BUCKETS + " intervals; use a larger interval");
        }
        Optional<String> field = args.optionalString("field");
        yield Reports.anomalies(index, window, interval, field, source.histogram(index, window, interval, field),
            source.detectorFindings(index, window, 5));
      }
      default -> throw new ToolException("Unknown tool '" + name + "'");
    };
  }

  static Duration interval(String text) {
    if (!text.matches("^[1-9][0-9]{0,3}[smh]$")) {
      throw new ToolException("Argument 'interval' must look like 30s, 1m, 5m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(text.substring(0, text.length() - 1));
    Duration d = switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    if (d.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ToolException("Argument 'interval' must be at least 10s");
    }
    return d;
  }
}
