package com.incident.trigger.core;

/** One line of the handler's summary: {@code {"results":[TriggerResult...]}}. */
public record TriggerResult(
    String messageId, String alarmName, String state, Action action, String sessionId, String reason) {}
