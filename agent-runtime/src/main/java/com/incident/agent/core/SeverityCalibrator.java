package com.incident.agent.core;

import com.incident.common.incident.Severity;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.AnomalyDetectionResult;
import com.incident.common.tool.result.DatadogTracesResult;
import com.incident.common.tool.result.ErrorSummaryResult;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.K8sWorkloadResult;
import com.incident.common.tool.result.NodeMetricsResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Severity from the incident's impact as the evidence shows it, not from the alarm: the share of the alarmed
 * service's replicas that are unavailable (k8s-describe-workload), the error rate against its baseline (OpenSearch
 * anomaly runs and error summary, Datadog traces) and node saturation (node metrics). The strongest impact decides;
 * with no impact evidence at all the alarm's severity stands, and evidence that shows the service whole and its
 * errors flat caps it at MEDIUM.
 */
public final class SeverityCalibrator {
  /** A calibrated severity and the Korean one-line reason the overview shows. */
  public record Calibration(Severity severity, String reason, boolean fromImpact) {}

  /** One measured impact: how severe it makes the incident and the words for it. */
  private record Impact(Severity severity, String reason) {}

  static final double NODE_SATURATED = 90.0;
  static final double NODE_BUSY = 80.0;
  static final double ERROR_BURST_RATIO = 10.0;
  static final double ERROR_RISE_RATIO = 3.0;

  private SeverityCalibrator() {}

  public static Calibration calibrate(IncidentFacts facts, Evidence evidence) {
    List<Impact> impacts = new ArrayList<>();
    Optional<Impact> replicas = replicas(facts, evidence);
    replicas.ifPresent(impacts::add);
    Optional<Impact> errors = errors(evidence);
    errors.ifPresent(impacts::add);
    nodes(facts, evidence).ifPresent(impacts::add);
    Optional<Impact> worst = impacts.stream().filter(i -> i.severity() != null)
        .min(Comparator.comparing(Impact::severity));
    if (worst.isPresent()) {
      return new Calibration(worst.get().severity(), worst.get().reason(), true);
    }
    if (replicas.isPresent() && errors.isPresent()) {
      // Both measured and both quiet: whatever the alarm says, the service is whole and not failing requests.
      Severity capped = facts.severity().compareTo(Severity.MEDIUM) < 0 ? Severity.MEDIUM : facts.severity();
      return new Calibration(capped, replicas.get().reason() + ", " + errors.get().reason()
          + ": 서비스 영향이 확인되지 않음", true);
    }
    return new Calibration(facts.severity(), "영향을 확인할 증거가 없어 알람 기준 심각도를 유지", false);
  }

