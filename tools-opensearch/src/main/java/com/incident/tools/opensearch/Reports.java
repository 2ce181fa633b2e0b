package com.incident.tools.opensearch;

import com.incident.common.tool.ToolResult;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    List<Map<String, Object>> structured = new ArrayList<>();
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
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("lastSeen", c.lastSeen().toString());
      line.put("firstSeen", c.firstSeen().toString());
      line.put("count", c.count());
      line.put("level", c.level());
      line.put("service", c.service());
      line.put("pod", c.pod());
      line.put("pods", c.pods());
      line.put("namespace", c.namespace());
      line.put("status", c.status());
      line.put("message", c.message());
      structured.add(line);
    }
    if (page.total() == 0) {
      text.append("no log lines matched; widen hours or relax the query\n");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", index);
    out.put("query", query);
    out.put("from", window.from().toString());
    out.put("to", window.to().toString());
    out.put("total", page.total());
    out.put("lines", structured);
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
    List<Map<String, Object>> groups = new ArrayList<>();
    for (ErrorGroup g : breakdown.groups()) {
      String key = groupBy == GroupBy.MESSAGE ? Collapsed.clean(g.key()) : g.key();
      text.append("- ").append(key).append(": ").append(g.count()).append('\n');
      List<Map<String, Object>> messages = new ArrayList<>();
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
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("message", message);
        mm.put("count", m.count());
        if (m.example() != null) {
          mm.put("exampleTime", m.example().timestamp().toString());
          mm.put("examplePod", m.example().pod());
          mm.put("exampleService", m.example().service());
        }
        messages.add(mm);
      }
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("key", key);
      gm.put("count", g.count());
      gm.put("topMessages", messages);
      groups.add(gm);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", index);
    out.put("from", window.from().toString());
    out.put("to", window.to().toString());
    out.put("groupBy", groupBy.id());
    out.put("total", breakdown.total());
    out.put("risingSince", rise.map(r -> r.minute().toString()).orElse(null));
    out.put("groups", groups);
    LogSource.Grouping grouping = breakdown.grouping();
    Map<String, Object> how = new LinkedHashMap<>();
    how.put("method", grouping.method().name().toLowerCase(Locale.ROOT));
    if (grouping.method() != LogSource.Grouping.Method.EXACT) {
      how.put("sampled", grouping.sampled());
      how.put("of", grouping.of());
      how.put("detail", grouping.detail());
    }
    out.put("grouping", how);
    gaps(text, out, breakdown.gaps());
    return ToolResult.ok(text.toString(), out);
  }

  /** What could not be checked on this index's mapping: said in the text and listed for the caller. */
  private static void gaps(StringBuilder text, Map<String, Object> out, List<String> gaps) {
    for (String gap : gaps) {
      text.append("not checked: ").append(gap).append('\n');
    }
    out.put("gaps", gaps);
  }

  static ToolResult anomalies(String index, TimeWindow window, Duration interval, Optional<String> field,
      LogSource.Series series, DetectorFindings plugin) {
    boolean counts = field.isEmpty();
    RobustDetector.Result result = RobustDetector.detect(series.buckets(), counts);
    String what = counts ? "error count" : "avg(" + field.get() + ")";
    StringBuilder text = new StringBuilder();
    text.append("index=").append(index).append(" window=").append(range(window)).append(" series=").append(what)
        .append(" per ").append(human(interval)).append('\n');
    List<Map<String, Object>> runs = new ArrayList<>();
    if (result.points() < 5) {
      text.append("not enough data: ").append(result.points()).append(" non-empty intervals (need 5)\n");
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
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("start", run.getFirst().start().toString());
        r.put("end", end.toString());
        r.put("intervals", run.size());
        r.put("peakAt", peak.start().toString());
        r.put("peakValue", peak.value());
        r.put("peakScore", round(peak.score()));
        r.put("scores", run.stream().map(a -> round(a.score())).toList());
        runs.add(r);
      }
      if (grouped.size() > MAX_RUNS) {
        text.append("(").append(grouped.size() - MAX_RUNS).append(" more runs; narrow the window)\n");
      }
    }
    text.append("Anomaly Detection plugin: ");
    List<Map<String, Object>> detectors = new ArrayList<>();
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
        detectors.add(Map.of("id", d.id(), "name", d.name(), "findings", d.findings().stream()
            .map(f -> Map.of("start", f.start().toString(), "end", f.end().toString(), "grade", round(f.grade()), "confidence", round(f.confidence())))
            .toList()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", index);
    out.put("from", window.from().toString());
    out.put("to", window.to().toString());
    out.put("series", what);
    out.put("interval", interval.toString());
    out.put("median", Double.isNaN(result.median()) ? null : round(result.median()));
    out.put("sigma", Double.isNaN(result.sigma()) ? null : round(result.sigma()));
    out.put("anomalies", runs);
    out.put("pluginAvailable", plugin.available());
    out.put("pluginNote", plugin.note());
    out.put("pluginDetectors", detectors);
    gaps(text, out, series.gaps());
    return ToolResult.ok(text.toString(), out);
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
