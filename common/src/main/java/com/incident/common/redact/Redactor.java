package com.incident.common.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and personal data from free text (log lines, error messages) before it leaves a tool or
 * reaches the model. Patterns err on the side of redacting: a lost log fragment is cheaper than a leaked key.
 */
public final class Redactor {

  private record Rule(String kind, Pattern pattern, int keepGroup) {}

  private static final String KEY_WORDS =
      "password|passwd|pwd|secret|token|api[_-]?key|apikey|app[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?token|session[_-]?key";

  private static final List<Rule> RULES = List.of(
      new Rule("private-key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"), 0),
      new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"), 0),
      new Rule("bearer", Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9\\-._~+/]{8,}=*"), 1),
      new Rule("github-token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\\b"), 0),
      new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
      new Rule("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA)[A-Z0-9]{16}\\b"), 0),
      new Rule("url-credentials", Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+(?=@)"), 1),
      // key=value, key: value, "key": "value", key='value' for anything that names itself a secret
      new Rule("secret", Pattern.compile("(?i)([\\w.-]*(?:" + KEY_WORDS + ")[\\w.-]*[\"']?\\s*[=:]\\s*[\"']?)(?!\\[REDACTED)[^\\s\"',;&}\\]]+"), 1),
      new Rule("email", Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b"), 0));

  private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");

  public static final Redactor DEFAULT = new Redactor();

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String keep = rule.keepGroup() > 0 ? m.group(rule.keepGroup()) : "";
        String replacement = rule.keepGroup() > 0 && rule.kind().equals("bearer")
            ? keep + " [REDACTED:" + rule.kind() + "]"
            : keep + "[REDACTED:" + rule.kind() + "]";
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return redactCards(redactAwsSecretKeys(out));
  }

  /** True when {@code text} still contains something a rule would redact. */
  public boolean containsSecret(String text) {
    return text != null && !redact(text).equals(text);
  }

  // A 40-char base64-ish run is only an AWS secret key if it mixes cases and digits; this spares hashes/ids.
  private static final Pattern FORTY_BASE64 = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

  private static String redactAwsSecretKeys(String text) {
    Matcher m = FORTY_BASE64.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String s = m.group();
      boolean looksLikeKey = s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
          && s.chars().anyMatch(Character::isDigit) && !s.matches("[0-9a-f]{40}");
      m.appendReplacement(sb, Matcher.quoteReplacement(looksLikeKey ? "[REDACTED:aws-secret-key]" : s));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String redactCards(String text) {
    Matcher m = CARD.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      boolean card = digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
      m.appendReplacement(sb, Matcher.quoteReplacement(card ? "[REDACTED:card]" : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