  /**
   * The alarmed workload (the one whose pods include the alarmed pod, or in the alarmed namespace whose name is the
   * alarmed service) and how many of its desired replicas are unavailable; a Deployment scaled to zero counts as
   * all unavailable when its last-applied configuration wanted replicas (not when zero is what was applied).
   */
  static Optional<Impact> replicas(IncidentFacts facts, Evidence evidence) {
    for (K8sWorkloadResult r : evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class)) {
      for (K8sWorkloadResult.Workload w : r.workloads()) {
        if (!alarmed(facts, w) || w.replicas().desired() == null) {
          continue;
        }
        int desired = w.replicas().desired();
        String name = w.namespace() + "/" + w.name();
        if (desired == 0) {
          Integer wanted = w.lastAppliedReplicas();
          return Optional.of(wanted != null && wanted > 0
              ? new Impact(Severity.CRITICAL, "서비스 " + name + " 복제본 0개 (원래 " + wanted + "개): 전부 사용 불가")
              : new Impact(null, "서비스 " + name + " 복제본 0개는 적용된 설정 그대로"));
        }
        int unavailable = Math.max(0, desired - w.replicas().available());
        int noEndpoints = (int) w.services().stream().filter(s -> s.readyAddresses() == 0).count();
        double share = unavailable / (double) desired;
        String text = "서비스 " + name + " 복제본 " + desired + "개 중 " + unavailable + "개 사용 불가 ("
            + MetricValues.Unit.PERCENT.format(share * 100) + ")";
        if (share >= 1.0 || noEndpoints > 0 && !w.services().isEmpty()) {
          return Optional.of(new Impact(Severity.CRITICAL, share >= 1.0 ? text
              : text + ", 준비된 엔드포인트가 없는 서비스 " + noEndpoints + "개"));
        }
        return Optional.of(new Impact(share >= 0.5 ? Severity.HIGH : share > 0 ? Severity.MEDIUM : null,
            share > 0 ? text : "서비스 " + name + " 복제본 " + desired + "개 모두 정상"));
      }
    }
    return Optional.empty();
  }

  private static boolean alarmed(IncidentFacts facts, K8sWorkloadResult.Workload w) {
    if (facts.namespace() != null && !facts.namespace().equals(w.namespace())) {
      return false;
    }
    // Container Insights' PodName is the pod's name without the generated suffix (the workload's pod prefix).
    return facts.pod() != null && (facts.pod().equals(w.name()) || w.pods().stream().anyMatch(p -> ownPod(facts, p)))
        || facts.service() != null && facts.service().equals(w.name());
  }

  private static boolean ownPod(IncidentFacts facts, K8sWorkloadResult.Pod p) {
    return p.name().equals(facts.pod()) || p.name().startsWith(facts.pod() + "-");
  }

  /** Errors against their baseline: the steepest measured rise of the window, or a quiet measurement. */
  static Optional<Impact> errors(Evidence evidence) {
    Optional<Impact> measured = Optional.empty();
    for (AnomalyDetectionResult r : evidence.results(ToolNames.ANOMALY_DETECTION, AnomalyDetectionResult.class)) {
      if (r.median() == null) {
        continue;
      }
      Optional<AnomalyDetectionResult.Run> peak = r.anomalies().stream()
          .max(Comparator.comparingDouble(AnomalyDetectionResult.Run::peakValue));
      if (peak.isEmpty()) {
        measured = Optional.of(new Impact(null, "에러 수 기준선 대비 변화 없음"));
        continue;
      }
      double base = Math.max(1.0, r.median());
      double ratio = peak.get().peakValue() / base;
      String text = "에러 " + MetricValues.number(peak.get().peakValue()) + "건/구간 (기준선 " + MetricValues.number(r.median())
          + "건, " + String.format(Locale.ROOT, "%.0f", ratio) + "배)";
      Severity s = ratio >= ERROR_BURST_RATIO ? Severity.HIGH : ratio >= ERROR_RISE_RATIO ? Severity.MEDIUM : null;
      return Optional.of(new Impact(s, s == null ? "에러 수 기준선 대비 큰 변화 없음" : text));
    }
    for (DatadogTracesResult r : evidence.results(ToolNames.DATADOG_GET_TRACES, DatadogTracesResult.class)) {
      if (r.spans() == 0) {
        continue;
      }
      double rate = r.errors() / (double) r.spans();
      String text = "요청 에러율 " + MetricValues.Unit.PERCENT.format(rate * 100) + " (" + r.errors() + "/" + r.spans() + "건)";
      return Optional.of(new Impact(rate >= 0.5 ? Severity.CRITICAL : rate >= 0.1 ? Severity.HIGH
          : rate >= 0.01 ? Severity.MEDIUM : null, rate >= 0.01 ? text : "요청 에러율 1% 미만"));
    }
    for (ErrorSummaryResult r : evidence.results(ToolNames.ERROR_SUMMARY, ErrorSummaryResult.class)) {
      // No error line in the window is a measurement too: the service is not failing requests it logs.
      if (r.risingSince() != null) {
        return Optional.of(new Impact(Severity.MEDIUM, "에러 로그 " + r.total() + "건, 기준선을 넘는 증가 확인"));
      }
      measured = measured.or(() -> Optional.of(new Impact(null, "에러 로그 급증 없음")));
    }
    return measured;
  }

  /**
   * How saturated the CPU or memory of the nodes the incident touches is: the alarmed node; for a pod alarm the
   * nodes its pods run on (from k8s-describe-workload; none known, none judged); for a cluster alarm every node.
   */
  static Optional<Impact> nodes(IncidentFacts facts, Evidence evidence) {
    java.util.Set<String> touched = new java.util.HashSet<>();
    if (facts.node() != null) {
      touched.add(facts.node());
    } else if (facts.pod() != null) {
      evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class).stream()
          .flatMap(r -> r.workloads().stream()).flatMap(w -> w.pods().stream())
          .filter(p -> ownPod(facts, p) && p.node() != null).forEach(p -> touched.add(p.node()));
      if (touched.isEmpty()) {
        return Optional.empty();
      }
    }
    Impact worst = null;
    for (NodeMetricsResult r : evidence.results(ToolNames.NODE_METRICS, NodeMetricsResult.class)) {
      for (InsightRow n : r.nodes()) {
        if (!touched.isEmpty() && !touched.contains(n.dimensions().get("NodeName"))) {
          continue;
        }
        for (String metric : List.of(NodeMetricsResult.CPU, NodeMetricsResult.MEMORY)) {
          Optional<InsightRow.Summary> s = n.metric(metric);
          if (s.isEmpty() || s.get().p95() < NODE_BUSY) {
            continue;
          }
          Severity sev = s.get().p95() >= NODE_SATURATED ? Severity.HIGH : Severity.MEDIUM;
          if (worst == null || sev.compareTo(worst.severity()) < 0) {
            String node = n.dimensions().getOrDefault("NodeName", n.name());
            worst = new Impact(sev, "노드 " + node + (metric.equals(NodeMetricsResult.CPU) ? " CPU" : " 메모리")
                + (sev == Severity.HIGH ? " 포화" : " 사용률 높음") + " (p95 " + MetricValues.Unit.PERCENT.format(s.get().p95()) + ")");
          }
        }
      }
    }
    return Optional.ofNullable(worst);
  }
}
