package com.incident.agent.records;

import java.time.Instant;

/** What the agent reads back from an incident item. */
public record IncidentRecord(
    String incidentId,
    String alarmName,
    String status,
    Integer issueNumber,
    String issueUrl,
    Instant alarmAt,
    Instant issueCreatedAt,
    Integer occurrences,
    String evidenceSignals) {}
