package com.incident.agent.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Step 3's result: what each evidence tool returned (already redacted), and which could not answer. */
public record Evidence(List<Item> items, List<Gap> gaps) {

  /** One successful tool call: its arguments, redacted text and structured content. */
  public record Item(String tool, JsonNode arguments, String text, JsonNode structured) {
    /** Text and structured content as one lowercase haystack for rules. */
    public String corpus() {
      return ((text == null ? "" : text) + "\n" + (structured == null ? "" : structured.toString())).toLowerCase();
    }
  }

  /** A tool that failed or was not offered; recorded, never fatal. */
  public record Gap(String tool, JsonNode arguments, String reason) {}

  public static final Evidence NONE = new Evidence(List.of(), List.of());
}
