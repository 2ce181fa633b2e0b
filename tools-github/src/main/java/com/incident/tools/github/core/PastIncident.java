package com.incident.tools.github.core;

import com.incident.common.incident.AnalysisResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A closed incident issue as similar-incident search sees it; the analysis is absent on hand-written issues. */
public record PastIncident(
    int number, String title, String url, Instant closedAt, List<String> labels, String body, Optional<AnalysisResult> analysis) {}
