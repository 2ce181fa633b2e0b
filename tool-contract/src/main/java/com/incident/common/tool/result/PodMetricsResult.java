package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code container-insight-pod-metrics}: one row per pod shown, in the order the tool ranked them (the named pod,
 * or the top pods by peak CPU). {@code noDataReason} says why {@code pods} is empty when no series was found.
 */
public record PodMetricsResult(String cluster, InsightWindow window, List<InsightRow> pods, List<String> notes,
    @Nullable String noDataReason) {}
