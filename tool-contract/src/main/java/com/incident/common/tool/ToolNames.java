package com.incident.common.tool;

import java.util.List;
import java.util.Optional;

/** Every tool of the suite, and which target (tool Lambda) owns it, by name prefix. */
public final class ToolNames {
  public static final String POD_METRICS = "container-insight-pod-metrics";
  public static final String NODE_METRICS = "container-insight-node-metrics";
  public static final String CLUSTER_OVERVIEW = "container-insight-cluster-overview";
  public static final String SEARCH_LOGS = "opensearch-search-logs";
  public static final String ANOMALY_DETECTION = "opensearch-anomaly-detection";
  public static final String ERROR_SUMMARY = "opensearch-get-error-summary";
  public static final String DATADOG_QUERY_METRICS = "datadog-query-metrics";
  public static final String DATADOG_GET_EVENTS = "datadog-get-events";
  public static final String DATADOG_GET_TRACES = "datadog-get-traces";
  public static final String DATADOG_GET_MONITORS = "datadog-get-monitors";
  public static final String GITHUB_CREATE_ISSUE = "github-create-issue";
  public static final String GITHUB_ADD_COMMENT = "github-add-comment";
  public static final String GITHUB_LIST_ISSUES = "github-list-issues";
  public static final String GITHUB_CLOSE_ISSUE = "github-close-issue";
  public static final String GITHUB_FIND_SIMILAR = "github-find-similar-incidents";
  /** Edits an incident issue: its body (status and chronology), its labels, or one of its comments. */
  public static final String GITHUB_UPDATE_ISSUE = "github-update-issue";
  /** A login's permission on the repository, asked of GitHub (who may approve a remediation). */
  public static final String GITHUB_GET_PERMISSION = "github-get-permission";
  public static final String CHAOS_CLEANUP = "chaos-cleanup";
  public static final String K8S_DESCRIBE_WORKLOAD = "k8s-describe-workload";
  public static final String K8S_GET_EVENTS = "k8s-get-events";
  public static final String K8S_POD_LOGS = "k8s-pod-logs";
  public static final String K8S_NODE_STATUS = "k8s-node-status";
  public static final String K8S_FIND_CHAOS = "k8s-find-chaos";

  public static final List<String> ALL = List.of(
      POD_METRICS, NODE_METRICS, CLUSTER_OVERVIEW,
      SEARCH_LOGS, ANOMALY_DETECTION, ERROR_SUMMARY,
      DATADOG_QUERY_METRICS, DATADOG_GET_EVENTS, DATADOG_GET_TRACES, DATADOG_GET_MONITORS,
      GITHUB_CREATE_ISSUE, GITHUB_ADD_COMMENT, GITHUB_LIST_ISSUES, GITHUB_CLOSE_ISSUE, GITHUB_FIND_SIMILAR,
      GITHUB_UPDATE_ISSUE, GITHUB_GET_PERMISSION,
      CHAOS_CLEANUP,
      K8S_DESCRIBE_WORKLOAD, K8S_GET_EVENTS, K8S_POD_LOGS, K8S_NODE_STATUS, K8S_FIND_CHAOS);

  /** The tool targets: one Lambda each, owning every tool whose name starts with {@link Target#prefix()}. */
  public enum Target {
    CONTAINER_INSIGHT("container-insight-"),
    OPENSEARCH("opensearch-"),
    DATADOG("datadog-"),
    GITHUB("github-"),
    CHAOS("chaos-"),
    /** Read-only Kubernetes evidence: no write verb anywhere in this target. */
    KUBERNETES("k8s-");

    private final String prefix;

    Target(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    public static Optional<Target> forTool(String toolName) {
      for (Target t : values()) {
        if (toolName != null && toolName.startsWith(t.prefix)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  private ToolNames() {}
}
