package com.incident.gateway.core;

import com.incident.common.tool.ToolNames;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which tool Lambda owns which tool: name prefix -> function name or ARN, longest prefix wins. */
public record Targets(Map<String, String> byPrefix) {

  public record Target(String prefix, String function) {}

  public Targets {
    if (byPrefix.isEmpty()) {
      throw new IllegalArgumentException("no tool targets configured");
    }
    byPrefix = Map.copyOf(new LinkedHashMap<>(byPrefix));
  }

  public static Targets of(Map<ToolNames.Target, String> functions) {
    Map<String, String> m = new LinkedHashMap<>();
    functions.forEach((t, fn) -> m.put(t.prefix(), fn));
    return new Targets(m);
  }

  /** Stable order (by prefix) so tools/list output is deterministic. */
  public List<Target> all() {
    return byPrefix.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> new Target(e.getKey(), e.getValue())).toList();
  }

  public Optional<Target> forTool(String toolName) {
    return all().stream().filter(t -> toolName.startsWith(t.prefix()))
        .max(Comparator.comparingInt(t -> t.prefix().length()));
  }
}
