package com.incident.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The one configured Jackson mapper of the suite: ISO-8601 times, nulls omitted, unknown fields tolerated. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  /**
   * For bytes that arrive over the wire: a second value or trailing garbage after the first (
   * {@code {"a":1}{"b":2}}, {@code {...} xyz}) is a parse error instead of being silently ignored.
   */
  public static final ObjectReader STRICT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** {@link #tree} for input from outside: exactly one JSON value, see {@link #STRICT}. */
  public static JsonNode strictTree(String text) throws JsonProcessingException {
    return STRICT.readTree(text);
  }

  public static JsonNode strictTree(byte[] bytes) throws IOException {
    return STRICT.readTree(bytes);
  }

  public static <T> T strictRead(String text, Class<T> type) throws JsonProcessingException {
    return STRICT.forType(type).readValue(text);
  }

  /** Whether a Content-Type names JSON: {@code application/json} or a {@code +json} type, parameters allowed. */
  public static boolean isJsonMediaType(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.matches("application/[a-z0-9.!#$&^_-]+\\+json");
  }

  /**
   * What was wrong with a JSON input, safe to answer to its sender: the location or the field path, never
   * Jackson's message (which names Java classes such as {@code com.incident...AgentRequest}).
   */
  public static String problem(JsonProcessingException e) {
    if (e instanceof JsonMappingException d && !d.getPath().isEmpty()) {
      return "field '" + fieldPath(d) + "' has a value of the wrong type or format" + reason(d.getCause());
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String message = String.valueOf(e.getOriginalMessage());
    String what = message.startsWith("Trailing token") ? "unexpected content after the JSON value"
        : message.startsWith("Unexpected end-of-input") || message.startsWith("No content") ? "the JSON value is incomplete"
        : e instanceof DatabindException ? "the JSON value has the wrong shape"
        : "malformed JSON";
    return what + where;
  }

  /** Where a mapping failed, as {@code alarm.dimensions[2].name}, each field name shortened to printable text. */
  public static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(shortName(r.getFieldName()));
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /**
   * The message of a value check of our own (a {@code @JsonCreator} or a parser rejecting a value), which says
   * what is accepted; anything that names Java types is left out.
   */
  private static String reason(Throwable cause) {
    if (!(cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException)
        || cause.getMessage() == null) {
      return "";
    }
    String m = cause.getMessage().lines().findFirst().orElse("");
    if (m.isBlank() || m.contains("`") || m.matches("(?s).*\\b(java|javax|com|org|io)\\.[a-z].*")) {
      return "";
    }
    return ": " + (m.length() <= 160 ? m : m.substring(0, 160) + "…");
  }

  private static String shortName(String field) {
    String printable = field.replaceAll("[^\\p{Alnum}_.-]", "?");
    return printable.length() <= 32 ? printable : printable.substring(0, 32) + "…";
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text; throws {@link JsonProcessingException} so callers can answer with a parse error. */
  public static JsonNode tree(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(text, type);
  }

  public static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
