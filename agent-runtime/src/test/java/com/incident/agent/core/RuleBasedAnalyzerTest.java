package com.incident.agent.core;

import static com.incident.agent.testing.ToolResults.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.ToolResults;
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
import java.util.LinkedHashMap;
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
        "top pods by CPU: default/stress-ng-7f9c4 1950m, default/ui 420m", overview("default/stress-ng-7f9c4", "default/ui")));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.STRESS_WORKLOAD);
    assertThat(r.causes().getFirst().evidence().getFirst().observation()).contains("stress-ng-7f9c4 1950m");
    assertThat(r.analyzer()).isEqualTo("rule-based");
    assertThat(RuleBasedAnalyzer.signals(analyzer.findings(podCpu, evidence(item(ToolNames.CLUSTER_OVERVIEW,
        "default/stress-ng-7f9c4 1950m", overview("default/stress-ng-7f9c4"))))))
        .containsExactly("cpu-stress-workload:stress-ng-7f9c4");
  }

  @Test
  void anImagePullFailureAfterARolloutIsTheBadImageScenario() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.DATADOG_GET_EVENTS, "datadog-get-events events=1",
        json(ToolResults.datadogEvents("Back-off pulling image catalog:1.4.0 in pod catalog-6d8f9-abcde: ImagePullBackOff"))));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.BAD_IMAGE);
  }

  @Test
  void aDeploymentAtZeroReplicasIsTheScaledToZeroScenario() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.CLUSTER_OVERVIEW, "deployment carts: replicas: 0 available 0",
        overview("default/ui")));

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
    AnalysisResult r = analyze(podCpu, item(ToolNames.SEARCH_LOGS, "03:14 orders container terminated: OOMKilled (x4)",
        json(ToolResults.searchLogs("orders", "container terminated: OOMKilled"))));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.MEMORY_LEAK_OOM);
    assertThat(r.remediation().scenario()).isEqualTo(ChaosScenario.NONE);
  }

  @Test
  void aSaturatedNodeIsFoundInTheNodeMetricsByCpuOrMemory() {
    AnalysisResult cpu = analyze(podCpu, item(ToolNames.NODE_METRICS, "node ip-10-0-1-23", nodes(98.5, 60.0)));
    AnalysisResult memory = analyze(podCpu, item(ToolNames.NODE_METRICS, "node ip-10-0-1-23", nodes(40.0, 95.5)));

    assertThat(cpu.topCategory()).isEqualTo(RootCauseCategory.NODE_SATURATION);
    assertThat(cpu.causes().getFirst().evidence().getFirst().observation()).isEqualTo("최대 98.5%");
    assertThat(cpu.causes().getFirst().evidence().getFirst().signal()).startsWith("node_cpu_utilization (ip-10-0-1-23");
    assertThat(RuleBasedAnalyzer.signals(analyzer.evidenceFindings(podCpu, evidence(item(ToolNames.NODE_METRICS, "", nodes(40.0, 95.5))))))
        .containsExactly("node-saturation:node_memory_utilization");
    assertThat(memory.topCategory()).isEqualTo(RootCauseCategory.NODE_SATURATION);
  }

  @Test
  void aNodeBelowNinetyPercentIsNotSaturated() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.NODE_METRICS, "node ip-10-0-1-23", nodes(88.0, 71.0)));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
  }

  @Test
  void podsAreNotNodes() {
    AnalysisResult r = analyze(podCpu, item(ToolNames.POD_METRICS, "pod default/nodejs-api",
        json(ToolResults.podMetrics(Map.of("default/nodejs-api", 97.0)))));

    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
  }

  @Test
  void anErrorBurstConcentratedInOneServiceIsAnAppErrorOrADependencyFailure() {
    JsonNode app = errors("java.lang.NullPointerException at DiscountEngine.apply", Map.of("checkout", 180L, "ui", 20L));
    JsonNode dep = errors("upstream connect error: connection refused", Map.of("checkout", 180L, "ui", 20L));

    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "200 errors", app)).topCategory())
        .isEqualTo(RootCauseCategory.APP_ERROR_AFTER_DEPLOY);
    AnalysisResult r = analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "200 errors", dep));
    assertThat(r.topCategory()).isEqualTo(RootCauseCategory.DEPENDENCY_FAILURE);
    assertThat(r.causes().getFirst().evidence().getFirst().observation()).isEqualTo("checkout: 에러 180건 (전체의 90%)");
  }

  @Test
  void errorsSpreadAcrossServicesOrTooFewAreNotABurst() {
    JsonNode spread = errors("request failed", Map.of("a", 50L, "b", 50L));
    JsonNode few = errors("request failed", Map.of("checkout", 9L, "ui", 1L));

    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "100 errors", spread)).topCategory())
        .isEqualTo(RootCauseCategory.UNKNOWN);
    assertThat(analyze(podCpu, item(ToolNames.ERROR_SUMMARY, "- checkout: 9\n- ui: 1", few)).topCategory())
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
        item(ToolNames.CLUSTER_OVERVIEW, "default/stress-ng-1 1950m\ndefault/stress-ng-2 1900m",
            overview("default/stress-ng-1", "default/stress-ng-2")),
        item(ToolNames.SEARCH_LOGS, "orders OOMKilled", json(ToolResults.searchLogs("orders", "OOMKilled"))));

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

  private static JsonNode overview(String... topPodsByCpu) {
    return json(ToolResults.clusterOverview(topPodsByCpu));
  }

  private static JsonNode nodes(double cpuMax, double memoryMax) {
    return json(ToolResults.nodeMetrics("ip-10-0-1-23.us-west-2.compute.internal", cpuMax, memoryMax));
  }

  /** Groups in the tool's order, most errors first. */
  private static JsonNode errors(String topMessage, Map<String, Long> counts) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return json(ToolResults.errorSummary(topMessage, ordered));
  }

  private static AlarmDetails alarm(String metric, Double observed, Map<String, String> dims) {
    return new AlarmDetails("carts-down", "arn:aws:cloudwatch:us-west-2:1:alarm:carts-down", null, "1", "us-west-2",
        com.incident.common.incident.AlarmKind.METRIC, "ALARM", "OK", "Threshold Crossed", NOW.minusSeconds(60),
        "ContainerInsights", metric, dims, "Minimum", 60, 1, 1, 1.0, "LessThanThreshold", observed, List.of(), null);
  }
}
