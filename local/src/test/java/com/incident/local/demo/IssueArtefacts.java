package com.incident.local.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template artefacts a person must never read in a rendered issue: particle seams such as {@code 이(가)},
 * {@code null}/{@code NaN}/{@code Infinity}, unfilled placeholders, English sentences, bare two-decimal numbers and a
 * sentence said twice in one comment. Only prose counts: code spans and blocks, links, URLs, HTML comments and tags
 * (the analysis JSON sits in a code block) are what they quote, not what the suite says.
 */
final class IssueArtefacts {
  /** One artefact: where (body, comment n), what kind, and the text around it. */
  record Finding(String where, String kind, String excerpt) {
    @Override
    public String toString() {
      return where + " · " + kind + ": " + excerpt;
    }
  }

  private static final Pattern FENCED = Pattern.compile("(?ms)^(`{3,}|~{3,})[^\\n]*\\n.*?^\\1[ \\t]*$");
  private static final Pattern HTML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>");
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\((?:<[^>]*>|[^)\\s]*)\\)");
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp)://\\S+");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");

  private static final Map<String, Pattern> PROSE_CHECKS = new LinkedHashMap<>();

  static {
    PROSE_CHECKS.put("particle seam", Pattern.compile("이\\(가\\)|가\\(이\\)|을\\(를\\)|를\\(을\\)|은\\(는\\)|는\\(은\\)|와\\(과\\)|과\\(와\\)|\\(으\\)로|으로\\(로\\)"));
    PROSE_CHECKS.put("null/NaN/Infinity", Pattern.compile("(?<![\\p{L}\\p{N}_])(?:null|NaN|-?Infinity)(?![\\p{L}\\p{N}_])"));
    PROSE_CHECKS.put("unfilled placeholder", Pattern.compile("\\{}|%[sdf]\\b|\\$\\{|\\{\\d+}"));
    PROSE_CHECKS.put("English sentence", Pattern.compile(
        "(?<![\\p{L}\\p{N}_./-])[A-Za-z]+(?:[,;:]?[ \\t]+[A-Za-z]+){3,}(?![\\p{L}\\p{N}_/-])"));
    PROSE_CHECKS.put("two decimals without unit", Pattern.compile(
        "(?<![\\p{N}.$])\\d+\\.\\d{2}(?![\\p{N}.])(?![ \\t]?(?:%|MiB|GiB|KiB|ms\\b|s\\b|초|분|건|회|개|m\\b|vCPU|코어))"));
  }

  private IssueArtefacts() {}

  /** Every artefact of an issue: its body and each comment, each scanned as one unit. */
  static List<Finding> scan(String body, List<String> comments) {
    List<Finding> out = new ArrayList<>(scan("body", body));
    for (int i = 0; i < comments.size(); i++) {
      out.addAll(scan("comment " + (i + 1), comments.get(i)));
    }
    return out;
  }

  static List<Finding> scan(String where, String markdown) {
    String prose = prose(markdown);
    List<Finding> out = new ArrayList<>();
    PROSE_CHECKS.forEach((kind, pattern) -> {
      Matcher m = pattern.matcher(prose);
      while (m.find()) {
        out.add(new Finding(where, kind, around(prose, m.start(), m.end())));
      }
    });
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (String sentence : sentences(prose)) {
      String key = sentence.toLowerCase(Locale.ROOT).replaceAll("[\\s.!?]+", "");
      if (seen.merge(key, 1, Integer::sum) == 2) {
        out.add(new Finding(where, "repeated sentence", sentence));
      }
    }
    return out;
  }

  /** What the suite itself says: the Markdown without what it quotes (code, links, URLs, HTML), unescaped. */
  static String prose(String markdown) {
    String s = markdown == null ? "" : markdown.replace("\u200D", "");
    s = FENCED.matcher(s).replaceAll("\n");
    s = HTML_COMMENT.matcher(s).replaceAll(" ");
    s = HTML_TAG.matcher(s).replaceAll(" ");
    s = LINK.matcher(s).replaceAll(" ");
    s = URL.matcher(s).replaceAll(" ");
    s = withoutCodeSpans(s);
    return ESCAPE.matcher(s).replaceAll("$1");
  }

  /** Removes inline code spans (a run of n backticks up to the next run of exactly n), leaving escaped ones. */
  private static String withoutCodeSpans(String s) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        b.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c != '`') {
        b.append(c);
        i++;
        continue;
      }
      int run = i;
      while (run < s.length() && s.charAt(run) == '`') {
        run++;
      }
      String fence = s.substring(i, run);
      int close = closing(s, run, fence);
      if (close < 0) {
        b.append(fence);
        i = run;
      } else {
        b.append(" ⟨code⟩ ");
        i = close + fence.length();
      }
    }
    return b.toString();
  }

  private static int closing(String s, int from, String fence) {
    int at = s.indexOf(fence, from);
    while (at >= 0) {
      boolean exact = (at + fence.length() >= s.length() || s.charAt(at + fence.length()) != '`');
      if (exact) {
        return at;
      }
      at = s.indexOf(fence, at + fence.length() + 1);
    }
    return -1;
  }

  /** Full sentences of the prose (ending in . ! ?), long enough to be more than a label. */
  private static List<String> sentences(String prose) {
    List<String> out = new ArrayList<>();
    for (String line : prose.split("\n")) {
      if (line.strip().startsWith("|")) {
        continue; // table rows repeat their key column by design
      }
      for (String part : line.split("(?<=[.!?])\\s+")) {
        // A list marker or a short label ("근거:") does not make a sentence new.
        String p = part.strip().replaceAll("^[-*>\\d.\\s\\[\\]]+", "").replaceAll("^[^\\s:]{1,8}:\\s+", "");
        if (p.length() >= 12 && p.matches(".*[.!?]$") && p.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static String around(String s, int start, int end) {
    return s.substring(Math.max(0, start - 30), Math.min(s.length(), end + 30)).replace('\n', ' ');
  }
}
