package com.incident.common.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to validated tool arguments. A value that cannot be used as given (wrong type, an integer that
 * does not fit the range the tool's input schema declares, a time outside {@link #EARLIEST_TIME} .. now +
 * {@link #MAX_FUTURE}) becomes a {@link ToolException} naming the argument and what it accepts: such a call can
 * never succeed, so it is an argument error and never an internal one or a silently truncated value.
 *
 * @param schema the tool's input schema (its {@code properties} give the integer bounds); empty when unknown
 * @param clock  "now" for the time range check
 */
public record ToolArguments(ObjectNode node, Map<String, Object> schema, Clock clock) {
  /** No incident of this suite predates it; older values are typos or epoch-millis read as seconds. */
  public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
  /** Clock skew and time zones at most; anything later is not an alarm time. */
  public static final Duration MAX_FUTURE = Duration.ofDays(1);

  public ToolArguments(ObjectNode node) {
    this(node, Map.of(), Clock.systemUTC());
  }

  public static ToolArguments of(Map<String, ?> values) {
    return new ToolArguments(Json.MAPPER.valueToTree(values == null ? Map.of() : values));
  }

  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  public String string(String name) {
    return optionalString(name).orElseThrow(() -> new ToolException("Missing required argument '" + name + "'"));
  }

  public Optional<String> optionalString(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw new ToolException("Argument '" + name + "' must be a string");
    }
    String s = v.asText();
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  public String string(String name, String fallback) {
    return optionalString(name).orElse(fallback);
  }

  /**
   * An integer within the bounds the input schema declares for {@code name} (the int range when it declares
   * none). Integral floats such as {@code 5.0} are accepted, as JSON Schema does; {@code 5.5}, values beyond the
   * bounds and values beyond the int range are rejected, never truncated.
   */
  public int integer(String name, int fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    long min = bound(name, "minimum", Integer.MIN_VALUE);
    long max = bound(name, "maximum", Integer.MAX_VALUE);
    BigDecimal value = exactInteger(v);
    if (value == null || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new ToolException("Argument '" + name + "' must be an integer from " + min + " to " + max + ", got "
          + shown(v));
    }
    return value.intValueExact();
  }

  public double number(String name, double fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isNumber() && Double.isFinite(v.doubleValue())) {
      return v.doubleValue();
    }
    throw new ToolException("Argument '" + name + "' must be a finite number, got " + shown(v));
  }

  public boolean bool(String name, boolean fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw new ToolException("Argument '" + name + "' must be true or false, got " + shown(v));
  }

  /** A list argument; a single string is accepted as a one-element (or comma-separated) list. */
  public List<String> stringList(String name) {
    JsonNode v = node.get(name);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(e -> {
        if (!e.isValueNode()) {
          throw new ToolException("Argument '" + name + "' must be a list of strings");
        }
        if (!e.asText().isBlank()) {
          out.add(e.asText().trim());
        }
      });
      return out;
    }
    if (v.isTextual()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
    throw new ToolException("Argument '" + name + "' must be a list of strings");
  }

  /** An ISO-8601 instant between {@link #EARLIEST_TIME} and now + {@link #MAX_FUTURE}. */
  public Optional<Instant> instant(String name) {
    return optionalString(name).map(s -> checkedTime(name, s, parseIso(name, s, "")));
  }

  /** Like {@link #instant} but also accepting epoch seconds (all digits), as Datadog's API does. */
  public Optional<Instant> instantOrEpochSeconds(String name) {
    return optionalString(name).map(s -> {
      if (s.chars().allMatch(Character::isDigit)) {
        try {
          return checkedTime(name, s, Instant.ofEpochSecond(Long.parseLong(s)));
        } catch (NumberFormatException | DateTimeException e) {
          return checkedTime(name, s, Instant.MAX); // beyond any clock: reported as out of range
        }
      }
      return checkedTime(name, s, parseIso(name, s, " or epoch seconds"));
    });
  }

  public JsonNode raw(String name) {
    return node.get(name);
  }

  private static Instant parseIso(String name, String s, String alternatives) {
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw new ToolException("Argument '" + name + "' must be an ISO-8601 instant such as 2026-11-21T03:15:00Z"
          + alternatives + ", got '" + shown(s) + "'");
    }
  }

  private Instant checkedTime(String name, String raw, Instant t) {
    Instant latest = clock.instant().plus(MAX_FUTURE);
    if (t.isBefore(EARLIEST_TIME) || t.isAfter(latest)) {
      throw new ToolException("Argument '" + name + "' must be between " + EARLIEST_TIME + " and " + MAX_FUTURE.toHours()
          + " hours from now (" + latest.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "), got '" + shown(raw) + "'");
    }
    return t;
  }

  /** The exact integral value of a number (or numeric string) node, or null when it has none. */
  private static BigDecimal exactInteger(JsonNode v) {
    BigDecimal d;
    if (v.isNumber()) {
      if (v.isDouble() || v.isFloat()) {
        double x = v.doubleValue();
        if (!Double.isFinite(x)) {
          return null;
        }
      }
      d = v.decimalValue();
    } else if (v.isTextual() && v.asText().trim().matches("[-+]?\\d{1,30}")) {
      d = new BigDecimal(v.asText().trim());
    } else {
      return null;
    }
    try {
      return new BigDecimal(d.toBigIntegerExact());
    } catch (ArithmeticException e) {
      return null; // has a fractional part
    }
  }

  private long bound(String name, String keyword, long fallback) {
    Object properties = schema.get("properties");
    if (properties instanceof Map<?, ?> props && props.get(name) instanceof Map<?, ?> p
        && p.get(keyword) instanceof Number n) {
      long b = n.longValue();
      return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
    }
    return fallback;
  }

  /** Caller-supplied values are echoed in errors, but only a short prefix of them. */
  private static String shown(Object value) {
    String s = String.valueOf(value);
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
