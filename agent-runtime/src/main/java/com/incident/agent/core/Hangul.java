package com.incident.agent.core;

/** The language policy's test: does a human-facing text contain Korean. */
public final class Hangul {
  private Hangul() {}

  public static boolean contains(String text) {
    return text != null && text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
  }
}
