package com.incident.tools.datadog.core;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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
    Instant to = instant(args, "to").orElse(now);
    Instant from = instant(args, "from").orElse(to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw new ToolException("Argument 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(Duration.ofHours(MAX_HOURS)) > 0) {
      throw new ToolException("The range from 'from' to 'to' must be at most " + MAX_HOURS + " hours");
    }
    return new Range(from, to);
  }

  private static java.util.Optional<Instant> instant(ToolArguments args, String name) {
    return args.optionalString(name).map(s -> {
      try {
        return s.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(s)) : Instant.parse(s);
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new ToolException("Argument '" + name + "' must be an ISO-8601 instant such as 2026-11-21T03:15:00Z "
            + "or epoch seconds, got '" + s + "'");
      }
    });
  }

  private TimeArgs() {}
}
