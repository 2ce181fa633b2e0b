package com.incident.common.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query of a request a test server received, decoded the way a form-encoding client sent it ({@code %XX} as
 * UTF-8, {@code +} as a space). A name without {@code =} has the empty value; a pair without a name is dropped.
 *
 * @param values every value of each name, in the order of the query
 */
public record QueryString(Map<String, List<String>> values) {
  public static final QueryString EMPTY = new QueryString(Map.of());

  public QueryString {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((name, all) -> copy.put(name, List.copyOf(all)));
    values = Collections.unmodifiableMap(copy);
  }

  /** {@code raw}: the query as it came, still percent-encoded ({@code URI#getRawQuery}); null is the empty query. */
  public static QueryString parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (!name.isEmpty()) {
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return new QueryString(values);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The first value of {@code name}, null when the query lacks it. */
  public String get(String name) {
    return getOrDefault(name, null);
  }

  public String getOrDefault(String name, String fallback) {
    List<String> all = values.get(name);
    return all == null ? fallback : all.getFirst();
  }

  /** Every value of {@code name} in query order; empty when the query lacks it. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
