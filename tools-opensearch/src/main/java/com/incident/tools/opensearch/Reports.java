package com.incident.tools.opensearch;

import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.AnomalyDetectionResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.ResultFit;
import com.incident.common.tool.result.SearchLogsResult;
import com.incident.tools.opensearch.LogSource.Bucket;
import com.incident.tools.opensearch.LogSource.DetectorFindings;
import com.incident.tools.opensearch.LogSource.ErrorBreakdown;
import com.incident.tools.opensearch.LogSource.ErrorGroup;
import com.incident.tools.opensearch.LogSource.GroupBy;
import com.incident.tools.opensearch.LogSource.MessageCount;
import com.incident.tools.opensearch.LogSource.SearchPage;
import com.incident.tools.opensearch.RobustDetector.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns backend answers into the compact text the model reads plus the same facts as structured content.
 * Every log message passes {@link Collapsed#clean} (redaction first) before it is placed in either.
 */
final class Reports {
  static final int MAX_RUNS = 10;

  private Reports() {}

  static ToolResult search(String index, String query, TimeWindow window, SearchPage page) {
    List<Collapsed> lines = Collapsed.of(page.events());
    StringBuilder text = new StringBuilder();
    text.append("index=").append(index).append(" window=").append(range(window)).append('\n');
    text.append("hits: ").append(page.total()).append(" (").append(page.events().size()).append(" newest fetched, ")
        .append(lines.size()).append(" distinct messages)\n");
    List<SearchLogsResult.Line> structured = new ArrayList<>();
    for (Collapsed c : lines) {
      text.append(time(c.lastSeen())).append(' ').append(nz(c.level(), "-")).append(' ').append(origin(c.service(), c.pod(), c.namespace()));
      if (c.status() != null) {
        text.append(" status=").append(c.status());
      }
      if (c.count() > 1) {
        text.append(" x").append(c.count()).append(" (first ").append(time(c.firstSeen()));
        if (c.pods() > 1) {
          text.append(", ").append(c.pods()).append(" pods");
        }
        text.append(')');
      }
      text.append(": ").append(c.message()).append('\n');
      structured.add(new SearchLogsResult.Line(c.lastSeen(), c.firstSeen(), c.count(), c.level(), c.service(), c.pod(),
          c.pods(), c.namespace(), c.status(), c.message()));
    }
    String noData = page.total() == 0 ? "no log lines matched; widen hours or relax the query" : null;
    if (noData != null) {
      text.append(noData).append('\n');
    }
    SearchLogsResult out = ResultFit.largest(structured.size(), n -> new SearchLogsResult(index, query, window.from(),
        window.to(), page.total(), structured.subList(0, n), structured.size() - n, noData));
    return ToolResult.ok(text.toString(), out);
  }

  static ToolResult errors(String index, TimeWindow window, GroupBy groupBy, ErrorBreakdown breakdown) {
    StringBuilder text = new StringBuilder();
    text.append("index=").append(index).append(" window=").append(range(window)).append(" group_by=").append(groupBy.id()).append('\n');
    text.append("errors (ERROR/FATAL level or HTTP 5xx): ").append(breakdown.total()).append('\n');
    Optional<Rise> rise = rise(breakdown.perMinute());
    rise.ifPresentOrElse(
        r -> text.append("errors started rising at ").append(time(r.minute())).append(" (").append(count(r.count()))
            .append("/min vs baseline ").append(count(r.baseline())).append("/min)\n"),
        () -> text.append(breakdown.total() == 0 ? "" : "no sudden rise: error volume is steady in this window\n"));
    if (breakdown.grouping().method() != LogSource.Grouping.Method.EXACT) {
      text.append("grouping: ").append(breakdown.grouping().detail()).append('\n');
    }
    List<ErrorSummaryResult.Group> groups = new ArrayList<>();
    for (ErrorGroup g : breakdown.groups()) {
      String key = groupBy == GroupBy.MESSAGE ? Collapsed.clean(g.key()) : g.key();
      text.append("- ").append(key).append(": ").append(g.count()).append('\n');
      List<ErrorSummaryResult.Message> messages = new ArrayList<>();
      for (MessageCount m : g.topMessages()) {
        String message = Collapsed.clean(m.message());
        text.append("    x").append(m.count());
        if (m.example() != null) {
          text.append(" last ").append(time(m.example().timestamp())).append(' ')
              .append(origin(m.example().service(), m.example().pod(), m.example().namespace()));
        }
        if (groupBy != GroupBy.MESSAGE) {
          text.append(": ").append(message);
        }
        text.append('\n');
        LogEvent example = m.example();
        messages.add(new ErrorSummaryResult.Message(message, m.count(), example == null ? null : example.timestamp(),
            example == null ? null : example.pod(), example == null ? null : example.service()));
      }
      groups.add(new ErrorSummaryResult.Group(key, g.count(), messages));
    }
    LogSource.Grouping grouping = breakdown.grouping();
    boolean exact = grouping.method() == LogSource.Grouping.Method.EXACT;
    ErrorSummaryResult.Grouping how = new ErrorSummaryResult.Grouping(
        ErrorSummaryResult.Grouping.Method.valueOf(grouping.method().name()), exact ? null : grouping.sampled(),
        exact ? null : grouping.of(), exact ? null : grouping.detail());
    gaps(text, breakdown.gaps());
    String noData = breakdown.total() == 0 ? "no ERROR/FATAL or HTTP 5xx log lines in this window" : null;
    Instant risingSince = rise.map(Rise::minute).orElse(null);
    ErrorSummaryResult out = ResultFit.largest(groups.size(), n -> new ErrorSummaryResult(index, window.from(),
        window.to(), groupBy.id(), breakdown.total(), risingSince, groups.subList(0, n), groups.size() - n, how,
        breakdown.gaps(), noData));
    return ToolResult.ok(text.toString(), out);
  }

  /** What could not be checked on this index's mapping, said in the text; the result lists it too. */
  private static void gaps(StringBuilder text, List<String> gaps) {
    for (String gap : gaps) {
      text.append("not checked: ").append(gap).append('\n');
    }
  }

  static ToolResult anomalies(String index, TimeWindow window, Duration interval, Optional<String> field,
      LogSource.Series series, DetectorFindings plugin) {
    boolean counts = field.isEmpty();
    RobustDetector.Result result = RobustDetector.detect(series.buckets(), counts);
    String what = counts ? "error count" : "avg(" + field.get() + ")";
    StringBuilder text = new StringBuilder();
    text.append("index=").append(index).append(" window=").append(range(window)).append(" series=").append(what)
        .append(" per ").append(human(interval)).append('\n');
    List<AnomalyDetectionResult.Run> runs = new ArrayList<>();
    int runsOmitted = 0;
    String noData = null;
    if (result.points() < 5) {
      noData = "not enough data: " + result.points() + " non-empty intervals (need 5)";
      text.append(noData).append('\n');
    } else {
      text.append("baseline: median ").append(num(result.median())).append(", robust sigma ").append(num(result.sigma()))
          .append(", ").append(result.points()).append(" intervals; threshold |z| >= ").append(num(RobustDetector.THRESHOLD)).append('\n');
      List<List<Anomaly>> grouped = runs(result.anomalies(), interval);
      text.append("anomalous intervals: ").append(result.anomalies().size());
      text.append(grouped.isEmpty() ? " (none)\n" : " in " + grouped.size() + " run(s)\n");
      for (List<Anomaly> run : grouped.subList(0, Math.min(MAX_RUNS, grouped.size()))) {
        Anomaly peak = run.stream().max((a, b) -> Double.compare(Math.abs(a.score()), Math.abs(b.score()))).orElseThrow();
        Instant end = run.getLast().start().plus(interval);
        text.append("- ").append(time(run.getFirst().start())).append("..").append(time(end)).append(" (")
            .append(run.size()).append(" intervals) peak ").append(num(peak.value())).append(" at ").append(time(peak.start()))
            .append(" z=").append(num(peak.score())).append('\n');
        runs.add(new AnomalyDetectionResult.Run(run.getFirst().start(), end, run.size(), peak.start(), peak.value(),
            round(peak.score()), run.stream().map(a -> round(a.score())).toList()));
      }
      runsOmitted = grouped.size() - runs.size();
      if (grouped.size() > MAX_RUNS) {
        text.append("(").append(grouped.size() - MAX_RUNS).append(" more runs; narrow the window)\n");
      }
    }
    text.append("Anomaly Detection plugin: ");
    List<AnomalyDetectionResult.Detector> detectors = new ArrayList<>();
    if (!plugin.available() || plugin.detectors().isEmpty()) {
      text.append(plugin.note()).append('\n');
    } else {
      text.append(plugin.detectors().size()).append(" detector(s)\n");
      for (LogSource.Detector d : plugin.detectors()) {
        text.append("- ").append(d.name()).append(": ").append(d.findings().isEmpty() ? "no anomalies in window" : d.findings().size() + " anomalies").append('\n');
        for (LogSource.Finding f : d.findings()) {
          text.append("    ").append(time(f.start())).append("..").append(time(f.end())).append(" grade ").append(num(f.grade()))
              .append(" confidence ").append(num(f.confidence())).append('\n');
        }
        detectors.add(new AnomalyDetectionResult.Detector(d.id(), d.name(), d.findings().stream()
            .map(f -> new AnomalyDetectionResult.Finding(f.start(), f.end(), round(f.grade()), round(f.confidence())))
            .toList()));
      }
    }
    gaps(text, series.gaps());
    return ToolResult.ok(text.toString(), new AnomalyDetectionResult(index, window.from(), window.to(), what,
        interval.toString(), result.points(), Double.isNaN(result.median()) ? null : round(result.median()),
        Double.isNaN(result.sigma()) ? null : round(result.sigma()), runs, runsOmitted, plugin.available(), plugin.note(),
        detectors, series.gaps(), noData));
  }

  record Rise(Instant minute, long count, double baseline) {}

  /** The first minute whose error count is a robust outlier above the window's baseline. */
  static Optional<Rise> rise(List<Bucket> perMinute) {
    RobustDetector.Result result = RobustDetector.detect(perMinute, true);
    return result.anomalies().stream().findFirst()
        .map(a -> new Rise(a.start(), (long) a.value(), result.median()));
  }

  static List<List<Anomaly>> runs(List<Anomaly> anomalies, Duration interval) {
    List<List<Anomaly>> runs = new ArrayList<>();
    for (Anomaly a : anomalies) {
      List<Anomaly> last = runs.isEmpty() ? null : runs.getLast();
      if (last != null && last.getLast().start().plus(interval).equals(a.start())
          && Math.signum(last.getLast().score()) == Math.signum(a.score())) {
        last.add(a);
      } else {
        runs.add(new ArrayList<>(List.of(a)));
      }
    }
    return runs;
  }

  private static String origin(String service, String pod, String namespace) {
    return nz(namespace, "?") + "/" + nz(service, "?") + "/" + nz(pod, "?");
  }

  private static String range(TimeWindow w) {
    return w.from().truncatedTo(ChronoUnit.SECONDS) + ".." + w.to().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String human(Duration d) {
    return d.toSecondsPart() == 0 && d.toSeconds() % 3600 == 0 ? d.toHours() + "h"
        : d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
  }

  private static String count(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : num(v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String nz(String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v;
  }
}
