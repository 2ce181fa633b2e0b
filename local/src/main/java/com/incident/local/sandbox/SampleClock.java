package com.incident.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that puts a sample event (events/) on the sandbox's clock: the samples describe one incident whose alarm
 * fired at {@link #SAMPLE_ALARM}; every time in an event (ISO-8601 strings, epoch seconds and milliseconds near that
 * day, also inside the JSON carried as a string in {@code body} or an SNS {@code Message}) moves by the offset that
 * puts that alarm on the sandbox's minute 0, so a sample asks for the window the sandbox has data for. Times far from
 * the sample day (the tool events' far-future deadline) and everything else stay as they are.
 */
public final class SampleClock {
  /** When the sample incident's alarm fired (events/README.md). */
  public static final Instant SAMPLE_ALARM = Instant.parse("2026-11-21T03:15:12Z");
  /** Numbers within this distance of the sample alarm are its epoch times; others (deadlines, counts) are not. */
  private static final Duration NEAR = Duration.ofDays(30);
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private SampleClock() {}

  /** The offset that moves the sample alarm onto {@code minuteZero}. */
  public static Duration offsetTo(Instant minuteZero) {
    return Duration.between(SAMPLE_ALARM, minuteZero);
  }

  public static JsonNode shift(JsonNode node, Duration by) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), shift(e.getValue(), by)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> copy.add(shift(n, by)));
      return copy;
    }
    if (node.isIntegralNumber()) {
      long v = node.asLong();
      if (Math.abs(v - SAMPLE_ALARM.getEpochSecond()) <= NEAR.toSeconds()) {
        return JsonNodeFactory.instance.numberNode(v + by.toSeconds());
      }
      if (Math.abs(v - SAMPLE_ALARM.toEpochMilli()) <= NEAR.toMillis()) {
        return JsonNodeFactory.instance.numberNode(v + by.toMillis());
      }
      return node;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(shift(node.asText(), by));
    }
    return node;
  }

  /** An ISO time moves (same format, same offset); embedded JSON is shifted inside; other text is left alone. */
  static String shift(String text, Duration by) {
    Matcher m = ISO.matcher(text);
    if (m.matches()) {
      String offset = m.group(4);
      OffsetDateTime t;
      try {
        t = OffsetDateTime.parse(m.group(1) + (m.group(2) == null ? "" : m.group(2))
            + (offset.equals("Z") ? "Z" : offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset));
      } catch (java.time.format.DateTimeParseException e) {
        return text;
      }
      if (Duration.between(t.toInstant(), SAMPLE_ALARM).abs().compareTo(NEAR) > 0) {
        return text;
      }
      OffsetDateTime moved = t.plus(by);
      String fraction = m.group(3) == null ? "" : "." + String.format("%09d", moved.getNano()).substring(0, m.group(3).length());
      return moved.format(SECONDS) + fraction + offset;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      try {
        return Json.write(shift(Json.tree(trimmed), by));
      } catch (IOException | RuntimeException e) {
        return text;
      }
    }
    return text;
  }
}
