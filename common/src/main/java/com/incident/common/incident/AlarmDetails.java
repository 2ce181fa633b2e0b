package com.incident.common.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A CloudWatch alarm state change as parsed from its SNS notification; the wire type between alarm-trigger
 * and agent-runtime. For metric-math and anomaly alarms {@code namespace}/{@code metricName}/{@code dimensions}
 * describe the first returned metric, and {@code metrics} holds them all; composite alarms carry
 * {@code alarmRule} and no metric.
 */
public record AlarmDetails(
    String alarmName,
    String alarmArn,
    String description,
    String accountId,
    String region,
    AlarmKind kind,
    String newState,
    String oldState,
    String reason,
    Instant stateChangeTime,
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    String statistic,
    Integer periodSeconds,
    Integer evaluationPeriods,
    Integer datapointsToAlarm,
    Double threshold,
    String comparisonOperator,
    Double observedValue,
    List<MetricRef> metrics,
    String alarmRule) {

  public String dimension(String name) {
    return dimensions == null ? null : dimensions.get(name);
  }

  public String clusterName() {
    return dimension("ClusterName");
  }

  public String k8sNamespace() {
    return dimension("Namespace");
  }

  public String podName() {
    return dimension("PodName");
  }

  public String nodeName() {
    return dimension("NodeName");
  }

  public String serviceName() {
    return dimension("Service");
  }
}
