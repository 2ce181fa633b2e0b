package com.incident.trigger.core;

/** The parts of one SNS record of a Lambda event that the trigger uses. */
public record SnsRecord(String messageId, String message, String timestamp) {}
