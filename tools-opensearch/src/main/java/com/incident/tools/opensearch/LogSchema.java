package com.incident.tools.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each log attribute lives in the indexed documents. Defaults match Fluent Bit's Kubernetes output on
 * EKS with OpenSearch dynamic mapping (strings become {@code text} with a {@code .keyword} sub-field).
 *
 * @param messages candidate message fields, first present one wins ({@code log} for raw container lines,
 *     {@code message} for JSON-parsed application logs)
 * @param status numeric HTTP status field; 5xx counts as an error and {@code group_by=error_code} groups by it
 * @param keywordSuffix appended to string fields for exact filters and aggregations; empty when the index
 *     template maps them as {@code keyword} directly
 * @param errorLevels level values that count as errors, compared case-insensitively
 */
public record LogSchema(
    String timestamp,
    List<String> messages,
    String level,
    String service,
    String pod,
    String namespace,
    String status,
    String keywordSuffix,
    List<String> errorLevels) {

  public static final LogSchema DEFAULT = new LogSchema(
      "@timestamp", List.of("log", "message"), "level", "kubernetes.labels.app", "kubernetes.pod_name",
      "kubernetes.namespace_name", "status", ".keyword", List.of("ERROR", "FATAL", "CRITICAL", "PANIC"));

  public LogSchema {
    messages = List.copyOf(messages);
    errorLevels = List.copyOf(errorLevels);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("At least one message field is required");
    }
  }

  public String keyword(String field) {
    return field + keywordSuffix;
  }

  /** The error levels in the spellings a terms filter must list: as configured, upper, lower and capitalised. */
  public List<String> errorLevelSpellings() {
    List<String> out = new ArrayList<>();
    for (String level : errorLevels) {
      String lower = level.toLowerCase(Locale.ROOT);
      for (String v : List.of(level, level.toUpperCase(Locale.ROOT), lower,
          lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1))) {
        if (!out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  public boolean isErrorLevel(String value) {
    return value != null && errorLevels.stream().anyMatch(value::equalsIgnoreCase);
  }
}
