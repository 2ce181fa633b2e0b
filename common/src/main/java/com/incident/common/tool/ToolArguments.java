package com.incident.common.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to validated tool arguments. Type errors become {@link ToolException}s naming the field. */
public record ToolArguments(ObjectNode node) {

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

  public int integer(String name, int fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isIntegralNumber()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new ToolException("Argument '" + name + "' must be an integer, got " + v);
  }

  public double number(String name, double fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    throw new ToolException("Argument '" + name + "' must be a number, got " + v);
  }

  public boolean bool(String name, boolean fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw new ToolException("Argument '" + name + "' must be true or false, got " + v);
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

  public Optional<Instant> instant(String name) {
    return optionalString(name).map(s -> {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw new ToolException("Argument '" + name + "' must be an ISO-8601 instant such as 2026-11-21T03:15:00Z, got '" + s + "'");
      }
    });
  }

  public JsonNode raw(String name) {
    return node.get(name);
  }
}
