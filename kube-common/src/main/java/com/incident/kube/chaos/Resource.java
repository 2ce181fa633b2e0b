package com.incident.kube.chaos;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A resource a load generator consumes and an alarm can be about. */
public enum Resource {
  CPU("cpu"),
  MEMORY("memory"),
  IO("io");

  private final String id;

  Resource(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  public static Optional<Resource> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (Resource r : values()) {
      if (r.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
