package com.incident.store;

/** What the trigger did with a delivery, recorded on its item; {@code action} is the trigger's own id. */
public record DeliveryOutcome(String action, String alarmName, String sessionId, String reason) {}
