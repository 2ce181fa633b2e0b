package com.incident.store;

import java.time.Instant;

/**
 * An alarm that joined an incident it did not open: what the `🔗 연관 알람` comment and the evidence show.
 *
 * @param widens the alarm added a namespace or node the incident did not cover yet
 * @param alarm the alarm's details as JSON ({@code AlarmDetails}), for the evidence and for a split
 */
public record RelatedAlarm(String alarmName, Instant at, String metric, String reason, boolean widens,
    String namespaces, String nodes, String alarm) {}
