package com.incident.common.series;

import java.time.Instant;

/** One datapoint of a metric series. */
public record SeriesPoint(Instant time, double value) {}
