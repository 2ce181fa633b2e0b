package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;
import com.incident.common.tool.result.InsightRow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders stats as compact text for the model and as rounded numbers for structuredContent. */
final class Report {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  /** Room kept for the closing notes when deciding whether one more subject fits. */
  static final int RESERVE_BYTES = 256;

  private final StringBuilder text = new StringBuilder();
  private final Window window;
  private final boolean sameDay;
  private final int budgetBytes;

  private Report(Window window, boolean sameDay, int budgetBytes) {
    this.window = window;
    this.sameDay = sameDay;
    this.budgetBytes = budgetBytes;
  }

  Report(String tool, String cluster, Window window, int budgetBytes) {
    this(window, window.start().atZone(ZoneOffset.UTC).toLocalDate().equals(window.end().atZone(ZoneOffset.UTC).toLocalDate()),
        budgetBytes);
    text.append(tool).append(" cluster=").append(cluster)
        .append(" window=").append(window.start()).append("..").append(window.end())
        .append(" period=").append(window.periodSeconds()).append('s');
    if (window.anchor() != null) {
      text.append(" anchor=").append(window.anchor());
    }
    text.append('\n');
  }

  /** An empty report with the same formatting, for one subject's lines. */
  Report fragment() {
    return new Report(window, sameDay, budgetBytes);
  }

  /** Appends the fragment if it fits the budget (keeping room for notes); false when it was left out. */
  boolean append(Report fragment) {
    if (bytes(text) + bytes(fragment.text) + RESERVE_BYTES > budgetBytes) {
      return false;
    }
    text.append(fragment.text);
    return true;
  }

  private static int bytes(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Each row's series under a heading, followed by a note on each metric without data and why, as many rows
   * as fit the budget.
   */
  void rows(String kind, List<Evidence.Row> rows, List<MetricSpec> specs, String retentionHint) {
    for (int i = 0; i < rows.size(); i++) {
      Evidence.Row row = rows.get(i);
      Report f = fragment().line(kind + " " + row.subject().name());
      specs.stream().filter(spec -> row.get(spec).isPresent()).forEach(spec -> f.series(spec, row.get(spec)));
      Discovery.gaps(row, retentionHint).forEach(f::line);
      if (!append(f)) {
        line("note: " + (rows.size() - i) + " more " + kind + "s left out to stay within the output bound; "
            + "their numbers are in structuredContent");
        return;
      }
    }
  }

  Report line(String s) {
    text.append(s).append('\n');
    return this;
  }

  /** One series: {@code cpu%  avg 41.3 p95 97.8 max 98.2@03:07Z last 97.5 ▁▂▇█ >80 from 03:05Z (12/30)}. */
  Report series(MetricSpec spec, Optional<SeriesStats> stats) {
    return series(spec.label(), spec, stats);
  }

  Report series(String label, MetricSpec spec, Optional<SeriesStats> stats) {
    text.append("  ").append(pad(label, 11));
    if (stats.isEmpty()) {
      return line("no data");
    }
    SeriesStats s = stats.get();
    text.append("avg ").append(value(spec, s.avg()))
        .append(" p95 ").append(value(spec, s.p95()))
        .append(" max ").append(value(spec, s.max())).append('@').append(time(s.maxAt()))
        .append(" last ").append(value(spec, s.last()))
        .append(' ').append(s.sparkline());
    if (s.threshold() != null) {
      String limit = value(spec, s.threshold());
      if (s.crossedAt() == null) {
        text.append(" never >").append(limit);
      } else if (s.aboveAtStart()) {
        text.append(" >").append(limit).append(" already at window start");
      } else {
        text.append(" >").append(limit).append(" from ").append(time(s.crossedAt()));
      }
      if (s.crossedAt() != null) {
        text.append(" (").append(s.pointsAbove()).append('/').append(s.points()).append(')');
      }
    }
    return line("");
  }

  String time(Instant t) {
    return t == null ? "-" : (sameDay ? TIME : DAY_TIME).format(t);
  }

  static String value(MetricSpec spec, double v) {
    return switch (spec.unit()) {
      case PERCENT -> String.format(Locale.ROOT, "%.1f", v);
      case COUNT -> v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
      case BYTES_PER_SECOND -> bytes(v) + "/s";
    };
  }

  private static String bytes(double v) {
    String[] units = {"B", "KB", "MB", "GB"};
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f%s", v, units[u]) : String.format(Locale.ROOT, "%.1f%s", v, units[u]);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  String text() {
    return text.toString();
  }

  /** Rounded numbers of every series of a row; metrics without data are listed under noData. */
  static InsightRow row(Evidence.Row row) {
    Map<String, InsightRow.Summary> metrics = new LinkedHashMap<>();
    List<String> noData = new ArrayList<>();
    row.stats().forEach((spec, stats) -> stats.ifPresentOrElse(s -> metrics.put(spec.metric(), summary(spec, s)),
        () -> noData.add(spec.metric())));
    return new InsightRow(row.subject().kind(), row.subject().name(), row.subject().dimensions(), metrics, noData);
  }

  static InsightRow.Summary summary(MetricSpec spec, SeriesStats s) {
    boolean threshold = s.threshold() != null;
    return new InsightRow.Summary(spec.stat(), spec.unit(), s.points(), round(s.min()), round(s.avg()), round(s.p95()),
        round(s.max()), s.maxAt(), round(s.first()), round(s.last()), s.threshold(), s.crossedAt(),
        threshold ? s.aboveAtStart() : null, threshold ? s.pointsAbove() : null);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
