package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code k8s-get-events}: events in the window, collapsed by reason + object, Warning before Normal, then by last
 * seen (newest first). Times are ISO-8601 UTC.
 *
 * @param namespaces the namespaces read
 * @param object the one object asked for ("Kind/name"), if any
 * @param total how many events were read before collapsing
 * @param notes what was cut to stay under the result cap
 */
public record K8sEventsResult(String cluster, List<String> namespaces, @Nullable String object, String windowStart,
    String windowEnd, int total, List<Event> events, List<String> notes, @Nullable String noDataReason) {

  /**
   * Events with the same reason on the same object, collapsed.
   *
   * @param type {@code Warning} or {@code Normal}
   * @param count the events' summed count
   */
  public record Event(String type, String reason, String kind, String namespace, String name, String message,
      int count, String firstSeen, String lastSeen) {}
}
