package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.Severity;
import java.time.Instant;
import java.util.List;

/** Step 1: what the alarm alone tells about the incident, and the evidence window around it. */
public record IncidentFacts(
    AlarmDetails alarm,
    IncidentType type,
    Severity severity,
    String cluster,
    String namespace,
    String service,
    String pod,
    String node,
    Instant alarmAt,
    Instant windowStart,
    Instant windowEnd) {

  public List<String> affected() {
    return java.util.stream.Stream.of(
            cluster == null ? null : "cluster/" + cluster,
            namespace == null ? null : "namespace/" + namespace,
            service == null ? null : "service/" + service,
            pod == null ? null : "pod/" + pod,
            node == null ? null : "node/" + node)
        .filter(java.util.Objects::nonNull).toList();
  }
}
