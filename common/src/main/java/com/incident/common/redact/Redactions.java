package com.incident.common.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One incident's redaction session: every value becomes a numbered placeholder ({@code <주민번호#1>}), the same
 * value the same number wherever it appears in the incident (tool results, the model's input, the GitHub issue),
 * so an analysis can still say "the same customer in 12 errors" without seeing the customer.
 *
 * <p>Values are remembered only as an HMAC under a random key that lives and dies with the session: resident
 * and phone numbers are a small space, so a plain hash could be reversed by enumeration, and the key makes that
 * impossible without this object's memory. Plaintext is held only for the length of one {@link #redact} call.
 * Thread-safe: evidence arrives from parallel tool calls.
 *
 * <p>Reusable by every channel that writes for people (GitHub today, Slack/Discord later): pass outbound text
 * through the incident's session and render {@link #audit()} once at the end.
 */
public final class Redactions {

  /** What one session redacted: distinct values and occurrences per kind. Never the values. */
  public record Audit(Map<RedactionKind, Integer> values, Map<RedactionKind, Integer> occurrences) {
    public Audit {
      values = Map.copyOf(values);
      occurrences = Map.copyOf(occurrences);
    }

    public boolean isEmpty() {
      return occurrences.isEmpty();
    }

    /** {@code 🔒 마스킹: 주민번호 2건(5회), 전화번호 1건} in kind order; {@code 없음} when nothing was masked. */
    public String korean() {
      if (isEmpty()) {
        return "🔒 마스킹: 없음";
      }
      StringJoiner parts = new StringJoiner(", ", "🔒 마스킹: ", "");
      for (RedactionKind kind : RedactionKind.values()) {
        Integer n = values.get(kind);
        if (n != null) {
          int times = occurrences.get(kind);
          parts.add(kind.label() + " " + n + "건" + (times > n ? "(" + times + "회)" : ""));
        }
      }
      return parts.toString();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Redactor redactor;
  private final SecretKeySpec key;
  private final Map<RedactionKind, Map<String, Integer>> numbers = new ConcurrentHashMap<>();
  private final Map<RedactionKind, AtomicInteger> occurrences = new ConcurrentHashMap<>();

  private Redactions(Redactor redactor) {
    this.redactor = redactor;
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  /** A fresh session over every kind the default redactor knows. */
  public static Redactions open() {
    return new Redactions(Redactor.DEFAULT);
  }

  /** {@code text} with every value replaced by its placeholder; null and empty stay as they are. */
  public String redact(String text) {
    return redactor.redact(text, this::placeholder);
  }

  /**
   * A copy of {@code node} with every string redacted and the JSON shape intact. A string under a field that names
   * a secret ({@code "password": "hunter2"}) is replaced whole: on its own the value looks like nothing. Numbers
   * and booleans keep their type ({@code "max_tokens": 2048} is a setting, and readers of the result need it).
   */
  public JsonNode redact(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return Json.MAPPER.getNodeFactory().textNode(redact(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      node.properties().forEach(e -> copy.set(e.getKey(),
          Redactor.isSecretKeyName(e.getKey()) && e.getValue().isTextual()
              ? Json.MAPPER.getNodeFactory().textNode(secretValue(e.getValue().asText()))
              : redact(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      node.forEach(n -> copy.add(redact(n)));
      return copy;
    }
    return node;
  }

  public Audit audit() {
    Map<RedactionKind, Integer> values = new EnumMap<>(RedactionKind.class);
    Map<RedactionKind, Integer> times = new EnumMap<>(RedactionKind.class);
    numbers.forEach((kind, seen) -> values.put(kind, seen.size()));
    occurrences.forEach((kind, n) -> times.put(kind, n.get()));
    return new Audit(values, times);
  }

  private String secretValue(String value) {
    if (value.isEmpty() || value.startsWith("[REDACTED") || value.matches("<[^>\\s]{1,20}#\\d+>")) {
      return value;
    }
    return placeholder(RedactionKind.SECRET, value);
  }

  private String placeholder(RedactionKind kind, String value) {
    String fingerprint = fingerprint(kind, value);
    Map<String, Integer> seen = numbers.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
    int n;
    synchronized (seen) {
      n = seen.computeIfAbsent(fingerprint, f -> seen.size() + 1);
    }
    occurrences.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    return "<" + kind.label() + "#" + n + ">";
  }

  // One value written differently is one value: 010-1234-5678 = 01012345678 = +82 10 1234 5678; emails ignore case.
  private String fingerprint(RedactionKind kind, String value) {
    String canonical = switch (kind) {
      case RESIDENT_NUMBER, FOREIGN_RESIDENT_NUMBER, CARD, BANK_ACCOUNT -> value.replaceAll("[^0-9]", "");
      case PHONE -> nationalPhone(value.replaceAll("[^0-9]", ""));
      case EMAIL -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String nationalPhone(String digits) {
    String d = digits.startsWith("0082") ? digits.substring(4) : digits.startsWith("82") ? digits.substring(2) : digits;
    return d.startsWith("0") ? d : "0" + d;
  }
}
