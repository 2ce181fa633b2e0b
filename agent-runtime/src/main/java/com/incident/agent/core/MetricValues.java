package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.DatadogMetricsResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.NodeMetricsResult;
import com.incident.common.tool.result.PodMetricsResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Values as a person reads them: with the alarmed metric's unit ({@code 97.5%}, {@code 42건/분}), never
 * {@code 97.50}. The unit comes from what the evidence says the metric is (the tools' typed summaries); before any
 * evidence, from CloudWatch's documented units of Container Insights metrics.
 */
public final class MetricValues {
  /** How a value of one metric is written: the number, then {@code suffix}. */
  public record Unit(String suffix) {
    public static final Unit NONE = new Unit("");
    public static final Unit PERCENT = new Unit("%");

    public String format(double value) {
      return number(value) + suffix;
    }
  }

  private MetricValues() {}

  /** The unit of the alarm's metric, from the evidence when a tool summarised it, else from the alarm alone. */
  public static Unit of(AlarmDetails alarm, Evidence evidence) {
    return fromEvidence(alarm, evidence).orElseGet(() -> of(alarm));
  }

  /** The unit of the alarm's metric from the alarm alone (the issue body before any evidence). */
  public static Unit of(AlarmDetails alarm) {
    String metric = alarm.metricName();
    if (metric == null || !"ContainerInsights".equals(alarm.namespace())) {
      return Unit.NONE;
    }
    if (metric.endsWith("_utilization") || metric.endsWith("_utilization_over_pod_limit")
        || metric.endsWith("_reserved_capacity")) {
      return Unit.PERCENT;
    }
    return metric.contains("_number_of_") ? count(alarm) : Unit.NONE;
  }

  private static Optional<Unit> fromEvidence(AlarmDetails alarm, Evidence evidence) {
    String metric = alarm.metricName();
    if (metric == null) {
      return Optional.empty();
    }
    Optional<InsightRow.Unit> insight = Stream.concat(
            evidence.results(ToolNames.POD_METRICS, PodMetricsResult.class).stream().flatMap(r -> r.pods().stream()),
            evidence.results(ToolNames.NODE_METRICS, NodeMetricsResult.class).stream().flatMap(r -> r.nodes().stream()))
        .flatMap(row -> row.metric(metric).stream()).map(InsightRow.Summary::unit).findFirst();
    if (insight.isPresent()) {
      return Optional.of(switch (insight.get()) {
        case PERCENT -> Unit.PERCENT;
        case COUNT -> count(alarm);
        case BYTES_PER_SECOND -> new Unit(" B/s");
      });
    }
    return evidence.results(ToolNames.DATADOG_QUERY_METRICS, DatadogMetricsResult.class).stream()
        .flatMap(r -> r.series().stream()).filter(s -> metric.equals(s.metric()) && s.unit() != null && !s.unit().isBlank())
        .findFirst().map(s -> "percent".equals(s.unit()) ? Unit.PERCENT : new Unit(" " + s.unit()));
  }

  /** A count summed over the alarm's period is a rate a person reads per period ({@code 42건/분}). */
  private static Unit count(AlarmDetails alarm) {
    if (!"Sum".equalsIgnoreCase(alarm.statistic()) || alarm.periodSeconds() == null) {
      return Unit.NONE;
    }
    int p = alarm.periodSeconds();
    String per = p == 60 ? "분" : p % 3600 == 0 ? (p == 3600 ? "시간" : p / 3600 + "시간") : p % 60 == 0 ? p / 60 + "분" : p + "초";
    return new Unit("건/" + per);
  }

  /** A Container Insights summary value with its unit. */
  public static String summary(double value, InsightRow.Unit unit) {
    return switch (unit) {
      case PERCENT -> Unit.PERCENT.format(value);
      case COUNT -> number(value);
      case BYTES_PER_SECOND -> number(value) + " B/s";
    };
  }

  /** At most two decimals, without trailing zeros: 97.5, 80, 0.25. */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "-";
    }
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
