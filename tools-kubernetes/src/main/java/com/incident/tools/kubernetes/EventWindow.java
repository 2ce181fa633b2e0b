package com.incident.tools.kubernetes;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The examined window, as the metric tools take it: without {@code end_time} the last {@code minutes}; with it the
 * incident's T±minutes (clipped at now), so an analysis run later still looks at the incident.
 */
record EventWindow(Instant start, Instant end) {
  static final int DEFAULT_MINUTES = 60;
  static final int MAX_MINUTES = 1440;

  static EventWindow from(ToolArguments args, Instant now) {
    int minutes = args.integer("minutes", DEFAULT_MINUTES);
    Instant current = now.truncatedTo(ChronoUnit.SECONDS);
    Instant anchor = args.instant("end_time").orElse(null);
    if (anchor == null) {
      return new EventWindow(current.minus(Duration.ofMinutes(minutes)), current);
    }
    if (anchor.isAfter(current.plus(Duration.ofMinutes(5)))) {
      throw new ToolException("Argument 'end_time' " + anchor + " is in the future; pass the alarm's state change time");
    }
    Instant end = anchor.plus(Duration.ofMinutes(minutes));
    return new EventWindow(anchor.minus(Duration.ofMinutes(minutes)), end.isAfter(current) ? current : end);
  }

  boolean overlaps(Instant first, Instant last) {
    return !last.isBefore(start) && !first.isAfter(end);
  }
}
