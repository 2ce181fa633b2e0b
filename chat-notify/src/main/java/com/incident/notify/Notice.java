package com.incident.notify;

import java.time.Instant;
import java.util.List;

/**
 * One chat message about an incident, independent of the platform: Korean texts as a person reads them, not yet
 * escaped (each platform's renderer escapes for its own formatting). {@code url} links the incident's issue.
 *
 * @param title one line, e.g. "🚨 인시던트 분석 완료: netaiops-cpu-spike"
 * @param summary the message's main sentence(s)
 * @param fields labelled facts, in order
 * @param linkText the issue link's text, e.g. "GitHub 이슈 #12"
 */
public record Notice(String incidentId, Kind kind, String title, String summary, List<Field> fields, String linkText,
    String url, Instant at) {

  public Notice {
    if (incidentId == null || incidentId.isBlank() || kind == null || title == null || at == null) {
      throw new IllegalArgumentException("a notice needs an incident id, a kind, a title and a time");
    }
    summary = summary == null ? "" : summary;
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** What the message reports; the platform shows it as a colour. */
  public enum Kind {
    ANALYZED(0xE01E5A), APPROVAL_REQUESTED(0xECB22E), REMEDIATED(0x36C5F0), RESOLVED(0x2EB67D), NEEDS_ACTION(0xF2711C);

    private final int color;

    Kind(int color) {
      this.color = color;
    }

    /** 0xRRGGBB. */
    public int color() {
      return color;
    }
  }

  public record Field(String name, String value) {
    public Field {
      if (name == null || name.isBlank() || value == null) {
        throw new IllegalArgumentException("a field needs a name and a value");
      }
    }
  }
}
