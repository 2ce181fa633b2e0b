package com.incident.agent.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 3's result: what each evidence tool returned (already redacted), and which could not answer. */
public record Evidence(List<Item> items, List<Gap> gaps) {

  private static final Logger LOG = LoggerFactory.getLogger(Evidence.class);

  /**
   * A tool's structured content as its result record (see {@code com.incident.common.tool.result}); empty when the
   * tool sent none or something that is not that record.
   */
  public static <T extends Record> Optional<T> read(JsonNode structured, Class<T> type) {
    if (structured == null || !structured.isObject()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.treeToValue(structured, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      LOG.warn("Structured content is not a {}: {}", type.getSimpleName(), e.getMessage());
      return Optional.empty();
    }
  }

  /** One successful tool call: its arguments, redacted text and structured content. */
  public record Item(String tool, JsonNode arguments, String text, JsonNode structured) {

    /** The structured content as the tool's result record, see {@link Evidence#read}. */
    public <T extends Record> Optional<T> structured(Class<T> type) {
      return read(structured, type);
    }
  }

  /** A tool that failed or was not offered; recorded, never fatal. */
  public record Gap(String tool, JsonNode arguments, String reason) {}

  /** The structured results of every successful call of {@code tool}, as its result record, in call order. */
  public <T extends Record> List<T> results(String tool, Class<T> type) {
    return items.stream().filter(i -> i.tool().equals(tool)).flatMap(i -> i.structured(type).stream()).toList();
  }

  /** This evidence followed by {@code more}'s. */
  public Evidence plus(Evidence more) {
    List<Item> i = new ArrayList<>(items);
    i.addAll(more.items());
    List<Gap> g = new ArrayList<>(gaps);
    g.addAll(more.gaps());
    return new Evidence(List.copyOf(i), List.copyOf(g));
  }

  public static final Evidence NONE = new Evidence(List.of(), List.of());
}
