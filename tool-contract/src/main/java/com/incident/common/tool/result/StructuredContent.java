package com.incident.common.tool.result;

import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a consumer reads a tool's {@code structuredContent}: as the tool's result record, after checking it against the
 * record's schema, so a renamed or missing field is a clear error here instead of a silently absent value later.
 */
public final class StructuredContent {
  private static final Map<Class<?>, Map<String, Object>> SCHEMAS = new ConcurrentHashMap<>();

  /**
   * {@code structured} (a JSON tree, a map or a record, as the transport gives it) as a {@code type}.
   *
   * @throws IllegalArgumentException naming what does not match, when it is absent or not shaped like {@code type}
   */
  public static <T extends Record> T read(Object structured, Class<T> type) {
    String violation = OutputSchemas.violation(SCHEMAS.computeIfAbsent(type, t -> OutputSchemas.of(type)), structured);
    if (violation != null) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + violation);
    }
    return Json.MAPPER.convertValue(structured, type);
  }

  private StructuredContent() {}
}
