package com.incident.common.tool;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas for tool result records, as published in {@code tools/list} {@code outputSchema}. The schema follows
 * how {@code Json.MAPPER} writes the record: every component is a property (renamed by {@link JsonProperty}), nulls
 * are omitted so only {@link Nullable} components may be missing, and no other property is allowed.
 *
 * <p>Hand-written rather than a schema-generator library: it covers only the shapes our own result records use
 * (records, enums, strings, numbers, booleans, times, lists, string-keyed maps, {@link JsonNode}), costs no
 * dependency in the eight Lambda jars and runs once per tool at init.
 */
public final class OutputSchemas {

  /** Created on first use: a function builds its schemas at init, and the validator's setup is not cheap. */
  private static final class Validator {
    static final JsonSchemaValidator INSTANCE = new DefaultJsonSchemaValidator(Json.MAPPER);
  }

  public static Map<String, Object> of(Class<? extends Record> type) {
    return object(type, new ArrayList<>());
  }

  /**
   * Why {@code value}, written as {@code Json.MAPPER} writes it, does not match {@code schema}; null when it does.
   * The dispatcher checks every typed result with it, and contract tests check what the real tools return.
   */
  public static String violation(Map<String, Object> schema, Object value) {
    if (value == null) {
      return "no structured content";
    }
    JsonSchemaValidator.ValidationResponse v = Validator.INSTANCE.validate(schema, Json.MAPPER.convertValue(value, Object.class));
    return v.valid() ? null : v.errorMessage();
  }

  private static Map<String, Object> object(Class<?> type, List<Class<?>> path) {
    if (path.contains(type)) {
      throw new IllegalArgumentException("Recursive result record " + type.getName() + " cannot have a schema");
    }
    path.add(type);
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      JsonProperty renamed = c.getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      properties.put(name, schema(c.getGenericType(), path));
      if (!c.isAnnotationPresent(Nullable.class)) {
        required.add(name);
      }
    }
    path.removeLast();
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> schema(Type type, List<Class<?>> path) {
    if (type instanceof WildcardType w) {
      return schema(w.getUpperBounds()[0], path);
    }
    if (type instanceof GenericArrayType a) {
      return array(schema(a.getGenericComponentType(), path));
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        Map<String, Object> s = array(schema(args[0], path));
        if (Set.class.isAssignableFrom(raw)) {
          s.put("uniqueItems", true);
        }
        return s;
      }
      if (Map.class.isAssignableFrom(raw)) {
        if (args[0] != String.class && !(args[0] instanceof Class<?> k && k.isEnum())) {
          throw new IllegalArgumentException("Map keys of a result record must be strings: " + p);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("additionalProperties", schema(args[1], path));
        return s;
      }
      return schema(raw, path);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c == CharSequence.class || c == char.class || c == Character.class) {
      return typed("string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return typed("boolean");
    }
    if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
        || c == Long.class || c == Short.class || c == Byte.class || c == BigInteger.class) {
      return typed("integer");
    }
    if (c == double.class || c == float.class || c == Double.class || c == Float.class || c == BigDecimal.class) {
      return typed("number");
    }
    if (c == Instant.class || c == OffsetDateTime.class) {
      Map<String, Object> s = typed("string");
      s.put("format", "date-time");
      return s;
    }
    if (c == LocalDate.class || c == Duration.class) {
      return typed("string");
    }
    if (c.isEnum()) {
      Map<String, Object> s = typed("string");
      List<String> values = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        values.add(Json.MAPPER.convertValue(constant, String.class));
      }
      s.put("enum", values);
      return s;
    }
    if (c.isArray()) {
      return array(schema(c.getComponentType(), path));
    }
    if (c.isRecord()) {
      return object(c, path);
    }
    if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
      return new LinkedHashMap<>(); // any JSON value
    }
    throw new IllegalArgumentException("No JSON Schema mapping for " + c.getName() + " in a result record");
  }

  private static Map<String, Object> array(Map<String, Object> items) {
    Map<String, Object> s = typed("array");
    s.put("items", items);
    return s;
  }

  private static Map<String, Object> typed(String type) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", type);
    return s;
  }

  private OutputSchemas() {}
}
