package com.incident.tools.insight.core;

import com.incident.common.series.SeriesStats;
import com.incident.common.series.Sparkline;

import com.incident.tools.insight.Config;
import com.incident.tools.insight.source.MetricQuery;
import com.incident.tools.insight.source.MetricSeries;
import com.incident.tools.insight.source.MetricSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fetches a set of metrics for many subjects in one batched request and reduces each series to its stats. */
final class Evidence {

  record Row(Subject subject, Map<MetricSpec, Optional<SeriesStats>> stats) {
    Optional<SeriesStats> get(MetricSpec spec) {
      return stats.getOrDefault(spec, Optional.empty());
    }
  }

  static List<Row> collect(MetricSource source, Config config, Window window, List<Subject> subjects, List<MetricSpec> specs) {
    List<MetricQuery> queries = new ArrayList<>();
    for (int s = 0; s < subjects.size(); s++) {
      for (int m = 0; m < specs.size(); m++) {
        MetricSpec spec = specs.get(m);
        queries.add(new MetricQuery(id(s, m), spec.metric(), subjects.get(s).dimensions(), spec.stat()));
      }
    }
    // Sparkline bars are 3 bytes each in UTF-8; many subjects get narrower ones to fit the text cap.
    int width = subjects.size() <= 3 ? Sparkline.WIDE : Sparkline.NARROW;
    Map<String, MetricSeries> series = queries.isEmpty() ? Map.of() : source.fetch(queries, window.range());
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < subjects.size(); s++) {
      Map<MetricSpec, Optional<SeriesStats>> stats = new LinkedHashMap<>();
      for (int m = 0; m < specs.size(); m++) {
        MetricSpec spec = specs.get(m);
        MetricSeries found = series.get(id(s, m));
        stats.put(spec, found == null ? Optional.empty() : SeriesStats.of(found.seriesPoints(), spec.threshold().apply(config), width));
      }
      rows.add(new Row(subjects.get(s), stats));
    }
    return rows;
  }

  private static String id(int subject, int metric) {
    return "s" + subject + "m" + metric;
  }

  private Evidence() {}
}
