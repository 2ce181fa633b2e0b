package com.incident.common.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Escaping for values that come from outside (alarm fields, log lines, tool output, model text) where they are
 * rendered into GitHub Markdown, tables and Mermaid. One function per context; our own markup is written
 * around the escaped value, never inside it.
 *
 * <p>Policy, the same in every context that GitHub post-processes (text, table cells, link text):
 * <ul>
 *   <li>Inline values are one line: line breaks (including U+2028/U+2029, NEL and lone CR) become a space, so a
 *       value never starts a block (heading, list, quote, table row, fence, HTML block).
 *   <li>Inline Markdown syntax is backslash-escaped ({@code \ ` * _ [ ] < | ~ & $}); block markers
 *       ({@code # - + = >}, {@code 1.}, {@code 1)}) are escaped where the value starts.
 *   <li>GitHub links mentions, issue references and bare URLs in the rendered text, after backslash escapes are
 *       gone, so a backslash cannot stop them. A zero-width joiner (U+200D) goes right after every {@code @}
 *       (no {@code @user}, {@code @org/team}, {@code @everyone}, no e-mail autolink), after a {@code #} followed
 *       by a letter or digit and after the {@code -} of {@code GH-1} (no issue reference), between {@code :} and
 *       {@code //} and between {@code www} and {@code .} (no bare-URL autolink). The reader sees the same text.
 *       Code spans and code blocks need none of this: GitHub processes nothing inside them.
 *   <li>Bidirectional overrides and other invisible control characters are removed everywhere, so what a
 *       reader sees is what the text says.
 * </ul>
 */
public final class Markdown {
  /** Zero-width joiner: invisible, and breaks GitHub's mention/reference/autolink patterns. */
  public static final char ZWJ = '\u200D';

  /** Single characters and possessive runs only: linear on any input (tool output can be megabytes). */
  private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]");
  private static final Pattern SPACES = Pattern.compile("[\\t\\x0B\\f ]++");
  /** C0/C1 controls except tab and line breaks, bidi embeddings/overrides/isolates, BOM. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\x00-\\x08\\x0E-\\x1F\\x7F\\x80-\\x84\\x86-\\x9F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
  private static final Pattern ISSUE_REF = Pattern.compile("#(?=[\\p{L}\\p{N}])");
  private static final Pattern GH_REF = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(GH-)(?=\\p{N})");
  private static final Pattern SCHEME = Pattern.compile(":(?=//)");
  private static final Pattern WWW = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(www)(?=\\.)");
  private static final Pattern ORDERED_START = Pattern.compile("^(\\p{N}{1,9})([.)])");
  private static final String INLINE_SPECIALS = "\\`*_[]<|~&$";
  private static final String BLOCK_START_SPECIALS = "#-+=>";
  private static final Set<String> MERMAID_KEYWORDS = Set.of("title", "section", "acctitle", "accdescr", "timeline",
      "gantt", "dateformat", "axisformat", "tickinterval", "excludes", "includes", "todaymarker", "weekday",
      "weekend", "end", "click", "style", "classdef", "class", "linkstyle", "subgraph", "direction", "graph",
      "flowchart", "call", "href");

  private Markdown() {}

  /** A value inside prose, a list item or a heading: one line, no Markdown or GitHub syntax survives. */
  public static String text(String value) {
    String v = oneLine(value);
    if (v.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(v.length() + 16);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (INLINE_SPECIALS.indexOf(c) >= 0 || (i == 0 && BLOCK_START_SPECIALS.indexOf(c) >= 0)) {
        b.append('\\');
      }
      b.append(c);
      if (c == '@') {
        b.append(ZWJ);
      }
    }
    String s = ORDERED_START.matcher(b).replaceFirst("$1\\\\$2");
    s = ISSUE_REF.matcher(s).replaceAll("#" + ZWJ);
    s = GH_REF.matcher(s).replaceAll("$1" + ZWJ);
    s = SCHEME.matcher(s).replaceAll(":" + ZWJ);
    return WWW.matcher(s).replaceAll("$1" + ZWJ);
  }

  /** A GFM table cell: {@link #text} (which escapes {@code |}), and {@code -} for an empty value. */
  public static String cell(String value) {
    String t = text(value);
    return t.isEmpty() ? "-" : t;
  }

  /**
   * An inline code span outside tables: the fence is one backtick longer than the longest run in the value,
   * padded with a space when the value begins or ends with a backtick. {@code -} for an empty value.
   */
  public static String code(String value) {
    String v = oneLine(value);
    if (v.isEmpty()) {
      return "-";
    }
    String fence = "`".repeat(longestRun(v, '`') + 1);
    String pad = v.startsWith("`") || v.endsWith("`") ? " " : "";
    return fence + pad + v + pad + fence;
  }

  /**
   * Inline code inside a GFM table cell. A pipe would end the cell even inside a code span, and table parsers
   * disagree on a backslash before it, so a value with a pipe is rendered as escaped text instead.
   */
  public static String codeCell(String value) {
    return oneLine(value).indexOf('|') >= 0 ? cell(value) : code(value);
  }

  /**
   * A fenced code block, ending with a newline: the fence is longer than any backtick run in the value, so no
   * line of the value can close it. {@code info} keeps only letters, digits, {@code -}, {@code _} and {@code +}.
   */
  public static String codeBlock(String value, String info) {
    String v = value == null ? "" : INVISIBLE.matcher(value).replaceAll("").replace("\r\n", "\n");
    v = LINE_BREAK.matcher(v).replaceAll("\n");
    String fence = "`".repeat(Math.max(3, longestRun(v, '`') + 1));
    String lang = info == null ? "" : info.replaceAll("[^A-Za-z0-9_+-]", "");
    return fence + lang + "\n" + v + (v.isEmpty() || v.endsWith("\n") ? "" : "\n") + fence + "\n";
  }

  /**
   * A label in a Mermaid timeline or gantt line (both line-based): one line; the characters that separate
   * entries, end statements, start comments or directives, quote, or form arrows, entities and HTML
   * ({@code :;#%"<>&`{}|\}) become Mermaid entity codes ({@code #35;} for {@code #}). Mermaid replaces
   * {@code #<digits>;} before it parses a diagram and puts the character back in the rendered SVG, so the reader
   * sees {@code #} while the timeline lexer (where {@code #} starts a comment and {@code :} separates events) never
   * does. A leading keyword ({@code section}, {@code title}, {@code end}, ...) gets a zero-width joiner so it stays
   * text. {@code -} for an empty value.
   */
  public static String mermaidLabel(String value) {
    String v = oneLine(value);
    if (v.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (":;#%\"<>&`{}|\\".indexOf(c) >= 0) {
        b.append('#').append((int) c).append(';');
      } else {
        b.append(c);
      }
    }
    int wordEnd = 0;
    while (wordEnd < b.length() && Character.isLetter(b.charAt(wordEnd))) {
      wordEnd++;
    }
    if (wordEnd > 0 && MERMAID_KEYWORDS.contains(b.substring(0, wordEnd).toLowerCase(Locale.ROOT))) {
      b.insert(1, ZWJ);
    }
    return b.toString();
  }

  /**
   * A link whose destination must be https on an allowed host (the host itself or a subdomain of it). The text
   * is escaped; a destination that is not allowed yields the escaped text without a link.
   */
  public static String link(String text, String url, Collection<String> allowedHosts) {
    String label = text(text);
    if (url == null) {
      return label;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return label;
    }
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    boolean allowed = "https".equalsIgnoreCase(uri.getScheme()) && host != null && uri.getUserInfo() == null
        && allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).anyMatch(h -> host.equals(h) || host.endsWith("." + h));
    // The pointed-bracket form takes parentheses in the URL (console fragments use them) without escaping.
    return allowed ? "[" + label + "](<" + uri.toASCIIString().replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C") + ">)" : label;
  }

  /** Invisible characters removed, every run of whitespace including line breaks made one space, trimmed. */
  public static String oneLine(String value) {
    if (value == null) {
      return "";
    }
    String v = INVISIBLE.matcher(value).replaceAll("");
    v = LINE_BREAK.matcher(v).replaceAll(" ");
    return SPACES.matcher(v).replaceAll(" ").strip();
  }

  private static int longestRun(String s, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = s.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
