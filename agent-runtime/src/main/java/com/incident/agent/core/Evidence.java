package com.incident.agent.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * The text, then every string value of the structured content, one per line: what rules search for words,
     * independent of how the tool names its fields.
     */
    public String haystack() {
      List<String> lines = new ArrayList<>();
      lines.add(text == null ? "" : text);
      strings(structured, lines);
      return String.join("\n", lines);
    }

    /** {@link #haystack()} in lower case. */
    public String corpus() {
      return haystack().toLowerCase(Locale.ROOT);
    }

    private static void strings(JsonNode node, List<String> out) {
      if (node == null) {
        return;
      }
      if (node.isTextual()) {
        out.add(node.asText());
      } else if (node.isContainerNode()) {
        node.forEach(n -> strings(n, out));
      }
    }
  }

  /** A tool that failed or was not offered; recorded, never fatal. */
  public record Gap(String tool, JsonNode arguments, String reason) {}

  public static final Evidence NONE = new Evidence(List.of(), List.of());
}
