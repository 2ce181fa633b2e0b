package com.incident.trigger.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.MetricRef;
import com.incident.common.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** The Korean analysis request the agent receives; free text from the alarm is redacted first. */
public final class PromptBuilder {
  public static final Duration WINDOW = Duration.ofMinutes(30);
  private static final DateTimeFormatter KST =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'").withZone(ZoneId.of("Asia/Seoul"));

  private PromptBuilder() {}

  public static String build(AlarmDetails a, AnalysisMode mode, String incidentId) {
    if (mode == AnalysisMode.COMMAND) {
      throw new IllegalArgumentException("a command session has no alarm prompt");
    }
    Instant at = a.stateChangeTime().truncatedTo(ChronoUnit.SECONDS);
    StringBuilder p = new StringBuilder();
    p.append(switch (mode) {
      case ANALYZE -> "CloudWatch 알람이 발생했습니다. 원인을 분석해 주세요.\n\n";
      case RECURRENCE -> "이미 열려 있는 인시던트의 알람이 다시 발생했습니다 (재발).\n\n";
      case RECOVERY -> "인시던트 알람이 OK 상태로 돌아왔습니다. 복구를 검증해 주세요.\n\n";
      case CORRELATED -> "열린 인시던트와 관련된 알람이 발생해 같은 인시던트로 묶였습니다.\n\n";
      case COMMAND -> throw new AssertionError("checked above");
    });
    p.append("## 알람\n");
    line(p, "알람 이름", a.alarmName());
    line(p, "설명", redact(a.description()));
    line(p, "유형", a.kind().id());
    line(p, "상태 변화", (a.oldState() == null ? "?" : a.oldState()) + " -> " + a.newState());
    line(p, "발생 시각", at + " (" + KST.format(at) + ")");
    line(p, "계정 / 리전", a.accountId() + " / " + a.region());
    line(p, "사유", redact(a.reason()));
    p.append("\n## 대상\n");
    if (a.kind() == AlarmKind.COMPOSITE) {
      line(p, "복합 알람 규칙", a.alarmRule());
    } else {
      line(p, "메트릭", a.namespace() == null ? a.metricName() : a.namespace() + " / " + a.metricName());
      line(p, "차원", dims(a.dimensions()));
      line(p, "통계 / 주기", a.statistic() + (a.periodSeconds() == null ? "" : " / " + a.periodSeconds() + "s"));
      for (MetricRef r : a.metrics()) {
        line(p, "식 " + r.id(), r.expression() != null ? r.expression()
            : r.namespace() + " / " + r.metricName() + " " + dims(r.dimensions()) + " " + r.stat());
      }
    }
    line(p, "클러스터", a.clusterName());
    line(p, "네임스페이스", a.k8sNamespace());
    line(p, "파드", a.podName());
    line(p, "노드", a.nodeName());
    line(p, "서비스", a.serviceName());
    p.append("\n## 임계값과 관측값\n");
    line(p, "임계값", a.threshold() == null ? comparison(a.comparisonOperator())
        : (a.comparisonOperator() == null ? "" : comparison(a.comparisonOperator()) + " ")
            + number(a.threshold()));
    line(p, "관측값", a.observedValue() == null ? "사유 문구에 값 없음" : number(a.observedValue()));
    line(p, "평가", a.evaluationPeriods() == null ? null
        : (a.datapointsToAlarm() == null ? a.evaluationPeriods() : a.datapointsToAlarm()) + " / "
            + a.evaluationPeriods() + " 데이터포인트");
    p.append("\n## 조사 구간\n");
    line(p, "시작 (T-30분)", at.minus(WINDOW).toString());
    line(p, "종료 (T+30분)", at.plus(WINDOW).toString());
    p.append("\n## 요청\n");
    p.append(switch (mode) {
      case ANALYZE -> """
          1. 조사 구간의 Container Insights 메트릭, 로그(OpenSearch), APM(Datadog)을 확인하세요.
          2. 최근 배포와 설정 변경(GitHub), 진행 중인 카오스 실험을 확인하세요.
          3. 근본 원인을 고정 분류 중 하나로 판단하고 근거를 제시하세요.
          4. 인시던트 타임라인과 근본 원인을 담은 GitHub 이슈를 한국어로 작성하세요.
          5. 알려진 카오스 장애라면 정리(cleanup)하세요.
          """;
      case RECURRENCE -> """
          1. 새 이슈를 만들지 말고 기존 인시던트 이슈에 재발 코멘트를 남기세요.
          2. 이전 분석 이후 달라진 메트릭과 로그만 간단히 확인하세요.
          3. 근본 원인이 달라 보이면 그 근거를 코멘트에 적으세요.
          """;
      case CORRELATED -> """
          1. 새 이슈를 만들지 말고 기존 인시던트 이슈에 연관 알람 코멘트를 남기세요.
          2. 이미 게시된 분석에 없는 네임스페이스나 노드가 더해졌다면 합친 증거로 한 번만 재분석하세요.
          """;
      case RECOVERY -> """
          1. 조사 구간의 메트릭이 임계값 안으로 안정적으로 돌아왔는지 확인하세요.
          2. 복구가 확인되면 기존 인시던트 이슈에 복구 코멘트를 남기고 이슈를 닫으세요.
          3. 복구가 불확실하면 이슈를 닫지 말고 그 이유를 코멘트로 남기세요.
          """;
      case COMMAND -> throw new AssertionError("checked above");
    });
    if (incidentId != null) {
      line(p, "\n인시던트 ID", incidentId);
    }
    return p.toString();
  }

  private static void line(StringBuilder p, String label, Object value) {
    if (value != null && !String.valueOf(value).isBlank() && !"null".equals(String.valueOf(value))) {
      p.append("- ").append(label).append(": ").append(value).append('\n');
    }
  }

  private static String redact(String text) {
    return text == null ? null : Redactor.DEFAULT.redact(text);
  }

  private static String dims(Map<String, String> dims) {
    return dims == null || dims.isEmpty() ? null
        : dims.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String comparison(String op) {
    if (op == null) {
      return null;
    }
    return switch (op) {
      case "GreaterThanThreshold" -> ">";
      case "GreaterThanOrEqualToThreshold" -> ">=";
      case "LessThanThreshold" -> "<";
      case "LessThanOrEqualToThreshold" -> "<=";
      case "LessThanLowerOrGreaterThanUpperThreshold" -> "밴드 밖 (하한 미만 또는 상한 초과)";
      case "GreaterThanUpperThreshold" -> "밴드 상한 초과";
      case "LessThanLowerThreshold" -> "밴드 하한 미만";
      default -> op;
    };
  }
}
