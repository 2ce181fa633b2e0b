package com.incident.agent.core;

/**
 * The one way text is shortened for a person: on one line, cut at a word boundary (never inside a token such as
 * an image name or a stack frame), closed with "…", and never leaving a code span open.
 */
public final class Truncate {
  /** The length the issue gives a log line or an error message. */
  public static final int LINE = 160;

  private Truncate() {}

  public static String words(String s) {
    return words(s, LINE);
  }

  public static String words(String s, int max) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    if (one.length() <= max) {
      return one;
    }
    int cut = one.lastIndexOf(' ', max);
    // A single token longer than the budget keeps its first word-character run rather than ending inside it.
    if (cut <= 0) {
      cut = max;
      while (cut > 0 && Character.isLetterOrDigit(one.charAt(cut - 1)) && Character.isLetterOrDigit(one.charAt(cut))) {
        cut--;
      }
      if (cut == 0) {
        cut = max;
      }
    }
    String head = one.substring(0, cut).stripTrailing();
    while (!head.isEmpty() && ",;:(-–—".indexOf(head.charAt(head.length() - 1)) >= 0) {
      head = head.substring(0, head.length() - 1).stripTrailing();
    }
    if (head.chars().filter(c -> c == '`').count() % 2 == 1) {
      head = head.substring(0, head.lastIndexOf('`')).stripTrailing();
    }
    return head + "…";
  }
}
