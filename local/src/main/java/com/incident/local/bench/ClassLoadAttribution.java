package com.incident.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an unprimed cold start goes, by library, from the JVM's class-load log ({@code -Xlog:class+load:file=...:
 * uptimenanos}) of one probe run. A cold path is mostly loading and initialising classes, each library's in turn, so
 * the time from one class load to the next is charged to the library of the class loaded next: the code that ran
 * in between is, in the large, what needed it. Loads before the probe's main belong to JVM start-up, and the time
 * after the last load (the request itself, warm by then) is charged as such. A measurement of where the time
 * passes, not a profile: a library's figure includes the JDK code it calls only when that code loads no class.
 */
record ClassLoadAttribution(List<Share> shares, long totalMs) {

  /** One library's part of the cold path. */
  record Share(String library, long ms, int classes) {}

  private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: ");
  static final String START_UP = "JVM start-up (before main)";
  static final String BEFORE_REQUEST = "start-up, init and priming (before the request)";
  static final String AFTER_LAST_LOAD = "code after the last class load";

  /**
   * The package prefixes of the libraries the function jars hold, most specific first; the JDK's own classes are
   * split by what uses them (HTTP client, TLS and crypto), the rest of a class name falls to its first two segments.
   */
  private static final Map<String, String> LIBRARIES = libraries(
      "software.amazon.awssdk.", "AWS SDK for Java v2",
      "software.amazon.lambda.powertools.", "Powertools for AWS Lambda",
      "software.amazon.cloudwatchlogs.emf.", "Powertools for AWS Lambda",
      "com.amazonaws.services.lambda.", "Lambda runtime interfaces",
      "com.fasterxml.jackson.", "Jackson",
      "org.apache.logging.log4j.", "Log4j 2 (Powertools logging)",
      "org.slf4j.", "Log4j 2 (Powertools logging)",
      "com.nimbusds.", "Nimbus JOSE+JWT",
      "io.fabric8.", "fabric8 Kubernetes client",
      "io.modelcontextprotocol.", "MCP Java SDK + Reactor",
      "reactor.", "MCP Java SDK + Reactor",
      "org.reactivestreams.", "MCP Java SDK + Reactor",
      "org.kohsuke.github.", "github-api",
      "com.networknt.", "JSON Schema validator",
      "org.opensearch.", "opensearch-java + Apache HttpClient 5",
      "org.apache.hc.", "opensearch-java + Apache HttpClient 5",
      "org.crac.", "CRaC (SnapStart hooks)",
      "com.incident.", "this project's code",
      "java.net.http.", "JDK HTTP client",
      "jdk.internal.net.http.", "JDK HTTP client",
      "sun.security.", "JDK TLS and crypto",
      "javax.net.ssl.", "JDK TLS and crypto",
      "javax.crypto.", "JDK TLS and crypto",
      "com.sun.crypto.", "JDK TLS and crypto",
      "java.", "JDK (other)",
      "javax.", "JDK (other)",
      "jdk.", "JDK (other)",
      "sun.", "JDK (other)",
      "com.sun.", "JDK (other)");

  private static Map<String, String> libraries(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  static String library(String className) {
    for (Map.Entry<String, String> e : LIBRARIES.entrySet()) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    // Lambda forms and hidden classes of the JDK carry their host's name with a suffix; the rest: two segments.
    String[] parts = className.split("\\.");
    return parts.length > 2 ? parts[0] + "." + parts[1] : className;
  }

  /**
   * Charges the run's time to libraries: {@code mainAtMs} is when the probe's main started and {@code totalMs} when the
   * response was there, both from JVM start as the probe reports them.
   */
  static ClassLoadAttribution of(List<String> logLines, long mainAtMs, long totalMs) {
    return of(logLines, mainAtMs, totalMs, START_UP);
  }

  /**
   * As {@link #of(List, long, long)}, with everything before {@code fromMs} charged to {@code before}: for a primed
   * run, {@code fromMs} is when the timed request started, and the rest is what a restored snapshot still does.
   */
  static ClassLoadAttribution of(List<String> logLines, long fromMs, long totalMs, String before) {
    Map<String, long[]> byLibrary = new LinkedHashMap<>();
    long fromNs = fromMs * 1_000_000;
    long endNs = totalMs * 1_000_000;
    long previous = 0;
    for (String line : logLines) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      long at = Long.parseLong(m.group(1));
      if (at > endNs) {
        break;
      }
      if (at <= fromNs) {
        charge(byLibrary, before, at - previous, 1);
      } else {
        // An interval that starts before fromMs belongs there up to it.
        charge(byLibrary, before, fromNs - Math.min(previous, fromNs), 0);
        charge(byLibrary, library(m.group(2)), at - Math.max(previous, fromNs), 1);
      }
      previous = Math.max(previous, at);
    }
    charge(byLibrary, before, fromNs - Math.min(previous, fromNs), 0);
    charge(byLibrary, AFTER_LAST_LOAD, endNs - Math.max(previous, fromNs), 0);
    List<Share> shares = new ArrayList<>();
    byLibrary.forEach((library, acc) -> shares.add(new Share(library, acc[0] / 1_000_000, (int) acc[1])));
    shares.sort((a, b) -> Long.compare(b.ms(), a.ms()));
    return new ClassLoadAttribution(List.copyOf(shares), totalMs);
  }

  private static void charge(Map<String, long[]> byLibrary, String library, long ns, int classes) {
    if (ns <= 0 && classes == 0) {
      return;
    }
    long[] acc = byLibrary.computeIfAbsent(library, k -> new long[2]);
    acc[0] += Math.max(0, ns);
    acc[1] += classes;
  }

  /** The largest shares, each as "library N ms (K classes)", up to {@code count} of them. */
  String top(int count) {
    return top(count, "");
  }

  /** As {@link #top(int)}, leaving out the share named {@code except}. */
  String top(int count, String except) {
    List<String> parts = new ArrayList<>();
    for (Share s : shares.stream().filter(s -> !s.library().equals(except)).limit(count).toList()) {
      parts.add(s.library() + " " + s.ms() + " ms" + (s.classes() > 0 ? " (" + s.classes() + " classes)" : ""));
    }
    return String.join(", ", parts);
  }
}
