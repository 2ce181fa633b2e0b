package com.incident.tools.opensearch;

import com.incident.common.redact.Redactor;
import java.util.regex.Pattern;

/**
 * The group key of a log line that cannot be aggregated exactly (a stack trace longer than the keyword limit): its
 * first line, redacted, with the parts that differ between occurrences of the same error (uuids, hex ids, numbers)
 * replaced by placeholders, capped in length. "Order 4711 failed" and "Order 4712 failed" share one key.
 */
final class MessageKey {
  static final int MAX_CHARS = 200;

  private static final Pattern UUID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
  private static final Pattern HEX_PREFIXED = Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b");
  // Hex ids (commit hashes, trace ids) are 8+ hex characters with at least one digit; plain words stay.
  private static final Pattern HEX_ID = Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");

  private MessageKey() {}

  static String of(String message) {
    if (message == null) {
      return "";
    }
    String first = message.strip().lines().findFirst().orElse("");
    String key = Redactor.DEFAULT.redact(first);
    key = UUID.matcher(key).replaceAll("<uuid>");
    key = HEX_PREFIXED.matcher(key).replaceAll("<hex>");
    key = HEX_ID.matcher(key).replaceAll("<hex>");
    key = NUMBER.matcher(key).replaceAll("<n>");
    key = key.replaceAll("\\s+", " ").strip();
    return key.length() <= MAX_CHARS ? key : key.substring(0, MAX_CHARS) + "…";
  }
}
