package com.incident.agent.core;

import java.util.Locale;

/** Korean text helpers: the language policy's test, and particles chosen from the word they follow. */
public final class Hangul {
  private Hangul() {}

  public static boolean contains(String text) {
    return text != null && text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
  }

  /** A particle pair: the form after a final consonant, and the form after a vowel. */
  public enum Particle {
    SUBJECT("이", "가"), OBJECT("을", "를"), TOPIC("은", "는"), AND("과", "와"), DIRECTION("으로", "로");

    private final String afterConsonant;
    private final String afterVowel;

    Particle(String afterConsonant, String afterVowel) {
      this.afterConsonant = afterConsonant;
      this.afterVowel = afterVowel;
    }
  }

  /** {@code word} followed by the particle its last sound takes: {@code 노드가}, {@code 이미지를}, {@code rev 7로}. */
  public static String with(String word, Particle p) {
    return word + particle(word, p);
  }

  public static String particle(String word, Particle p) {
    Coda coda = coda(word);
    if (p == Particle.DIRECTION) {
      return coda == Coda.CONSONANT ? p.afterConsonant : p.afterVowel;
    }
    return coda == Coda.VOWEL ? p.afterVowel : p.afterConsonant;
  }

  private enum Coda { VOWEL, RIEUL, CONSONANT }

  /**
   * The final sound of a word as Korean reads it: the last Hangul syllable's batchim; digits as read in Sino-Korean
   * (1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영); Latin letters by their usual reading (…m, …n, …ng, …ck end in a consonant, …l in ㄹ; …t as 트).
   * Closing quotes, brackets and backticks are skipped.
   */
  private static Coda coda(String word) {
    String w = word == null ? "" : word.strip();
    int i = w.length() - 1;
    while (i >= 0 && "`'\")]}>*_ ".indexOf(w.charAt(i)) >= 0) {
      i--;
    }
    if (i < 0) {
      return Coda.VOWEL;
    }
    char c = w.charAt(i);
    if (c >= 0xAC00 && c <= 0xD7A3) {
      int jong = (c - 0xAC00) % 28;
      return jong == 0 ? Coda.VOWEL : jong == 8 ? Coda.RIEUL : Coda.CONSONANT;
    }
    if (Character.isDigit(c)) {
      return switch (c) {
        case '1', '7', '8' -> Coda.RIEUL;
        case '0', '3', '6' -> Coda.CONSONANT;
        default -> Coda.VOWEL;
      };
    }
    String tail = w.substring(0, i + 1).toLowerCase(Locale.ROOT);
    if (tail.endsWith("%")) {
      return Coda.VOWEL; // 퍼센트
    }
    if (tail.endsWith("l")) {
      return Coda.RIEUL;
    }
    if (tail.endsWith("m") || tail.endsWith("n") || tail.endsWith("ng") || tail.endsWith("ck")) {
      return Coda.CONSONANT;
    }
    return Coda.VOWEL;
  }
}
