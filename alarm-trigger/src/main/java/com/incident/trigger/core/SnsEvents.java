package com.incident.trigger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Splits the Lambda SNS event into records; a record that is not an SNS notification is kept as rejected. */
public final class SnsEvents {
  private SnsEvents() {}

  /** One entry per element of {@code Records}: either a usable record or the reason it is unusable. */
  public record Entry(SnsRecord record, String messageId, String rejection) {}

  public static List<Entry> parse(String eventJson) throws RejectedException {
    JsonNode root;
    try {
      root = Json.tree(eventJson);
    } catch (Exception e) {
      throw new RejectedException("event is not valid JSON");
    }
    if (root == null || !root.isObject() || !root.path("Records").isArray()) {
      throw new RejectedException("event has no Records array; expected an SNS event");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode r : root.path("Records")) {
      entries.add(entry(r));
    }
    return entries;
  }

  private static Entry entry(JsonNode r) {
    JsonNode sns = r.path("Sns");
    String messageId = text(sns, "MessageId");
    String source = text(r, "EventSource");
    if (source != null && !"aws:sns".equals(source)) {
      return new Entry(null, messageId, "record EventSource is '" + source + "', expected aws:sns");
    }
    if (!sns.isObject()) {
      return new Entry(null, messageId, "record has no Sns object");
    }
    if (messageId == null) {
      return new Entry(null, null, "SNS record has no MessageId");
    }
    String message = text(sns, "Message");
    if (message == null) {
      return new Entry(null, messageId, "SNS record has no Message");
    }
    return new Entry(new SnsRecord(messageId, message, text(sns, "Timestamp")), messageId, null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
