package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.time.Instant;

/**
 * The window a Container Insights tool examined: [start, end) in {@code periodSeconds} datapoints; {@code anchor} is
 * the caller's end_time (the alarm time) when the window is T±minutes around it.
 */
public record InsightWindow(Instant start, Instant end, int periodSeconds, @Nullable Instant anchor) {}
