package com.incident.tools.datadog.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import java.time.Duration;
import java.time.Instant;

/** Time arguments: ISO-8601 instants or epoch seconds, windows anchored on end_time (default now). */
final class TimeArgs {
  static final int MAX_HOURS = 168;

  record Range(Instant from, Instant to) {}

  /** {@code hours} before {@code end_time} (or now). */
  static Range hours(ToolArguments args, Instant now) {
    int hours = args.integer("hours", 1);
    if (hours < 1 || hours > MAX_HOURS) {
      throw new ToolException("Argument 'hours' must be between 1 and " + MAX_HOURS + ", got " + hours);
    }
    Instant end = args.instant("end_time").orElse(now);
    if (end.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw new ToolException("Argument 'end_time' " + end + " is in the future");
    }
    return new Range(end.minus(Duration.ofHours(hours)), end);
  }

  /** {@code from}/{@code to} as instants or epoch seconds; default the hour before {@code to}. */
  static Range fromTo(ToolArguments args, Instant now) {
    Instant to = args.instantOrEpochSeconds("to").orElse(now);
    Instant from = args.instantOrEpochSeconds("from").orElse(to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw new ToolException("Argument 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(Duration.ofHours(MAX_HOURS)) > 0) {
      throw new ToolException("The range from 'from' to 'to' must be at most " + MAX_HOURS + " hours");
    }
    return new Range(from, to);
  }

  private TimeArgs() {}
}
