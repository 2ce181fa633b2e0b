package com.incident.agent.core;

import static com.incident.agent.core.ChronologyTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.agent.testing.ToolResults;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.InsightRow;
import com.incident.common.tool.result.PodMetricsResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricValuesTest {
  private final AlarmDetails cpu = Harness.request(AnalysisMode.ANALYZE).alarm();

  @Test
  void numbersCarryNoTrailingZeros() {
    assertThat(MetricValues.number(97.50)).isEqualTo("97.5");
    assertThat(MetricValues.number(80.0)).isEqualTo("80");
    assertThat(MetricValues.number(0.254)).isEqualTo("0.25");
    assertThat(MetricValues.number(Double.NaN)).isEqualTo("-");
  }

  @Test
  void aUtilizationAlarmReadsInPercentBeforeAnyEvidence() {
    assertThat(MetricValues.of(cpu).format(97.5)).isEqualTo("97.5%");
  }

  @Test
  void aCountSummedPerMinuteReadsAsCasesPerMinute() {
    AlarmDetails restarts = alarm("pod_number_of_container_restarts", "Sum", 60);
    AlarmDetails perFive = alarm("pod_number_of_container_restarts", "Sum", 300);
    AlarmDetails gauge = alarm("pod_number_of_container_restarts", "Maximum", 60);

    assertThat(MetricValues.of(restarts).format(42)).isEqualTo("42건/분");
    assertThat(MetricValues.of(perFive).format(42)).isEqualTo("42건/5분");
    assertThat(MetricValues.of(gauge).format(5)).isEqualTo("5");
  }

  @Test
  void theEvidenceSaysWhatUnitTheAlarmedMetricHas() {
    AlarmDetails custom = new AlarmDetails("errors", null, null, "1", "us-west-2", null, "ALARM", "OK", null,
        cpu.stateChangeTime(), "Custom/App", "pod_cpu_utilization", Map.of(), "Average", 60, 1, 1, 80.0,
        "GreaterThanThreshold", 91.0, List.of(), null);
    PodMetricsResult pods = new PodMetricsResult(ToolResults.CLUSTER, ToolResults.WINDOW, List.of(new InsightRow(
        InsightRow.Kind.POD, "default/ui", Map.of("PodName", "ui"), Map.of("pod_cpu_utilization",
            ToolResults.percent(60, 91, 90, 80)), List.of())), List.of(), null);

    assertThat(MetricValues.of(custom).format(91)).isEqualTo("91");
    assertThat(MetricValues.of(custom, new Evidence(List.of(item(ToolNames.POD_METRICS, pods)), List.of())).format(91))
        .isEqualTo("91%");
  }

  private AlarmDetails alarm(String metric, String statistic, int period) {
    return new AlarmDetails(cpu.alarmName(), cpu.alarmArn(), null, cpu.accountId(), cpu.region(), cpu.kind(), "ALARM",
        "OK", null, cpu.stateChangeTime(), "ContainerInsights", metric, cpu.dimensions(), statistic, period, 1, 1, 3.0,
        "GreaterThanThreshold", 42.0, List.of(), null);
  }
}
