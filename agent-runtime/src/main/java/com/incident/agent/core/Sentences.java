package com.incident.agent.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Sentences of a Korean text, so that one comment never says the same thing twice. */
public final class Sentences {
  private Sentences() {}

  /** The sentences of {@code text}: split after . ! ? or 。 followed by a space or the end, trimmed, non-empty. */
  public static List<String> of(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.split("(?<=[.!?。])\\s+")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  /** Whether any sentence of {@code b} is also a sentence of {@code a} (ignoring case, spacing and final punctuation). */
  public static boolean overlap(String a, String b) {
    Set<String> seen = of(a).stream().map(Sentences::key).collect(Collectors.toSet());
    return of(b).stream().map(Sentences::key).anyMatch(seen::contains);
  }

  static String key(String sentence) {
    return sentence.toLowerCase(Locale.ROOT).replaceAll("[\\s.!?。]+", "");
  }
}
