package com.incident.tools.opensearch;

import com.incident.common.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identical log lines folded into one, newest first, after redaction (so lines differing only in a secret fold
 * too). The message is flattened to one line and trimmed: tool output is model input and must stay compact.
 */
public record Collapsed(
    String message, int count, Instant firstSeen, Instant lastSeen, String level, String service, String pod,
    String namespace, Integer status, int pods) {

  public static final int MAX_MESSAGE_CHARS = 300;

  /** {@code events} newest first; the result keeps the order of each message's newest occurrence. */
  public static List<Collapsed> of(List<LogEvent> events) {
    Map<String, List<LogEvent>> byMessage = new LinkedHashMap<>();
    for (LogEvent e : events) {
      byMessage.computeIfAbsent(clean(e.message()), k -> new ArrayList<>()).add(e);
    }
    List<Collapsed> out = new ArrayList<>();
    byMessage.forEach((text, same) -> {
      LogEvent newest = same.getFirst();
      Instant first = same.stream().map(LogEvent::timestamp).min(Instant::compareTo).orElseThrow();
      Instant last = same.stream().map(LogEvent::timestamp).max(Instant::compareTo).orElseThrow();
      int pods = (int) same.stream().map(LogEvent::pod).filter(p -> p != null).distinct().count();
      out.add(new Collapsed(text, same.size(), first, last, newest.level(), newest.service(), newest.pod(),
          newest.namespace(), newest.status(), pods));
    });
    return out;
  }

  /** Redacted, single-line, trimmed: the only form in which a log message may leave this module. */
  public static String clean(String message) {
    if (message == null) {
      return "";
    }
    String redacted = Redactor.DEFAULT.redact(message);
    String flat = redacted.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
