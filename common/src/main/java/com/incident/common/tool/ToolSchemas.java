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

  public ToolSchemas integer(String name, String description, boolean isRequired, Integer minimum, Integer maximum, Integer defaultValue) {
    Map<String, Object> p = prop("integer", description);
    if (minimum != null) {
      p.put("minimum", minimum);
    }
    if (maximum != null) {
      p.put("maximum", maximum);
    }
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

  public static McpSchema.Tool tool(String name, String description, Map<String, Object> inputSchema, boolean readOnly) {
    return McpSchema.Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(inputSchema)
        .annotations(McpSchema.ToolAnnotations.builder()
            .readOnlyHint(readOnly)
            .destructiveHint(!readOnly)
            .openWorldHint(true)
            .build())
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
