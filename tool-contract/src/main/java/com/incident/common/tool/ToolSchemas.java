package com.incident.common.tool;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compact way to write tool definitions: JSON Schema objects for MCP {@code inputSchema}. */
public final class ToolSchemas {
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<String> required = new ArrayList<>();

  public static ToolSchemas object() {
    return new ToolSchemas();
  }

  public ToolSchemas string(String name, String description, boolean isRequired) {
    return property(name, prop("string", description), isRequired);
  }

  public ToolSchemas string(String name, String description, boolean isRequired, String pattern, Integer maxLength) {
    Map<String, Object> p = prop("string", description);
    if (pattern != null) {
      p.put("pattern", pattern);
    }
    if (maxLength != null) {
      p.put("maxLength", maxLength);
    }
    return property(name, p, isRequired);
  }

  public ToolSchemas enumeration(String name, String description, boolean isRequired, List<String> values) {
    Map<String, Object> p = prop("string", description);
    p.put("enum", values);
    return property(name, p, isRequired);
  }

  /**
   * An integer property; both bounds are required, so that a value the tool cannot use (an issue number past
   * the int range, a window of a million hours) is rejected by schema validation and never truncated.
   */
  public ToolSchemas integer(String name, String description, boolean isRequired, int minimum, int maximum,
      Integer defaultValue) {
    if (minimum > maximum) {
      throw new IllegalArgumentException("integer '" + name + "': minimum " + minimum + " > maximum " + maximum);
    }
    Map<String, Object> p = prop("integer", description);
    p.put("minimum", minimum);
    p.put("maximum", maximum);
    if (defaultValue != null) {
      p.put("default", defaultValue);
    }
    return property(name, p, isRequired);
  }

  public ToolSchemas bool(String name, String description, boolean isRequired, Boolean defaultValue) {
    Map<String, Object> p = prop("boolean", description);
    if (defaultValue != null) {
      p.put("default", defaultValue);
    }
    return property(name, p, isRequired);
  }

  public ToolSchemas stringArray(String name, String description, boolean isRequired, Integer maxItems) {
    Map<String, Object> p = prop("array", description);
    p.put("items", Map.of("type", "string"));
    if (maxItems != null) {
      p.put("maxItems", maxItems);
    }
    return property(name, p, isRequired);
  }

  /** Any JSON Schema for one property, for the shapes the helpers above do not cover. */
  public ToolSchemas property(String name, Map<String, Object> schema, boolean isRequired) {
    properties.put(name, schema);
    if (isRequired) {
      required.add(name);
    }
    return this;
  }

  public Map<String, Object> build() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * Names of the integer properties of {@code inputSchema} (top level) that lack a {@code minimum} or
   * {@code maximum}; schemas written with {@link #property} bypass {@link #integer}, so tool targets are checked
   * with this when they are wired.
   */
  public static List<String> unboundedIntegers(Map<String, Object> inputSchema) {
    List<String> out = new ArrayList<>();
    if (inputSchema.get("properties") instanceof Map<?, ?> props) {
      props.forEach((name, p) -> {
        if (p instanceof Map<?, ?> prop && "integer".equals(prop.get("type"))
            && !(prop.get("minimum") instanceof Number && prop.get("maximum") instanceof Number)) {
          out.add(String.valueOf(name));
        }
      });
    }
    return out;
  }

  /**
   * A tool whose successful results carry {@code output} as structured content; its schema is published as the
   * tool's {@code outputSchema}, and {@link ToolDispatcher} refuses a result that does not conform.
   */
  public static McpSchema.Tool tool(String name, String description, Map<String, Object> inputSchema, boolean readOnly,
      Class<? extends Record> output) {
    return McpSchema.Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(inputSchema)
        .outputSchema(OutputSchemas.of(output))
        .annotations(annotations(readOnly))
        .build();
  }

  public static McpSchema.Tool tool(String name, String description, Map<String, Object> inputSchema, boolean readOnly) {
    return McpSchema.Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(inputSchema)
        .annotations(annotations(readOnly))
        .build();
  }

  private static McpSchema.ToolAnnotations annotations(boolean readOnly) {
    return McpSchema.ToolAnnotations.builder()
        .readOnlyHint(readOnly)
        .destructiveHint(!readOnly)
        .openWorldHint(true)
        .build();
  }

  private static Map<String, Object> prop(String type, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("description", description);
    return p;
  }

  private ToolSchemas() {}
}
