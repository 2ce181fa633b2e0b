package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives {@link IncidentFacts} (type, severity, affected objects, window) from an alarm. */
public final class IncidentClassifier {
  private static final Pattern SEVERITY_HINT = Pattern.compile("(?i)severity[:=\\s]+(critical|high|medium|low)");

  private final Clock clock;
  private final int windowMinutes;

  public IncidentClassifier(Clock clock, int windowMinutes) {
    this.clock = clock;
    this.windowMinutes = windowMinutes;
  }

  public IncidentFacts classify(AlarmDetails alarm) {
    Instant alarmAt = alarm.stateChangeTime() == null ? clock.instant() : alarm.stateChangeTime();
    Instant now = clock.instant();
    Instant end = now.isAfter(alarmAt) ? now : alarmAt;
    if (Duration.between(alarmAt, end).toMinutes() > windowMinutes) {
      end = alarmAt.plus(Duration.ofMinutes(windowMinutes));
    }
    IncidentType type = type(alarm);
    return new IncidentFacts(alarm, type, severity(alarm, type), alarm.clusterName(), alarm.k8sNamespace(),
        alarm.serviceName(), alarm.podName(), alarm.nodeName(), alarmAt,
        alarmAt.minus(Duration.ofMinutes(windowMinutes)), end);
  }

  /**
   * The type from what the alarm measures: its metric names (every metric of a metric-math or anomaly alarm). The
   * alarm's name and a composite's rule (which only names other alarms) are labels a person chose, not signals.
   */
  static IncidentType type(AlarmDetails alarm) {
    StringBuilder metrics = new StringBuilder(nz(alarm.metricName()));
    if (alarm.metrics() != null) {
      alarm.metrics().forEach(m -> metrics.append(' ').append(nz(m.metricName())));
    }
    String subject = metrics.toString().toLowerCase(Locale.ROOT);
    if (subject.matches(".*(restart|running_pods|replica|available|health|down).*")) {
      return IncidentType.SERVICE_DOWN;
    }
    if (subject.matches(".*(error|5xx|fault|exception|fail).*")) {
      return IncidentType.ERROR_SURGE;
    }
    if (subject.matches(".*(latency|duration|response_time|p99|p95|slow).*")) {
      return IncidentType.PERFORMANCE_DEGRADATION;
    }
    if (subject.matches(".*(cpu|memory|mem_|filesystem|disk|utilization).*")) {
      return IncidentType.RESOURCE_SATURATION;
    }
    return IncidentType.PERFORMANCE_DEGRADATION;
  }

  static Severity severity(AlarmDetails alarm, IncidentType type) {
    Matcher hint = SEVERITY_HINT.matcher(nz(alarm.description()) + " " + nz(alarm.alarmName()));
    if (hint.find()) {
      return Severity.valueOf(hint.group(1).toUpperCase(Locale.ROOT));
    }
    return switch (type) {
      case SERVICE_DOWN -> Severity.CRITICAL;
      case ERROR_SURGE -> Severity.HIGH;
      case RESOURCE_SATURATION -> overshoot(alarm) >= 1.2 || nearFull(alarm) || alarm.nodeName() != null
          ? Severity.HIGH : Severity.MEDIUM;
      case PERFORMANCE_DEGRADATION -> Severity.MEDIUM;
    };
  }

  /** Utilization metrics are percentages: 90 % and above leaves no headroom whatever the threshold. */
  private static boolean nearFull(AlarmDetails alarm) {
    return alarm.observedValue() != null && nz(alarm.metricName()).contains("utilization") && alarm.observedValue() >= 90;
  }

  private static double overshoot(AlarmDetails alarm) {
    if (alarm.observedValue() == null || alarm.threshold() == null || alarm.threshold() == 0) {
      return 1;
    }
    return alarm.observedValue() / alarm.threshold();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
