package com.incident.store;

import java.time.Instant;

/**
 * An alarm that joined an incident it did not open: what the `🔗 연관 알람` comment and the evidence show.
 *
 * @param widens the alarm added a namespace or node the incident did not cover yet
 * @param alarm the alarm's details as JSON ({@code AlarmDetails}), for the evidence and for a split
 * @param assumedNodes comma-separated nodes the alarm's pods were assumed to run on because the alarm does not say
 *     (the agent verifies them in the cluster); null or empty when it joined on an explicit overlap
 */
public record RelatedAlarm(String alarmName, Instant at, String metric, String reason, boolean widens,
    String namespaces, String nodes, String alarm, String assumedNodes) {

  /** Whether the grouping rests on an assumed placement that the cluster can confirm or refute. */
  public boolean placementAssumed() {
    return assumedNodes != null && !assumedNodes.isBlank();
  }

  public java.util.Set<String> assumedNodeSet() {
    return placementAssumed() ? java.util.Set.of(assumedNodes.split(",")) : java.util.Set.of();
  }
}
