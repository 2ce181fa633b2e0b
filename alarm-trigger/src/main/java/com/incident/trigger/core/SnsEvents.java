package com.incident.trigger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IncidentTable;
import com.incident.common.incident.InputLimits;
import com.incident.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;

/** Splits the Lambda SNS event into records; a record that is not an SNS notification is kept as rejected. */
public final class SnsEvents {
  private SnsEvents() {}

  /**
   * One entry per element of {@code Records}: either a usable record or the reason it is unusable.
   * {@code messageId} is always usable as a key: the SNS MessageId, or {@link #digestId} of what identifies the
   * record when that id is missing or too long for the incident table.
   */
  public record Entry(SnsRecord record, String messageId, String rejection) {}

  /** A stable id for input without a usable MessageId, so its rejection can still be recorded under a key. */
  public static String digestId(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

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
    String rawId = text(sns, "MessageId");
    String keyProblem = rawId == null ? null
        : InputLimits.keyProblem("MessageId", IncidentTable.MESSAGE_PREFIX, rawId).orElse(null);
    String messageId = rawId != null && keyProblem == null ? rawId : digestId(rawId != null ? rawId : r.toString());
    String source = text(r, "EventSource");
    if (source != null && !"aws:sns".equals(source)) {
      return new Entry(null, messageId, "record EventSource is " + InputLimits.quote(source) + ", expected aws:sns");
    }
    if (!sns.isObject()) {
      return new Entry(null, messageId, "record has no Sns object");
    }
    if (rawId == null) {
      return new Entry(null, messageId, "SNS record has no MessageId");
    }
    if (keyProblem != null) {
      return new Entry(null, messageId, keyProblem + " (MessageId starts " + InputLimits.quote(rawId) + ")");
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
