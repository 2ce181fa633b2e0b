package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code container-insight-cluster-overview}: the cluster row (node count and failed nodes), namespaces by average
 * pod CPU, the top pods by peak CPU and by container restarts, each list most relevant first, and how many
 * namespaces and pods were discovered. {@code noDataReason} says why everything is empty when nothing was found.
 */
public record ClusterOverviewResult(String cluster, InsightWindow window, List<String> excludedNamespaces,
    InsightRow clusterNodes, List<InsightRow> namespaces, List<InsightRow> topPodsByCpu,
    List<InsightRow> topPodsByRestarts, Discovered discovered, List<String> notes, @Nullable String noDataReason) {

  public record Discovered(int namespaces, int pods) {}
}
