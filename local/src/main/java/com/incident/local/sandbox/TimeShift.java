package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a scenario's absolute timestamps (object and event times, the dates inside pod log lines) by the distance
 * between the alarm's captured StateChangeTime and the sandbox's minute 0, so they keep their distance to the alarm:
 * an event seen 10 minutes before the captured alarm is seen 10 minutes before the replayed one.
 */
record TimeShift(Duration by) {
  static final TimeShift NONE = new TimeShift(Duration.ZERO);

  /** ISO 8601 date-times as Kubernetes and application logs write them: date, T or space, seconds, fraction, zone. */
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");

  /** The shift that moves a captured alarm time (the scenario's StateChangeTime) onto the sandbox's minute 0. */
  static TimeShift between(java.time.Instant capturedAlarm, java.time.Instant minuteZero) {
    return new TimeShift(Duration.between(capturedAlarm, minuteZero));
  }

  /** A copy of the object with every string that is exactly a timestamp moved (creationTimestamp, startedAt...). */
  ObjectNode object(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    if (!by.isZero()) {
      walk(copy);
    }
    return copy;
  }

  /** A log line with every timestamp in it moved. */
  String line(String line) {
    if (by.isZero()) {
      return line;
    }
    Matcher m = TIMESTAMP.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(shift(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void walk(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          Matcher m = TIMESTAMP.matcher(e.getValue().asText());
          if (m.matches()) {
            e.setValue(TextNode.valueOf(shift(m)));
          }
        } else {
          walk(e.getValue());
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(this::walk);
    }
  }

  /** The matched time moved, written as it was (separator, fraction digits, zone), so a reader sees the same format. */
  private String shift(Matcher m) {
    String fraction = m.group(4);
    LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(3) + (fraction == null ? "" : "." + fraction))
        .plus(by);
    String pattern = "yyyy-MM-dd'" + m.group(2) + "'HH:mm:ss" + (fraction == null ? "" : "." + "S".repeat(fraction.length()));
    return DateTimeFormatter.ofPattern(pattern).format(local) + (m.group(5) == null ? "" : m.group(5));
  }
}
