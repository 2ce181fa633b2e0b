package com.incident.agent.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Values and times as a person on call reads them: numbers with their unit ({@code 97.5%}, {@code 512 MiB},
 * {@code 347건}, {@code 1.2 s}), never a bare {@code 97.50}; times in KST with UTC in parentheses.
 */
public final class Units {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private Units() {}

  /** {@code 15:16 KST(06:16 UTC)}; {@code -} for no time. */
  public static String time(Instant t) {
    return t == null ? "-" : HM.format(t.atZone(KST)) + " KST(" + HM.format(t.atOffset(ZoneOffset.UTC)) + " UTC)";
  }

  /** {@code 2026-11-30 15:16 KST(06:16 UTC)}; the UTC date is named too when it differs from the KST one. */
  public static String dateTime(Instant t) {
    if (t == null) {
      return "-";
    }
    String kstDate = DATE.format(t.atZone(KST));
    String utcDate = DATE.format(t.atOffset(ZoneOffset.UTC));
    return kstDate + " " + HM.format(t.atZone(KST)) + " KST(" + (kstDate.equals(utcDate) ? "" : utcDate + " ")
        + HM.format(t.atOffset(ZoneOffset.UTC)) + " UTC)";
  }

  /** An ISO-8601 time from a tool result as {@link #time}; anything unparseable as it came (or {@code -}). */
  public static String time(String iso) {
    Instant at = instant(iso);
    return at != null ? time(at) : iso == null || iso.isBlank() ? "-" : iso;
  }

  public static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** At most one decimal, none when it is zero: {@code 97.5}, {@code 80}, {@code 0.4}. */
  public static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "-";
    }
    double r = Math.round(d * 10) / 10.0;
    return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /** A percentage value (already 0-100): {@code 97.5%}. */
  public static String percent(double d) {
    return number(d) + "%";
  }

  /** A share (0-1) as a whole percentage: {@code 0.9} → {@code 90%}. */
  public static String share(double p) {
    return String.format(Locale.ROOT, "%.0f%%", p * 100);
  }

  /** Bytes as MiB (GiB from 1 GiB up): {@code 512 MiB}, {@code 1.5 GiB}. */
  public static String bytes(long bytes) {
    double mib = bytes / (1024.0 * 1024.0);
    return mib >= 1024 ? number(mib / 1024) + " GiB" : number(mib) + " MiB";
  }

  /** A count of log lines or errors: {@code 347건}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d건", n);
  }

  /** Seconds: {@code 1.2 s}. */
  public static String seconds(double s) {
    return number(s) + " s";
  }

  /**
   * A metric value with the unit its name (CloudWatch/Container Insights convention) or its statistic carries:
   * utilization and percent metrics in %, byte metrics in MiB, latencies in s, counts in 건, else the number.
   */
  public static String metric(String metricName, double value) {
    String m = metricName == null ? "" : metricName.toLowerCase(Locale.ROOT);
    if (m.contains("utilization") || m.contains("percent") || m.endsWith("_pct")) {
      return percent(value);
    }
    if (m.contains("bytes") && !m.contains("per_second") && !m.contains("persecond")) {
      return bytes((long) value);
    }
    if (m.contains("latency") || m.contains("duration") || m.contains("responsetime")) {
      return seconds(value);
    }
    if (m.contains("count") || m.contains("error") || m.contains("restart") || m.contains("5xx") || m.contains("4xx")) {
      return count(Math.round(value)) ;
    }
    return number(value);
  }
}
