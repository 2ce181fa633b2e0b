package com.incident.tools.opensearch;

import com.incident.common.tool.ToolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of Lucene's query_string syntax that log searches use, evaluated in memory so the sandbox answers like
 * OpenSearch: terms, "phrases", {@code field:value}, trailing {@code *} wildcards, AND/OR/NOT, {@code +}/{@code -},
 * parentheses, and numeric ranges on the status field and on {@link LogEvent#numbers} ({@code status:[500 TO 599]},
 * {@code latency_ms:>=500}). Text is tokenised roughly
 * like the standard analyzer; {@code field<keywordSuffix>} compares the whole value exactly.
 */
final class QueryStringMatcher {
  private final LogSchema schema;
  private final List<String> tokens;
  private int pos;

  private QueryStringMatcher(LogSchema schema, String query) {
    this.schema = schema;
    this.tokens = lex(query);
  }

  static Predicate<LogEvent> parse(LogSchema schema, String query) {
    QueryStringMatcher p = new QueryStringMatcher(schema, query);
    if (p.tokens.isEmpty()) {
      return e -> true;
    }
    Predicate<LogEvent> result = p.or();
    if (p.pos < p.tokens.size()) {
      throw syntax("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return result;
  }

  private Predicate<LogEvent> or() {
    Predicate<LogEvent> left = and();
    while (peek("OR") || peek("||")) {
      pos++;
      left = left.or(and());
    }
    return left;
  }

  private Predicate<LogEvent> and() {
    Predicate<LogEvent> left = unary();
    while (pos < tokens.size() && !peek(")") && !peek("OR") && !peek("||")) {
      if (peek("AND") || peek("&&")) {
        pos++;
      }
      left = left.and(unary());
    }
    return left;
  }

  private Predicate<LogEvent> unary() {
    if (peek("NOT") || peek("-") || peek("!")) {
      pos++;
      return unary().negate();
    }
    if (peek("+")) {
      pos++;
    }
    return primary();
  }

  private Predicate<LogEvent> primary() {
    if (pos >= tokens.size()) {
      throw syntax("query ends where a term was expected");
    }
    String t = tokens.get(pos++);
    if (t.equals("(")) {
      Predicate<LogEvent> inner = or();
      if (!peek(")")) {
        throw syntax("missing ')'");
      }
      pos++;
      return inner;
    }
    if (t.equals(")") || t.equals("AND") || t.equals("OR")) {
      throw syntax("unexpected '" + t + "'");
    }
    int colon = fieldSeparator(t);
    if (colon < 0) {
      return e -> anyField(e, t);
    }
    String field = t.substring(0, colon);
    String value = t.substring(colon + 1);
    if (value.isEmpty() && pos < tokens.size() && (peek("(") || tokens.get(pos).startsWith("\""))) {
      value = tokens.get(pos++);
      if (value.equals("(")) {
        List<String> alternatives = new ArrayList<>();
        while (pos < tokens.size() && !peek(")")) {
          String v = tokens.get(pos++);
          if (!v.equals("OR")) {
            alternatives.add(v);
          }
        }
        if (!peek(")")) {
          throw syntax("missing ')'");
        }
        pos++;
        List<Predicate<LogEvent>> options = alternatives.stream().map(v -> fieldPredicate(field, v)).toList();
        return e -> options.stream().anyMatch(p -> p.test(e));
      }
    }
    if (value.isEmpty()) {
      throw syntax("field '" + field + "' has no value");
    }
    return fieldPredicate(field, value);
  }

  private Predicate<LogEvent> fieldPredicate(String field, String value) {
    if (value.startsWith("[") || value.startsWith("{") || value.startsWith(">") || value.startsWith("<")) {
      return range(field, value);
    }
    boolean exact = !schema.keywordSuffix().isEmpty() && field.endsWith(schema.keywordSuffix());
    String base = exact ? field.substring(0, field.length() - schema.keywordSuffix().length()) : field;
    return e -> {
      for (String v : values(e, base)) {
        if (exact ? exactMatch(v, unquote(value)) : textMatch(v, value)) {
          return true;
        }
      }
      return false;
    };
  }

  private Predicate<LogEvent> range(String field, String value) {
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    boolean loIncl = true;
    boolean hiIncl = true;
    if (value.startsWith(">=")) {
      lo = number(value.substring(2));
    } else if (value.startsWith(">")) {
      lo = number(value.substring(1));
      loIncl = false;
    } else if (value.startsWith("<=")) {
      hi = number(value.substring(2));
    } else if (value.startsWith("<")) {
      hi = number(value.substring(1));
      hiIncl = false;
    } else {
      String[] parts = value.substring(1, value.length() - 1).split("\\s+TO\\s+");
      if (parts.length != 2 || !(value.endsWith("]") || value.endsWith("}"))) {
        throw syntax("malformed range '" + value + "'");
      }
      loIncl = value.startsWith("[");
      hiIncl = value.endsWith("]");
      lo = parts[0].equals("*") ? lo : number(parts[0]);
      hi = parts[1].equals("*") ? hi : number(parts[1]);
    }
    double l = lo;
    double h = hi;
    boolean li = loIncl;
    boolean hiI = hiIncl;
    return e -> {
      Double v = e.number(schema, field);
      return v != null && (li ? v >= l : v > l) && (hiI ? v <= h : v < h);
    };
  }

  private List<String> values(LogEvent e, String field) {
    if (schema.messages().contains(field)) {
      return nonNull(e.message());
    }
    if (field.equals(schema.level())) {
      return nonNull(e.level());
    }
    if (field.equals(schema.service())) {
      return nonNull(e.service());
    }
    if (field.equals(schema.pod())) {
      return nonNull(e.pod());
    }
    if (field.equals(schema.namespace())) {
      return nonNull(e.namespace());
    }
    Double number = e.number(schema, field);
    if (number == null) {
      return List.of();
    }
    return List.of(number % 1 == 0 ? String.valueOf(number.longValue()) : number.toString());
  }

  private boolean anyField(LogEvent e, String value) {
    for (String v : List.of(nz(e.message()), nz(e.level()), nz(e.service()), nz(e.pod()), nz(e.namespace()),
        e.status() == null ? "" : String.valueOf(e.status()))) {
      if (textMatch(v, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean exactMatch(String actual, String expected) {
    if (expected.endsWith("*")) {
      return actual.startsWith(expected.substring(0, expected.length() - 1));
    }
    return actual.equals(expected);
  }

  /** Every analysed token of the query value appears, consecutively, among the analysed tokens of the text. */
  private static boolean textMatch(String text, String value) {
    if (value.equals("*")) {
      return true;
    }
    boolean prefix = !value.startsWith("\"") && value.endsWith("*");
    List<String> wanted = analyze(prefix ? value.substring(0, value.length() - 1) : unquote(value));
    if (wanted.isEmpty()) {
      return false;
    }
    List<String> have = analyze(text);
    for (int i = 0; i + wanted.size() <= have.size(); i++) {
      boolean all = true;
      for (int j = 0; j < wanted.size() && all; j++) {
        boolean last = j == wanted.size() - 1;
        all = prefix && last ? have.get(i + j).startsWith(wanted.get(j)) : have.get(i + j).equals(wanted.get(j));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  static List<String> analyze(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_.']+"))
        .map(s -> s.replaceAll("^[.']+|[.']+$", ""))
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static int fieldSeparator(String t) {
    if (t.startsWith("\"")) {
      return -1;
    }
    int i = t.indexOf(':');
    return i > 0 ? i : -1;
  }

  private boolean peek(String s) {
    return pos < tokens.size() && tokens.get(pos).equals(s);
  }

  private static List<String> lex(String q) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if ((c == '-' || c == '+' || c == '!') && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))) {
        out.add(String.valueOf(c));
        i++;
      } else {
        StringBuilder sb = new StringBuilder();
        char closing = 0;
        while (i < q.length()) {
          char d = q.charAt(i);
          if (closing == 0 && (Character.isWhitespace(d) || d == ')' || (d == '(' && !sb.isEmpty()))) {
            break;
          }
          if (closing == 0 && (d == '"' || d == '[' || d == '{')) {
            closing = d == '"' ? '"' : d == '[' ? ']' : '}';
            sb.append(d);
            i++;
            if (d != '"') {
              continue;
            }
            continue;
          }
          if (closing != 0 && (d == closing || (closing == ']' && d == '}') || (closing == '}' && d == ']'))) {
            closing = 0;
          }
          sb.append(d);
          i++;
        }
        if (closing != 0) {
          throw syntax(closing == '"' ? "unclosed quote" : "unclosed range");
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw syntax("'" + s + "' is not a number");
    }
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  private static List<String> nonNull(String v) {
    return v == null ? List.of() : List.of(v);
  }

  private static String nz(String v) {
    return v == null ? "" : v;
  }

  private static ToolException syntax(String detail) {
    return new ToolException("Query syntax error: " + detail
        + ". Use Lucene query_string syntax, e.g. level:ERROR AND \"connection refused\"");
  }
}
