package com.incident.agent.core;

import com.incident.common.incident.RemediationMode;
import java.time.Duration;
import java.util.List;

/**
 * Everything the workflow needs besides its collaborators; built from the environment by
 * {@link com.incident.agent.Config} and directly by tests and the local sandbox.
 *
 * @param finalReserve time kept back from the deadline for rendering, remediation and the last comments
 * @param remediationMode REMEDIATION_MODE: off never calls chaos-cleanup, dry-run calls it with dry_run
 * @param monitoredNamespaces MONITORED_NAMESPACES: where the Kubernetes evidence looks when the alarm names no
 *     namespace (ALB, metric-math and composite alarms); the deployment sets it to the chaos allowed namespaces
 * @param approvalExpiry APPROVAL_EXPIRY_MINUTES: how long a posted remediation plan can be approved
 */
public record WorkflowSettings(
    int maxTurns,
    int maxOutputTokens,
    long maxInputTokens,
    int evidenceMinutes,
    int periodSeconds,
    String logIndex,
    int logHours,
    String errorGroupBy,
    boolean datadogEnabled,
    List<String> excludeNamespaces,
    Duration toolTimeout,
    Duration finalReserve,
    int recoveryChecks,
    Duration recoveryInterval,
    Pricing pricing,
    String logsConsoleUrl,
    RemediationMode remediationMode,
    List<String> monitoredNamespaces,
    Duration approvalExpiry) {

  public WorkflowSettings {
    monitoredNamespaces = List.copyOf(monitoredNamespaces);
  }

  /** The template's default ApprovalExpiryMinutes. */
  public static final Duration DEFAULT_APPROVAL_EXPIRY = Duration.ofMinutes(60);

  /** The template's default ChaosAllowedNamespaces. */
  public static final List<String> DEFAULT_MONITORED_NAMESPACES = List.of("default");

  /** The settings in remediation mode auto, monitoring {@link #DEFAULT_MONITORED_NAMESPACES}. */
  public WorkflowSettings(int maxTurns, int maxOutputTokens, long maxInputTokens, int evidenceMinutes, int periodSeconds,
      String logIndex, int logHours, String errorGroupBy, boolean datadogEnabled, List<String> excludeNamespaces,
      Duration toolTimeout, Duration finalReserve, int recoveryChecks, Duration recoveryInterval, Pricing pricing,
      String logsConsoleUrl) {
    this(maxTurns, maxOutputTokens, maxInputTokens, evidenceMinutes, periodSeconds, logIndex, logHours, errorGroupBy,
        datadogEnabled, excludeNamespaces, toolTimeout, finalReserve, recoveryChecks, recoveryInterval, pricing,
        logsConsoleUrl, RemediationMode.AUTO, DEFAULT_MONITORED_NAMESPACES, DEFAULT_APPROVAL_EXPIRY);
  }

  public WorkflowSettings withRemediationMode(RemediationMode mode) {
    return new WorkflowSettings(maxTurns, maxOutputTokens, maxInputTokens, evidenceMinutes, periodSeconds, logIndex, logHours,
        errorGroupBy, datadogEnabled, excludeNamespaces, toolTimeout, finalReserve, recoveryChecks, recoveryInterval, pricing,
        logsConsoleUrl, mode, monitoredNamespaces, approvalExpiry);
  }

  public WorkflowSettings withMonitoredNamespaces(List<String> namespaces) {
    return new WorkflowSettings(maxTurns, maxOutputTokens, maxInputTokens, evidenceMinutes, periodSeconds, logIndex, logHours,
        errorGroupBy, datadogEnabled, excludeNamespaces, toolTimeout, finalReserve, recoveryChecks, recoveryInterval, pricing,
        logsConsoleUrl, remediationMode, namespaces, approvalExpiry);
  }

  public WorkflowSettings withApprovalExpiry(Duration expiry) {
    return new WorkflowSettings(maxTurns, maxOutputTokens, maxInputTokens, evidenceMinutes, periodSeconds, logIndex, logHours,
        errorGroupBy, datadogEnabled, excludeNamespaces, toolTimeout, finalReserve, recoveryChecks, recoveryInterval, pricing,
        logsConsoleUrl, remediationMode, monitoredNamespaces, expiry);
  }

  public static WorkflowSettings defaults() {
    return new WorkflowSettings(8, 4096, 400_000, 30, 60, "eks-app-logs", 1, "service", false,
        List.of("kube-system", "amazon-cloudwatch"), Duration.ofSeconds(30), Duration.ofSeconds(60), 4,
        Duration.ofSeconds(30), Pricing.CLAUDE_SONNET, null);
  }
}
