package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code k8s-find-chaos}: chaos-cleanup's signature scan, read-only. {@code matches} are what chaos-cleanup would
 * do for this scope (every action with status {@code dry-run}, or {@code not-run} when more actions would be
 * needed than allowed); {@code leftAlone} the matches it would not touch, and why.
 *
 * @param scope the incident scope the scan used (from the alarm's dimensions)
 * @param namespaces the namespaces scanned
 * @param rejectedNamespaces requested namespaces outside the allowlist or in the hard denylist: not read
 * @param maxActions chaos-cleanup's action limit
 * @param notes anything that could not be read
 */
public record K8sChaosScanResult(String cluster, ChaosCleanupResult.Scope scope, List<String> namespaces,
    List<ChaosCleanupResult.Rejection> rejectedNamespaces, int maxActions, List<ChaosCleanupResult.Action> matches,
    List<ChaosCleanupResult.LeftAlone> leftAlone, List<String> notes, @Nullable String noDataReason) {}
