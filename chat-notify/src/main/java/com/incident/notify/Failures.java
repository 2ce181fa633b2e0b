package com.incident.notify;

import com.incident.common.obs.MetricsSink;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every destination reports a message it could not deliver: one log line (no secrets) and one metric. */
final class Failures {
  static final String METRIC = "ChatNotificationFailed";
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static boolean report(MetricsSink metrics, String destination, Notice notice, String reason) {
    LOG.warn("Chat notification to {} about incident {} ({}) not delivered: {}", destination, notice.incidentId(),
        notice.kind(), reason);
    metrics.record(METRIC, 1, MetricsSink.Unit.COUNT, Map.of("Destination", destination));
    return false;
  }
}
