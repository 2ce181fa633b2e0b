package com.incident.trigger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.trigger.SnsFixtures;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
  private static final String POD_CPU = SnsFixtures.alarmMessage("a1", "ALARM", "OK");

  private static AlarmDetails alarm(String message) throws RejectedException {
    return AlarmParser.parse(message, null);
  }

  @Test
  void metricAlarmPromptStatesWhatWhereWhenThresholdValueAndWindowInKorean() throws Exception {
    String prompt = PromptBuilder.build(alarm(POD_CPU),
        AnalysisMode.ANALYZE, "inc-1");

    assertThat(prompt)
        .contains("CloudWatch 알람이 발생했습니다")
        .contains("- 알람 이름: a1")
        .contains("- 상태 변화: OK -> ALARM")
        .contains("- 발생 시각: 2026-11-21T03:15:12Z (2026-11-21 12:15:12 KST)")
        .contains("- 계정 / 리전: 123456789012 / us-west-2")
        .contains("- 메트릭: ContainerInsights / pod_cpu_utilization")
        .contains("- 파드: ui")
        .contains("- 임계값: > 80")
        .contains("- 관측값: 91.5")
        .contains("- 평가: 3 / 3 데이터포인트")
        .contains("- 시작 (T-30분): 2026-11-21T02:45:12Z")
        .contains("- 종료 (T+30분): 2026-11-21T03:45:12Z")
        .contains("GitHub 이슈를 한국어로 작성")
        .contains("인시던트 ID: inc-1");
  }

  @Test
  void compositeAndAnomalyAlarmsDescribeTheirRuleAndBand() throws Exception {
    String composite = PromptBuilder.build(alarm("""
        {"AlarmName":"ui-degraded","NewStateValue":"ALARM","OldStateValue":"OK",
         "StateChangeTime":"2026-11-21T03:15:12.000+0000",
         "AlarmRule":"ALARM(\\"cpu\\") AND ALARM(\\"latency\\")"}"""), AnalysisMode.ANALYZE, null);
    String anomaly = PromptBuilder.build(alarm("""
        {"AlarmName":"band","NewStateValue":"ALARM","StateChangeTime":"2026-11-21T03:15:12.000+0000",
         "Trigger":{"ComparisonOperator":"GreaterThanUpperThreshold","ThresholdMetricId":"ad1","EvaluationPeriods":2,
          "Metrics":[{"Id":"m1","ReturnData":true,"MetricStat":{"Metric":{"Namespace":"ContainerInsights",
            "MetricName":"pod_cpu_utilization","Dimensions":[{"name":"PodName","value":"ui"}]},"Period":60,"Stat":"Average"}},
           {"Id":"ad1","Expression":"ANOMALY_DETECTION_BAND(m1, 2)","ReturnData":true}]}}"""),
        AnalysisMode.ANALYZE, null);

    assertThat(composite).contains("- 복합 알람 규칙: ALARM(\"cpu\") AND ALARM(\"latency\")").doesNotContain("- 메트릭:");
    assertThat(anomaly).contains("- 임계값: 밴드 상한 초과").contains("- 식 ad1: ANOMALY_DETECTION_BAND(m1, 2)")
        .contains("- 관측값: 사유 문구에 값 없음");
  }

  @Test
  void secretsInFreeTextNeverReachTheModel() throws Exception {
    String message = POD_CPU
        .replace("ui pod CPU above 80%", "runbook: curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123' x");

    String prompt = PromptBuilder.build(alarm(message), AnalysisMode.ANALYZE, null);

    assertThat(prompt).doesNotContain("abcdefghijklmnopqrstuvwxyz0123").contains("runbook");
  }

  @Test
  void recurrenceAndRecoveryCarryTheirOwnInstructions() throws Exception {
    AlarmDetails a = alarm(POD_CPU);

    assertThat(PromptBuilder.build(a, AnalysisMode.RECURRENCE, "inc-1"))
        .contains("재발").contains("새 이슈를 만들지 말고").contains("인시던트 ID: inc-1");
    assertThat(PromptBuilder.build(a, AnalysisMode.RECOVERY, "inc-1"))
        .contains("복구를 검증").contains("이슈를 닫으세요").contains("이슈를 닫지 말고");
  }
}
