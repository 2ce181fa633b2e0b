package com.incident.local.sandbox;

import com.incident.local.scenario.Scenario;
import com.incident.tools.opensearch.InMemoryLogSource;
import com.incident.tools.opensearch.LogEvent;
import com.incident.tools.opensearch.LogSchema;
import com.incident.tools.opensearch.LogSource;
import com.incident.tools.opensearch.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario's log lines behind the OpenSearch tools, through the tools' own in-memory backend (so the answers
 * are the ones a real index gives on the same corpus). Each line is repeated {@code count} times, spread over its
 * minute; lines after the timeline's present are not written yet.
 */
public final class ScenarioLogSource implements LogSource {
  private final List<Scenario.LogLine> lines;
  private final String index;
  private final Timeline timeline;
  private volatile Snapshot snapshot;

  private record Snapshot(double horizon, Double fixedAt, InMemoryLogSource source) {}

  public ScenarioLogSource(List<Scenario.LogLine> lines, String index, Timeline timeline) {
    this.lines = List.copyOf(lines);
    this.index = index;
    this.timeline = timeline;
  }

  /** Every log event the timeline reveals now, oldest first: also what --opensearch indexes. */
  public List<LogEvent> events() {
    List<LogEvent> out = new ArrayList<>();
    double until = timeline.fixedAt() == null ? timeline.present() : timeline.fixedAt();
    for (Scenario.LogLine l : lines) {
      if (l.minute() > until) {
        continue;
      }
      Instant start = timeline.at(l.minute());
      long step = 60_000L / l.repeat();
      for (int i = 0; i < l.repeat(); i++) {
        out.add(new LogEvent(start.plusMillis(i * step), l.level(), l.service(), blank(l.pod()), blank(l.namespace()),
            l.message(), l.status()));
      }
    }
    out.sort(java.util.Comparator.comparing(LogEvent::timestamp));
    return out;
  }

  private InMemoryLogSource current() {
    Snapshot s = snapshot;
    if (s == null || s.horizon() != timeline.horizon() || !java.util.Objects.equals(s.fixedAt(), timeline.fixedAt())) {
      s = new Snapshot(timeline.horizon(), timeline.fixedAt(), new InMemoryLogSource(LogSchema.DEFAULT).add(index, events()));
      snapshot = s;
    }
    return s.source();
  }

  @Override
  public SearchPage search(String index, String query, TimeWindow window, int size) {
    return current().search(index, query, window, size);
  }

  @Override
  public ErrorBreakdown errors(String index, TimeWindow window, GroupBy groupBy, int maxGroups, int maxMessages) {
    return current().errors(index, window, groupBy, maxGroups, maxMessages);
  }

  @Override
  public Series histogram(String index, TimeWindow window, Duration interval, Optional<String> numericField) {
    return current().histogram(index, window, interval, numericField);
  }

  @Override
  public DetectorFindings detectorFindings(String index, TimeWindow window, int maxPerDetector) {
    return current().detectorFindings(index, window, maxPerDetector);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
