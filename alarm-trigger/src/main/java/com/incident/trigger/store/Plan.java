package com.incident.trigger.store;

import com.incident.common.incident.AnalysisMode;
import com.incident.trigger.core.Action;

/** The session a message will start, stored on the message record so a redelivery resumes the same one. */
public record Plan(Action action, AnalysisMode mode, String incidentId, String sessionId) {}
