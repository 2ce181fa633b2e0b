package com.incident.tools.opensearch;

import java.time.Instant;
import java.util.Map;

/**
 * One log line as the tools see it, independent of the backend's document shape. {@code numbers} holds extra
 * numeric fields (such as a latency) by field name, for in-memory histograms and ranges; OpenSearch reads them
 * from the documents directly.
 */
public record LogEvent(
    Instant timestamp, String level, String service, String pod, String namespace, String message, Integer status,
    Map<String, Double> numbers) {

  public LogEvent {
    numbers = numbers == null ? Map.of() : Map.copyOf(numbers);
  }

  public LogEvent(Instant timestamp, String level, String service, String pod, String namespace, String message, Integer status) {
    this(timestamp, level, service, pod, namespace, message, status, Map.of());
  }

  public boolean isError(LogSchema schema) {
    return schema.isErrorLevel(level) || (status != null && status >= 500 && status <= 599);
  }

  /** The value of a numeric field: the status field or one of {@link #numbers}; null when absent. */
  public Double number(LogSchema schema, String field) {
    if (field.equals(schema.status())) {
      return status == null ? null : status.doubleValue();
    }
    return numbers.get(field);
  }
}
