package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedAnalyzerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:20:00Z");
  private final RuleBasedAnalyzer analyzer = new RuleBasedAnalyzer();
  private final IncidentFacts podCpu = new IncidentClassifier(Clock.fixed(NOW, ZoneOffset.UTC), 30)
      .classify(Harness.request(AnalysisMode.ANALYZE).alarm());

  @Test
  void aStressPodSaturatingCpuIsTheStressWorkloadScenario() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.CLUSTER_OVERVIEW,
        "top pods by CPU: default/stress-ng-7f9c4 1950m, default/ui 420m", null));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.STRESS_WORKLOAD);
    assertThat(r.causes().getFirst().evidence().getFirst().observation()).contains("stress-ng-7f9c4 1950m");
    assertThat(r.analyzer()).isEqualTo("rule-based");
    assertThat(RuleBasedAnalyzer.signals(analyzer.findings(podCpu, evidence(item(ToolNames.CLUSTER_OVERVIEW,
        "default/stress-ng-7f9c4 1950m", null))))).containsExactly("cpu-stress-workload:stress-ng-7f9c4");
  }

  @Test
  void anImagePullFailureAfterARolloutIsTheBadImageScenario() {
    ObjectNode s = Json.object();
    s.putArray("pods").addObject().put("name", "catalog-6d8f9-abcde").put("reason", "ImagePullBackOff");
    AnalysisResult r = analyze(podCpu, item(ToolNames.POD_METRICS, "pod catalog restarts 0", s));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.BAD_IMAGE);
  }

  @Test
  void aDeploymentAtZeroReplicasIsTheScaledToZeroScenario() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.CLUSTER_OVERVIEW, "deployment carts: replicas: 0 available 0", null));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.SCALED_TO_ZERO);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.SCALED_TO_ZERO);
  }

  @Test
  void aRunningPodsAlarmAtZeroIsScaledToZeroEvenWithoutOtherEvidence() {
    AlarmDetails a = alarm("pod_number_of_running_pods", 0.0, Map.of("ClusterName", "c", "Namespace", "carts"));
    IncidentFacts facts = new IncidentClassifier(Clock.fixed(NOW, ZoneOffset.UTC), 30).classify(a);

    AnalysisResult r = analyzer.analyze(facts, Evidence.NONE, NOW);

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.SCALED_TO_ZERO);
    assertThat(r.causes().getFirst().evidence().getFirst().source()).isEqualTo("cloudwatch-alarm");
  }

  @Test
  void oomKilledOrCrashLoopIsMemoryLeakWithoutAutomaticRemediation() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.SEARCH_LOGS, "03:14 orders container terminated: OOMKilled (x4)", null));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.MEMORY_LEAK_OOM);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.NONE);
  }

  @Test
  void aSaturatedNodeIsFoundInTextOrStructuredMetrics() {
    AnalysisResult fromText = analyze(podCpu, item(ToolNames.NODE_METRICS,
        "node ip-10-0-1-23: node_cpu_utilization avg 90.1 max 98.5 p95 97.0", null));
    ObjectNode s = Json.object();
    s.putArray("series").addObject().put("name", "node_memory_utilization").put("max", 95.5).put("avg", 80.0);
    AnalysisResult fromNumbers = analyze(podCpu, item(ToolNames.NODE_METRICS, "node summary", s));

    assertThat(fromText.topCategory()).isEqualTo(RootCauseCategory.NODE_SATURATION);
    assertThat(fromText.causes().getFirst().evidence().getFirst().observation()).isEqualTo("최대 98.5%");
    assertThat(fromNumbers.topCategory()).isEqualTo(RootCauseCategory.NODE_SATURATION);
  }

  @Test
  void aNodeBelowNinetyPercentIsNotSaturated() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.NODE_METRICS, "node_cpu_utilization avg 71.0 max 88.0", null));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
  }

  @Test
  void anErrorBurstConcentratedInOneServiceIsAnAppErrorOrADependencyFailure() {
    ObjectNode app = Json.object();
    app.putArray("groups").addObject().put("key", "checkout").put("count", 180);
    ((com.fasterxml.jackson.databind.node.ArrayNode) app.get("groups")).addObject().put("key", "ui").put("count", 20);
    ObjectNode dep = app.deepCopy().put("top_message", "upstream connect error: connection refused");

    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "200 errors", app)).topCategory())
        .isEqualTo(RootCauseCategory.APP_ERROR_AFTER_DEPLOY);
    AnalysisResult r = analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "200 errors", dep));
    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.DEPENDENCY_FAILURE);
    assertThat(r.causes().getFirst().evidence().getFirst().observation()).isEqualTo("checkout: 에러 180건 (전체의 90%)");
  }

  @Test
  void errorsSpreadAcrossServicesOrTooFewAreNotABurst() {
    ObjectNode spread = Json.object();
    var groups = spread.putArray("groups");
    groups.addObject().put("key", "a").put("count", 50);
    groups.addObject().put("key", "b").put("count", 50);

    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "100 errors", spread)).topCategory())
        .isEqualTo(RootCauseCategory.UNKNOWN);
    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "checkout: 9\nui: 1", null)).topCategory())
        .isEqualTo(RootCauseCategory.UNKNOWN);
  }

  @Test
  void noEvidenceGivesAnHonestUnknownListingTheGaps() {
    Evidence none = new Evidence(List.of(), List.of(new Evidence.Gap(ToolNames.POD_METRICS, null, "AccessDenied")));

    AnalysisResult r = analyzer.analyze(podCpu, none, NOW);

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
    assertThat(r.causes().getFirst().evidence()).extracting(AnalysisResult.EvidenceRef::observation)
        .containsExactly("수집 실패: AccessDenied");
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.NONE);
    assertThat(r.immediateActions()).isNotEmpty().allMatch(Hangul::contains);
    assertThat(r.summary()).contains("원인 불명");
  }

  @Test
  void severalRulesAreRankedByProbabilityOnePerCategory() {
    AnalysisResult r = analyze(podCpu,
        item(ToolNames.CLUSTER_OVERVIEW, "default/stress-ng-1 1950m\ndefault/stress-ng-2 1900m", null),
        item(ToolNames.SEARCH_LOGS, "orders OOMKilled", null));

    assertThat(r.causes()).extracting(AnalysisResult.ProbableCause::category)
        .containsExactly(RootCauseCategory.CPU_STRESS_WORKLOAD, RootCauseCategory.MEMORY_LEAK_OOM);
  }

  @Test
  void similarIncidentTextIsNotMistakenForCurrentEvidence() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.GITHUB_FIND_SIMILAR, "#42 stress-ng ImagePullBackOff OOMKilled", null));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
  }

  private AnalysisResult analyze(IncidentFacts facts, Evidence.Item... items) {
    return analyzer.analyze(facts, evidence(items), NOW);
  }

  private static Evidence evidence(Evidence.Item... items) {
    return new Evidence(List.of(items), List.of());
  }

  private static Evidence.Item item(String tool, String text, JsonNode structured) {
    return new Evidence.Item(tool, Json.object(), text, structured);
  }

  private static AlarmDetails alarm(String metric, Double observed, Map<String, String> dims) {
    return new AlarmDetails("carts-down", "arn:aws:cloudwatch:us-west-2:1:alarm:carts-down", null, "1", "us-west-2",
        com.incident.common.incident.AlarmKind.METRIC, "ALARM", "OK", "Threshold Crossed", NOW.minusSeconds(60),
        "ContainerInsights", metric, dims, "Minimum", 60, 1, 1, 1.0, "LessThanThreshold", observed, List.of(), null);
  }
}
