package com.incident.tools.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Log documents held in memory, for the local sandbox when no OpenSearch node runs. Answers exactly like
 * {@link OpenSearchLogSource} on the same corpus (the same ordering and tie-breaks as OpenSearch's
 * aggregations), which the tests check on a shared corpus.
 */
public final class InMemoryLogSource implements LogSource {
  private static final Comparator<LogEvent> NEWEST_FIRST = Comparator.comparing(LogEvent::timestamp).reversed();

  private final LogSchema schema;
  private final Map<String, List<LogEvent>> indices = new ConcurrentHashMap<>();

  public InMemoryLogSource(LogSchema schema) {
    this.schema = schema;
  }

  public InMemoryLogSource add(String index, List<LogEvent> events) {
    indices.computeIfAbsent(index, k -> new CopyOnWriteArrayList<>()).addAll(events);
    return this;
  }

  @Override
  public SearchPage search(String index, String query, TimeWindow window, int size) {
    Predicate<LogEvent> matcher = QueryStringMatcher.parse(schema, query);
    List<LogEvent> hits = inWindow(index, window).filter(matcher).sorted(NEWEST_FIRST).toList();
    return new SearchPage(hits.size(), hits.stream().limit(size).toList());
  }

  @Override
  public ErrorBreakdown errors(String index, TimeWindow window, GroupBy groupBy, int maxGroups, int maxMessages) {
    List<LogEvent> errors = inWindow(index, window).filter(e -> e.isError(schema)).toList();
    Function<LogEvent, String> key = switch (groupBy) {
      case SERVICE -> LogEvent::service;
      case POD -> LogEvent::pod;
      case ERROR_CODE -> e -> e.status() == null ? null : String.valueOf(e.status());
      case MESSAGE -> LogEvent::message;
    };
    Map<String, List<LogEvent>> grouped = errors.stream()
        .collect(Collectors.groupingBy(e -> Optional.ofNullable(key.apply(e)).orElse(NONE), LinkedHashMap::new, Collectors.toList()));
    List<ErrorGroup> groups = grouped.entrySet().stream()
        .map(g -> new ErrorGroup(g.getKey(), g.getValue().size(), topMessages(g.getValue(), maxMessages)))
        .sorted(OpenSearchLogSource.GROUP_ORDER)
        .limit(maxGroups)
        .toList();
    return new ErrorBreakdown(errors.size(), groups, buckets(errors, window, Duration.ofMinutes(1), Optional.empty()),
        Grouping.EXACT, List.of());
  }

  @Override
  public Series histogram(String index, TimeWindow window, Duration interval, Optional<String> numericField) {
    List<LogEvent> events = inWindow(index, window)
        .filter(e -> numericField.isPresent() ? e.number(schema, numericField.get()) != null : e.isError(schema))
        .toList();
    return new Series(buckets(events, window, interval, numericField.map(f -> e -> e.number(schema, f))), List.of());
  }

  @Override
  public DetectorFindings detectorFindings(String index, TimeWindow window, int maxPerDetector) {
    return new DetectorFindings(false, "the in-memory log source has no Anomaly Detection plugin", List.of());
  }

  private Stream<LogEvent> inWindow(String index, TimeWindow window) {
    List<String> names = indices.keySet().stream().filter(name -> matches(index, name)).toList();
    if (names.isEmpty() && !index.contains("*")) {
      throw OpenSearchLogSource.missingIndex(index);
    }
    return names.stream().flatMap(name -> indices.get(name).stream()).filter(e -> window.contains(e.timestamp()));
  }

  /** Comma-separated names or patterns with {@code *}, as OpenSearch resolves them (no match is empty, not missing). */
  private static boolean matches(String expression, String name) {
    for (String part : expression.split(",")) {
      String regex = Pattern.quote(part).replace("*", "\\E.*\\Q");
      if (name.matches(regex)) {
        return true;
      }
    }
    return false;
  }

  private static List<MessageCount> topMessages(List<LogEvent> events, int max) {
    Map<String, List<LogEvent>> byMessage = events.stream()
        .filter(e -> e.message() != null)
        .collect(Collectors.groupingBy(LogEvent::message));
    return byMessage.entrySet().stream()
        .map(m -> new MessageCount(m.getKey(), m.getValue().size(), m.getValue().stream().min(NEWEST_FIRST).orElseThrow()))
        .sorted(OpenSearchLogSource.MESSAGE_ORDER)
        .limit(max)
        .toList();
  }

  /** Epoch-aligned fixed buckets from the window's first to its last bucket, like date_histogram with extended_bounds. */
  static List<Bucket> buckets(List<LogEvent> events, TimeWindow window, Duration interval, Optional<Function<LogEvent, Double>> value) {
    long step = interval.toMillis();
    long first = Math.floorDiv(window.from().toEpochMilli(), step) * step;
    long last = Math.floorDiv(window.to().toEpochMilli() - 1, step) * step;
    List<Bucket> out = new ArrayList<>();
    Map<Long, List<LogEvent>> byBucket = events.stream()
        .collect(Collectors.groupingBy(e -> Math.floorDiv(e.timestamp().toEpochMilli(), step) * step));
    for (long t = first; t <= last; t += step) {
      List<LogEvent> in = byBucket.getOrDefault(t, List.of());
      Double average = value.isEmpty() || in.isEmpty()
          ? null
          : in.stream().mapToDouble(e -> value.get().apply(e)).average().orElseThrow();
      out.add(new Bucket(Instant.ofEpochMilli(t), in.size(), average));
    }
    return out;
  }
}
