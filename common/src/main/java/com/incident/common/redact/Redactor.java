package com.incident.common.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets and personal data (Korean included) in free text. Stateless: {@link #redact(String)} replaces each
 * value with {@code [REDACTED:kind]} (for logs and tool outputs); a per-incident {@link Redactions} numbers them.
 *
 * <p>Linear time by construction, because inputs reach 250 KB (alarm descriptions, hex dumps) and the earlier
 * patterns backtracked quadratically over long runs of word characters. Every pattern obeys two rules:
 * <ol>
 *   <li>it may only start where a run of the characters it consumes starts (a negative lookbehind of that class)
 *       or at a literal anchor such as {@code ://}, so one run is scanned from one start, not from each of its
 *       positions;</li>
 *   <li>a quantifier is possessive when the next element cannot match what it consumes, and bounded where a
 *       later element must be found inside the run (key names, URL user info).</li>
 * </ol>
 * Cheap keyword lookaheads reject most positions with one character comparison. Input beyond
 * {@link #MAX_INPUT_CHARS} is dropped (and says so) before matching: it would never be read by a person or the
 * model, and scanning it is the only remaining unbounded cost. {@code RedactorStepBoundTest} holds each rule to a
 * bound of character reads per input character; {@code RedactorBench} measures the time.
 *
 * <p>Patterns err on the side of redacting a secret (a lost log fragment is cheaper than a leaked key) but
 * personal-data patterns validate structure, because operational text is full of digits: timestamps, order ids,
 * IPs, UUIDs, Kubernetes resource versions.
 */
public final class Redactor {

  /** One value to replace: {@code [start, end)} of the text given to {@link #find}. */
  public record Match(RedactionKind kind, int start, int end) {}

  /** Longer input is cut here before matching; about 2 MB of text, far above any tool output or log line we keep. */
  public static final int MAX_INPUT_CHARS = 2 * 1024 * 1024;

  /** Values already replaced upstream, which a second pass must leave alone. */
  static final String ALREADY_REDACTED = "(?!\\[REDACTED|<[^>\\s]{1,20}#\\d)";

  private static final String KEY_WORDS =
      "password|passwd|pwd|secret|token|api[_-]?key|apikey|app[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?token|session[_-]?key";
  // 암호 but not 암호화 (encryption), which names algorithms, not secrets.
  private static final String KOREAN_KEY_WORDS =
      "비밀번호|패스워드|비번|암호(?!화)|인증키|인증\\s?토큰|토큰|시크릿|API\\s?키|접속키|액세스\\s?키|보안키";
  private static final Pattern SECRET_KEY_NAME =
      Pattern.compile("(?i)(?:" + KEY_WORDS + "|" + KOREAN_KEY_WORDS + ")");
  private static final Pattern RESIDENT_CONTEXT =
      Pattern.compile("(?i)주민|외국인|등록번호|rrn|jumin|resident|ssn");

  private interface Classifier {
    /** The kind of this match, or null when it only looks like one. */
    RedactionKind classify(CharSequence text, Matcher m);
  }

  private record Rule(Set<RedactionKind> kinds, Pattern pattern, int group, Classifier classifier) {
    static Rule of(RedactionKind kind, String regex, int group) {
      return new Rule(EnumSet.of(kind), Pattern.compile(regex), group, (t, m) -> kind);
    }
  }

  /** In priority order: where two matches overlap, the earlier rule wins. */
  private static final List<Rule> RULES = List.of(
      Rule.of(RedactionKind.PRIVATE_KEY,
          "-----BEGIN [A-Z ]{0,32}PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]{0,32}PRIVATE KEY-----|$)", 0),
      Rule.of(RedactionKind.JWT,
          "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]{5,}+", 0),
      Rule.of(RedactionKind.BEARER,
          "(?i)(?<![A-Za-z0-9_])(?=[bB])(?:bearer|basic)\\s{1,8}+([A-Za-z0-9\\-._~+/]{8,}+=*+)", 1),
      Rule.of(RedactionKind.GITHUB_TOKEN,
          "(?<![A-Za-z0-9_])(?=g)(?:gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+)(?![A-Za-z0-9_])", 0),
      Rule.of(RedactionKind.SLACK_TOKEN, "(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}+", 0),
      Rule.of(RedactionKind.AWS_ACCESS_KEY,
          "(?<![A-Za-z0-9_])(?=A)(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA)[A-Z0-9]{16}(?![A-Za-z0-9_])", 0),
      // scheme://user:password@host: only the password goes; user info is bounded so "a://b:" repeated stays linear
      Rule.of(RedactionKind.URL_CREDENTIALS,
          "(?<=[A-Za-z0-9+.-])://[^/\\s:@]{1,256}+:([^/\\s@]{1,256}+)(?=@)", 1),
      // key=value, key: value, "key": "value", key='value' for anything that names itself a secret; the key stays
      Rule.of(RedactionKind.SECRET, "(?i)(?=[pstacPSTAC])(?:" + KEY_WORDS
          + ")[\\w.-]{0,64}+[\"']?\\s{0,8}+[=:]\\s{0,8}+[\"']?" + ALREADY_REDACTED + "([^\\s\"',;&}\\]]++)", 1),
      Rule.of(RedactionKind.SECRET, "(?i)(?=[비패암인토시A접액보])(?:" + KOREAN_KEY_WORDS
          + ")[가-힣A-Za-z0-9_.-]{0,16}+[\"']?\\s{0,8}+[=:：]\\s{0,8}+[\"']?" + ALREADY_REDACTED
          + "([^\\s\"',;&}\\]]++)", 1),
      // YYMMDD-GNNNNNN; G 1-4 Korean, 5-8 foreign residents. No checksum: numbers issued since Oct 2020 have none.
      new Rule(EnumSet.of(RedactionKind.RESIDENT_NUMBER, RedactionKind.FOREIGN_RESIDENT_NUMBER),
          Pattern.compile("(?<![0-9A-Za-z_.-])(\\d{2})(\\d{2})(\\d{2})(-?)([1-8])\\d{6}(?![0-9A-Za-z_-]|\\.\\d)"), 0,
          Redactor::residentNumber),
      // 010-1234-5678, 02-123-4567, 031.123.4567, +82 10 1234 5678, (02) 123-4567, 01012345678
      new Rule(EnumSet.of(RedactionKind.PHONE), Pattern.compile(
          "(?<![0-9A-Za-z_.+-])(?:(?:\\+|00)82[ .-]?(?:\\(0\\)|0)?|\\(?0)(1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)"
              + "\\)?([ .-]?)\\d{3,4}([ .-]?)\\d{4}(?![0-9A-Za-z_-]|\\.\\d)"), 0, Redactor::phone),
      // M12345678 (until 2021) and M123A4567; M/S/R/O/D = regular, travel-certificate, resident, official, diplomatic
      new Rule(EnumSet.of(RedactionKind.PASSPORT), Pattern.compile(
          "(?<![0-9A-Za-z_-])(?=[MSROD])[MSROD](?:(\\d{8})|\\d{3}[A-Z]\\d{4})(?![0-9A-Za-z_-])"), 0, Redactor::passport),
      // Account numbers have no common structure (3-2-6, 3-3-6, 4-2-7, 6-2-6, ...) and look like any id, so they
      // count only within 24 characters after a banking word: "국민은행 123456-01-123456", "계좌: 110-123-456789".
      // "accountId" is the AWS account (12 digits in every ARN and alarm), not a bank account.
      new Rule(EnumSet.of(RedactionKind.BANK_ACCOUNT), Pattern.compile(
          "(?i)(?=[은뱅계입출이송농우신새aAbB])(?:은행|뱅크|계좌|입금|출금|이체|송금|농협|우체국|신협|새마을금고|account(?![_ -]?id)|acct|bank)"
              + "[^0-9\\n]{0,24}+(\\d{2,6}(?:-\\d{2,7}){1,3}|\\d{10,14})(?![0-9A-Za-z_-]|\\.\\d)"), 1,
          Redactor::bankAccount),
      new Rule(EnumSet.of(RedactionKind.EMAIL), Pattern.compile(
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]{1,63}+(?:\\.[A-Za-z0-9-]{1,63}+)++"), 0,
          Redactor::email),
      // Bounded by non-alphanumerics: digit runs inside UUIDs and hex ids ("58090583-5168-4aae-...") pass Luhn often
      // enough to corrupt trace ids in evidence and the suite's own incident ids.
      new Rule(EnumSet.of(RedactionKind.CARD), Pattern.compile(
          "(?<![0-9A-Za-z_-])(?:\\d[ -]?){12,18}\\d(?![0-9A-Za-z_-])"), 0, Redactor::card),
      // A 40-char base64-ish run is only an AWS secret key if it mixes cases and digits; this spares hashes/ids.
      new Rule(EnumSet.of(RedactionKind.AWS_SECRET_KEY), Pattern.compile(
          "(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"), 0, Redactor::awsSecretKey));

  public static final Redactor DEFAULT = new Redactor(EnumSet.allOf(RedactionKind.class));

  private final Set<RedactionKind> kinds;
  private final List<Rule> rules;

  private Redactor(Set<RedactionKind> kinds) {
    this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    this.rules = RULES.stream().filter(r -> r.kinds().stream().anyMatch(kinds::contains)).toList();
  }

  /** A redactor for some kinds only (benchmarks, tests, a caller that wants e.g. secrets but not emails). */
  public static Redactor of(RedactionKind first, RedactionKind... rest) {
    return new Redactor(EnumSet.of(first, rest));
  }

  public Set<RedactionKind> kinds() {
    return kinds;
  }

  public String redact(String text) {
    return redact(text, (kind, value) -> "[REDACTED:" + kind.id() + "]");
  }

  /** Replaces every value found in {@code text} with {@code replacement.apply(kind, value)}. */
  public String redact(String text, BiFunction<RedactionKind, String, String> replacement) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String input = capped(text);
    List<Match> matches = find(input);
    if (matches.isEmpty()) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length());
    int at = 0;
    for (Match m : matches) {
      out.append(input, at, m.start()).append(replacement.apply(m.kind(), input.substring(m.start(), m.end())));
      at = m.end();
    }
    return out.append(input, at, input.length()).toString();
  }

  /** True when {@code text} still contains something a rule would redact. */
  public boolean containsSecret(String text) {
    return text != null && !find(capped(text)).isEmpty();
  }

  /** True when a field of this name holds a secret whatever its value looks like ({@code "password": "x"}). */
  public static boolean isSecretKeyName(String name) {
    return name != null && name.length() <= 128 && SECRET_KEY_NAME.matcher(name).find();
  }

  /** The values in {@code text}, non-overlapping and in order; where rules overlap the higher-priority one wins. */
  public List<Match> find(CharSequence text) {
    List<Match> all = new ArrayList<>();
    for (int priority = 0; priority < rules.size(); priority++) {
      Rule rule = rules.get(priority);
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        RedactionKind kind = rule.classifier().classify(text, m);
        if (kind != null && kinds.contains(kind) && m.end(rule.group()) > m.start(rule.group())) {
          all.add(new Match(kind, m.start(rule.group()), m.end(rule.group())));
        }
      }
    }
    return nonOverlapping(all);
  }

  // Accept by priority (rule order = order of insertion), then report by position.
  private static List<Match> nonOverlapping(List<Match> byPriority) {
    TreeMap<Integer, Match> accepted = new TreeMap<>();
    for (Match m : byPriority) {
      var before = accepted.floorEntry(m.start());
      if (before != null && before.getValue().end() > m.start()) {
        continue;
      }
      var after = accepted.ceilingEntry(m.start());
      if (after != null && after.getKey() < m.end()) {
        continue;
      }
      accepted.put(m.start(), m);
    }
    List<Match> out = new ArrayList<>(accepted.values());
    out.sort(Comparator.comparingInt(Match::start));
    return out;
  }

  static String capped(String text) {
    if (text.length() <= MAX_INPUT_CHARS) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(MAX_INPUT_CHARS - 1)) ? MAX_INPUT_CHARS - 1 : MAX_INPUT_CHARS;
    return text.substring(0, cut) + " …[" + (text.length() - cut) + " chars dropped unscanned]";
  }

  private static RedactionKind residentNumber(CharSequence text, Matcher m) {
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (!validDate(month, day)) {
      return null;
    }
    // Without the hyphen, 13 digits from 10... to 20... are as likely epoch milliseconds (2001-2033).
    if (m.group(4).isEmpty()) {
      int yy = Integer.parseInt(m.group(1));
      if (yy >= 10 && yy <= 20 && !RESIDENT_CONTEXT.matcher(before(text, m.start(), 24)).find()) {
        return null;
      }
    }
    return m.group(5).charAt(0) <= '4' ? RedactionKind.RESIDENT_NUMBER : RedactionKind.FOREIGN_RESIDENT_NUMBER;
  }

  private static RedactionKind phone(CharSequence text, Matcher m) {
    boolean international = m.group().startsWith("+") || m.group().startsWith("00");
    boolean separated = !m.group(2).isEmpty() || !m.group(3).isEmpty();
    // Unseparated national digits only for mobile numbers: a bare 02/031... run is as likely an id.
    if (!separated && !international && !m.group(1).startsWith("1")) {
      return null;
    }
    return RedactionKind.PHONE;
  }

  private static RedactionKind passport(CharSequence text, Matcher m) {
    String digits = m.group(1);
    // R20241129, D19991231: build and release ids carry dates; passport numbers do not.
    if (digits != null && (digits.startsWith("19") || digits.startsWith("20"))
        && validDate(Integer.parseInt(digits.substring(4, 6)), Integer.parseInt(digits.substring(6, 8)))) {
      return null;
    }
    return RedactionKind.PASSPORT;
  }

  private static RedactionKind bankAccount(CharSequence text, Matcher m) {
    String number = m.group(1);
    String digits = number.replace("-", "");
    if (digits.length() < 10 || digits.length() > 14) {
      return null;
    }
    if (number.indexOf('-') < 0) {
      if (looksLikeTimestamp(digits)) {
        return null;
      }
    } else {
      String[] groups = number.split("-");
      // 2026-11-29-1230: a date written with hyphens, not an account
      if (groups[0].length() == 4 && (groups[0].startsWith("19") || groups[0].startsWith("20"))
          && groups[1].length() == 2 && Integer.parseInt(groups[1]) >= 1 && Integer.parseInt(groups[1]) <= 12) {
        return null;
      }
    }
    return RedactionKind.BANK_ACCOUNT;
  }

  private static RedactionKind email(CharSequence text, Matcher m) {
    String s = m.group();
    String tld = s.substring(s.lastIndexOf('.') + 1);
    return tld.length() >= 2 && tld.chars().allMatch(c -> c < 128 && Character.isLetter(c)) ? RedactionKind.EMAIL : null;
  }

  private static RedactionKind card(CharSequence text, Matcher m) {
    String digits = m.group().replaceAll("[ -]", "");
    if (digits.length() < 13 || digits.length() > 19 || !luhn(digits)) {
      return null;
    }
    char first = digits.charAt(0);
    // No payment card starts with 0, 1 or 7-8; 2-series Mastercards are 16 digits (spares 14-digit timestamps).
    if (first == '0' || first == '1' || first == '7' || first == '8' || (first == '2' && digits.length() != 16)) {
      return null;
    }
    return RedactionKind.CARD;
  }

  private static RedactionKind awsSecretKey(CharSequence text, Matcher m) {
    String s = m.group();
    boolean looksLikeKey = s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
        && s.chars().anyMatch(Character::isDigit);
    return looksLikeKey ? RedactionKind.AWS_SECRET_KEY : null;
  }

  private static boolean looksLikeTimestamp(String digits) {
    return switch (digits.length()) {
      // epoch seconds / milliseconds of 2014-2036; older ones (1002-... is a 우리은행 prefix) are accounts
      case 10, 13 -> digits.compareTo("14") >= 0 && digits.compareTo("21") < 0;
      case 12, 14 -> (digits.startsWith("19") || digits.startsWith("20"))
          && validDate(Integer.parseInt(digits.substring(4, 6)), Integer.parseInt(digits.substring(6, 8)));
      default -> false;
    };
  }

  private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private static boolean validDate(int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= DAYS[month - 1];
  }

  private static CharSequence before(CharSequence text, int end, int window) {
    return text.subSequence(Math.max(0, end - window), end);
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
