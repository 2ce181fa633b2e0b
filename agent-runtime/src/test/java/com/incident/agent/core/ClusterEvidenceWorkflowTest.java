package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.agent.testing.K8sResults;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent reads the cluster: the read-only k8s-* calls go out through the real gateway, scoped by the alarm, with
 * a follow-up on what they named, and their typed results reach both Claude and the rule-based analysis.
 */
class ClusterEvidenceWorkflowTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theKubernetesCallsAreScopedByTheAlarmAndFollowWhatTheyFound() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    run();

    assertThat(h.gateway.calls(ToolNames.K8S_DESCRIBE_WORKLOAD)).extracting(c -> c.arguments().toString()).containsExactly(
        "{\"namespace\":\"default\",\"name\":\"ui\",\"max_pods\":5}",
        "{\"namespace\":\"default\",\"kind\":\"Deployment\",\"name\":\"stress-ng\",\"max_pods\":5}");
    assertThat(h.gateway.calls(ToolNames.K8S_GET_EVENTS)).singleElement()
        .satisfies(c -> assertThat(c.arguments().path("namespace").asText()).isEqualTo("default"))
        .satisfies(c -> assertThat(c.arguments().path("include_normal").asBoolean()).isTrue());
    assertThat(h.gateway.calls(ToolNames.K8S_FIND_CHAOS)).extracting(c -> c.arguments().toString())
        .containsExactly("{\"namespace\":\"default\",\"workload\":\"ui\",\"resource\":\"cpu\"}");
    assertThat(h.gateway.calls(ToolNames.K8S_NODE_STATUS)).hasSize(1);

    RecordedRequest first = h.bedrock.takeRequest();
    JsonNode request = Json.tree(first.getBody().utf8());
    List<String> offered = new ArrayList<>();
    request.at("/toolConfig/tools").forEach(t -> offered.add(t.at("/toolSpec/name").asText()));
    assertThat(offered).contains(ToolNames.K8S_DESCRIBE_WORKLOAD, ToolNames.K8S_GET_EVENTS, ToolNames.K8S_POD_LOGS,
        ToolNames.K8S_NODE_STATUS, ToolNames.K8S_FIND_CHAOS).doesNotContain(ToolNames.CHAOS_CLEANUP);
    List<String> prefilled = new ArrayList<>();
    request.at("/messages/1/content").forEach(b -> {
      if (b.has("toolUse")) {
        prefilled.add(b.at("/toolUse/name").asText());
      }
    });
    assertThat(prefilled).containsSubsequence(ToolNames.K8S_DESCRIBE_WORKLOAD, ToolNames.K8S_DESCRIBE_WORKLOAD);
    assertThat(request.at("/messages/2").toString()).contains("Deployment default/stress-ng 1/1");
    assertThat(request.at("/system/0/text").asText()).contains("Names are not evidence", "k8s-find-chaos");
    assertThat(h.metrics.value("ModelTurns")).isEqualTo(1);
  }

  @Test
  void theRuleBasedAnalysisCitesTheClusterStateItDecidedOn() {
    h.cluster.quiet();
    h.gateway.tool(ToolNames.K8S_DESCRIBE_WORKLOAD, LoopbackGateway.schema("namespace"), args -> LoopbackGateway.typedResult(
        "Deployment default/ui 0/2", K8sResults.describe(K8sResults.deployment("default", "ui", 2, 0, Map.of(),
            List.of(K8sResults.revision(4, "ui-8c9d", "ui:2.2.0-typo", "2026-11-21T03:08:00Z", 2, 2),
                K8sResults.revision(3, "ui-5d8f7", "ui:2.1.0", "2026-11-20T09:00:00Z", 0, 2)),
            List.of(K8sResults.pod("ui-8c9d-a1", "ui-8c9d", false,
                K8sResults.waiting("ui", "ui:2.2.0-typo", "ImagePullBackOff", "Back-off pulling image"))),
            List.of(new K8sWorkloadResult.ServiceEndpoints("ui", 0, 1)), null))));
    h.gateway.tool(ToolNames.K8S_GET_EVENTS, LoopbackGateway.schema("namespace"), args -> LoopbackGateway.typedResult("1 event",
        K8sResults.events("default", K8sResults.event("Warning", "Failed", "Pod", "default", "ui-8c9d-a1",
            "Failed to pull image \"ui:2.2.0-typo\": manifest unknown", 5, "2026-11-21T03:09:10Z"))));
    for (int i = 0; i < 3; i++) {
      h.bedrock.enqueue(Converse.error(500, "InternalServerException"));
    }

    run();

    FakeGitHub.Issue issue = h.github.only();
    AnalysisResult result = IssueMarkers.analysis(issue.comments.getFirst()).orElseThrow();
    assertThat(result.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(result.topCategory()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    assertThat(issue.comments.getFirst()).contains("`k8s-describe-workload`",
        "rev 4의 이미지 `ui:2.2.0-typo`", "직전 리비전 rev 3", "`k8s-get-events`");
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).singleElement()
        .satisfies(c -> assertThat(c.arguments().path("scenarios").toString()).isEqualTo("[\"bad-image\"]"));
  }

  private void run() {
    h.workflow(Harness.settings()).run(Harness.request(AnalysisMode.ANALYZE), Deadline.in(h.clock, Duration.ofMinutes(14)));
  }
}
