package com.incident.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How chat messages write times, durations and untrusted text for each platform. */
public final class ChatText {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private ChatText() {}

  /** {@code 2026-11-21 12:15 KST(03:15 UTC)}; the UTC part names its day only when it differs. */
  public static String kst(Instant at) {
    var local = at.atZone(KST);
    var utc = at.atOffset(ZoneOffset.UTC);
    String utcText = utc.toLocalDate().equals(local.toLocalDate()) ? TIME.format(utc) : DAY_TIME.format(utc);
    return DAY_TIME.format(local) + " KST(" + utcText + " UTC)";
  }

  /** {@code 12분 30초}, {@code 1시간 5분}, {@code 45초}: the largest two units a person needs. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    long h = s / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    if (h > 0) {
      return h + "시간" + (m > 0 ? " " + m + "분" : "");
    }
    if (m > 0) {
      return m + "분" + (sec > 0 ? " " + sec + "초" : "");
    }
    return sec + "초";
  }

  /** Slack mrkdwn: the three characters Slack reserves for links, mentions and entities. */
  public static String slack(String text) {
    return fit(text, Integer.MAX_VALUE, ChatText::slackChar);
  }

  /**
   * Discord markdown: every character that starts formatting, a masked link, a heading, a quote, a list or a
   * mention is backslash-escaped, so text from an alarm or a model reads literally. Mentions are also switched
   * off for the whole message ({@code allowed_mentions}), so an escaped-looking {@code @everyone} cannot ping.
   */
  public static String discord(String text) {
    return fit(text, Integer.MAX_VALUE, ChatText::discordChar);
  }

  /** {@link #slack} cut to at most {@code max} characters (with an ellipsis), never inside an entity. */
  public static String slack(String text, int max) {
    return fit(text, max, ChatText::slackChar);
  }

  /** {@link #discord} cut to at most {@code max} characters (with an ellipsis), never after a lone backslash. */
  public static String discord(String text, int max) {
    return fit(text, max, ChatText::discordChar);
  }

  private static String slackChar(char c) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      default -> null;
    };
  }

  private static String discordChar(char c) {
    return "\\*_~`|>[]()#-<@".indexOf(c) >= 0 ? "\\" + c : null;
  }

  /** Escapes character by character; when the result is too long, stops before an escape would be split. */
  private static String fit(String text, int max, java.util.function.Function<Character, String> escape) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    int fitsBefore = -1;
    for (int i = 0; i < text.length(); i++) {
      String e = escape.apply(text.charAt(i));
      String piece = e == null ? String.valueOf(text.charAt(i)) : e;
      if (fitsBefore < 0 && b.length() + piece.length() > max - 1) {
        fitsBefore = b.length();
      }
      b.append(piece);
    }
    if (b.length() <= max) {
      return b.toString();
    }
    return b.substring(0, fitsBefore) + "…";
  }

  /** At most {@code max} characters of plain text (no markup), with an ellipsis when cut. */
  public static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
  }
}
