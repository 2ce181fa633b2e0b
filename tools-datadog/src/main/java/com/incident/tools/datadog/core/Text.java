package com.incident.tools.datadog.core;

import com.incident.common.redact.Redactor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers shared by the Datadog tools. */
final class Text {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  static String time(Instant t) {
    return t == null ? "-" : MINUTE.format(t);
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  /** Redacted, single-line, at most {@code max} characters: text from Datadog is model input. */
  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = Redactor.DEFAULT.redact(s).replaceAll("\\s+", " ").trim();
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private Text() {}
}
