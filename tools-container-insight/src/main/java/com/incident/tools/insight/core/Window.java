package com.incident.tools.insight.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.result.InsightWindow;
import com.incident.tools.insight.source.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The examined window. Without {@code end_time} it is the last {@code minutes}; with it, the incident's
 * T±minutes (clipped at now), so an analysis run later still looks at the incident and not at "now".
 */
public record Window(Instant start, Instant end, int periodSeconds, Instant anchor) {
  static final int MAX_MINUTES = 1440;
  static final int MAX_PERIOD = 3600;
  /** 1-minute datapoints are kept for 15 days, 5-minute ones for 63 days. */
  static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);
  static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);

  public static Window from(ToolArguments args, Instant now) {
    int minutes = args.integer("minutes", 30);
    if (minutes < 1 || minutes > MAX_MINUTES) {
      throw new ToolException("Argument 'minutes' must be between 1 and " + MAX_MINUTES + ", got " + minutes);
    }
    int period = args.integer("period", 60);
    if (period < 60 || period > MAX_PERIOD || period % 60 != 0) {
      throw new ToolException("Argument 'period' must be a multiple of 60 between 60 and " + MAX_PERIOD + " seconds, got " + period);
    }
    Instant current = now.truncatedTo(ChronoUnit.SECONDS);
    Instant anchor = args.instant("end_time").orElse(null);
    if (anchor == null) {
      return new Window(current.minus(Duration.ofMinutes(minutes)), current, period, null);
    }
    if (anchor.isAfter(current.plus(Duration.ofMinutes(5)))) {
      throw new ToolException("Argument 'end_time' " + anchor + " is in the future; pass the alarm's state change time");
    }
    Instant start = anchor.minus(Duration.ofMinutes(minutes));
    Instant end = anchor.plus(Duration.ofMinutes(minutes));
    end = end.isAfter(current) ? current : end;
    if (!start.isBefore(end)) {
      throw new ToolException("Argument 'end_time' " + anchor + " leaves no data window before now; pass a past time or more minutes");
    }
    return new Window(start, end, period, anchor);
  }

  /** The window as tool results report it. */
  public InsightWindow view() {
    return new InsightWindow(start, end, periodSeconds, anchor);
  }

  public TimeRange range() {
    return new TimeRange(start, end, periodSeconds);
  }

  /** Why a series may be empty for reasons of age alone, or null. */
  String retentionHint(Instant now) {
    Duration age = Duration.between(start, now);
    if (periodSeconds < 300 && age.compareTo(ONE_MINUTE_RETENTION) > 0) {
      return "1-minute data is kept for 15 days only; retry with period=300 (or 3600 beyond 63 days)";
    }
    if (periodSeconds < 3600 && age.compareTo(FIVE_MINUTE_RETENTION) > 0) {
      return "5-minute data is kept for 63 days only; retry with period=3600";
    }
    return null;
  }
}
