package com.incident.common.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of a function's environment, handed to each {@code Config.from(Env)} once at init.
 * Every variable the code reads goes through here with a literal name, so the template check test can
 * find them all and prove {@code template.yaml} sets each one.
 */
public record Env(Map<String, String> values) {

  public static Env system() {
    return new Env(System.getenv());
  }

  public static Env of(Map<String, String> values) {
    return new Env(Map.copyOf(values));
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("Missing required environment variable " + name);
    }
    return v.trim();
  }

  /** A required http(s) URL with a host; refused with the variable's name otherwise. */
  public URI httpUrl(String name) {
    String value = required(name);
    try {
      URI uri = URI.create(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException ignored) {
      // Reported below with the variable name.
    }
    throw new IllegalStateException("Environment variable " + name + " must be an http(s) URL, got '" + value + "'");
  }

  public String optional(String name, String fallback) {
    String v = values.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  public int intValue(String name, int fallback) {
    String v = optional(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Environment variable " + name + " must be an integer, got '" + v + "'");
    }
  }

  public boolean flag(String name, boolean fallback) {
    String v = optional(name, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalStateException("Environment variable " + name + " must be true/false, got '" + v + "'");
    };
  }

  /** Comma-separated list, blanks dropped. */
  public List<String> list(String name, List<String> fallback) {
    String v = optional(name, null);
    if (v == null) {
      return fallback;
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
