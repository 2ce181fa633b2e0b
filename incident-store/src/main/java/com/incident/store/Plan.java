package com.incident.store;

import com.incident.common.incident.AnalysisMode;

/** The session a delivery will start, kept on the delivery's item so a redelivery resumes the same one. */
public record Plan(AnalysisMode mode, String incidentId, String sessionId) {}
