package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeCluster;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.IncidentTable;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.store.IncidentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The analyze path end to end: the real Bedrock SDK client against scripted Converse answers, the gateway and
 * GitHub through their real HTTP/JSON interfaces. Each test reads the resulting issue timeline as a person would.
 */
class AnalyzeWorkflowTest {
  private static final String ROOT_CAUSE = "## 🔍 근본 원인 분석";
  private static final String GUIDE = "## 🛠️ 대응 가이드";
  private static final String REMEDIATION = "## 🤖 자동 복구 조치";
  private static final String RECOVERED = "## ✅ 복구 완료";
  private static final String NOT_RECOVERED = "## ⚠️ 복구 미확인";
  private static final String POSTMORTEM = "## 📝 포스트모템 초안";

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void normalRunCreatesIssueFirstAnalysesRemediatesAndClosesVerified() throws Exception {
    h.bedrock.enqueue(Converse.calls(Converse.use("t1", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "level:ERROR AND service:ui"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));
    com.fasterxml.jackson.databind.node.ObjectNode narrative = Json.object()
        .put("summary", "같은 노드의 stress-ng 파드가 CPU를 점유해 ui 파드의 CPU 사용률이 92.4%까지 올랐고, 자동 복구로 해결했습니다.")
        .put("rootCause", "부하 테스트용 stress-ng Deployment가 자원 제한 없이 default 네임스페이스에서 실행되었습니다.")
        .put("detection", "CloudWatch 알람 netaiops-cpu-spike가 임계값 초과를 감지했습니다.")
        .put("resolution", "chaos-cleanup이 stress-ng Deployment를 삭제했고 알람 지표가 정상으로 돌아왔습니다.");
    narrative.putArray("wentWell").add("알람 8초 만에 이슈와 분석이 시작되었습니다.");
    narrative.putArray("wentWrong").add("부하 생성기가 운영 네임스페이스에 있었습니다.");
    h.bedrock.enqueue(Converse.say(Json.write(narrative)));

    IncidentWorkflow.Report report = run(Harness.settings());

    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.title).isEqualTo("[인시던트] netaiops-cpu-spike 알람 발생");
    // Opened with the alarm's severity, relabelled with the one the evidence supports (see LivingIssueWorkflowTest).
    assertThat(issue.labels).containsExactlyInAnyOrder("incident", "severity:medium", "auto-analysis", "alarm:netaiops-cpu-spike");
    assertThat(IssueMarkers.dedupKey(issue.body)).contains("netaiops-cpu-spike-20261121T031512Z");
    assertThat(issue.body).contains("| 알람 이름 | `netaiops-cpu-spike` |", "console.aws.amazon.com/cloudwatch/home?region=us-west-2#alarmsV2:alarm/netaiops-cpu-spike",
        "container-insights", "logs-insights");
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
    AnalysisResult result = analysis(issue);
    assertThat(result.analyzer()).isEqualTo("bedrock:" + Harness.MODEL);
    assertThat(result.topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(issue.comments.get(0)).contains("| 1 | stress-ng 워크로드의 CPU 점유 | CPU 스트레스 워크로드 (`cpu-stress-workload`) | 90% |",
        "이슈 본문의 **🕒 타임라인**");
    assertThat(issue.comments.get(2)).contains("아래 매니페스트를 `manifest.yaml`로 저장한 뒤 `kubectl -n default apply -f manifest.yaml`로 되돌릴 수 있습니다.",
        "```yaml\napiVersion: apps/v1\nkind: Deployment\n", "value: \"[REDACTED]\"");
    assertThat(issue.comments.get(3)).contains("턴: 2");
    assertThat(issue.comments.getLast()).as("the postmortem is the last word on the closed issue")
        .contains("> 🤖 Claude(`" + Harness.MODEL + "`)가 사실 자료를 바탕으로 작성한 초안입니다.",
            "부하 테스트용 stress-ng Deployment가 자원 제한 없이", "- [ ] 네임스페이스 ResourceQuota를 적용합니다.",
            "| 2026-11-21 12:12:00 KST(03:12:00 UTC) | pod\\_cpu\\_utilization 임계값 80% 넘음 (85.6%) |", "| 이슈 종료 (해결됨) |");
    assertThat(report.recovered()).isTrue();

    // The issue came before any model call: the first Converse request already sees the evidence results.
    RecordedRequest first = h.bedrock.takeRequest();
    assertThat(first.getTarget()).startsWith("/model/").endsWith("/converse");
    JsonNode request = Json.tree(first.getBody().utf8());
    assertThat(request.at("/system/0/text").asText()).contains("Korean");
    assertThat(request.at("/system/1/cachePoint/type").asText()).isEqualTo("default");
    List<String> toolNames = new ArrayList<>();
    request.at("/toolConfig/tools").forEach(t -> toolNames.add(t.at("/toolSpec/name").asText()));
    assertThat(toolNames).contains("submit_analysis", ToolNames.SEARCH_LOGS, ToolNames.GITHUB_FIND_SIMILAR)
        .doesNotContain(ToolNames.CHAOS_CLEANUP, ToolNames.GITHUB_CREATE_ISSUE, ToolNames.GITHUB_ADD_COMMENT);
    JsonNode tools = request.at("/toolConfig/tools");
    assertThat(tools.get(tools.size() - 1).at("/cachePoint/type").asText()).isEqualTo("default");
    assertThat(request.at("/messages/1/role").asText()).isEqualTo("assistant");
    assertThat(request.at("/messages/1/content/1/toolUse/toolUseId").asText()).isEqualTo("evidence_1");
    assertThat(request.at("/messages/2/content/0/toolResult/toolUseId").asText()).isEqualTo("evidence_1");
    assertThat(request.at("/system/0/text").asText()).doesNotContain("stress-ng-7f9c4");
    RecordedRequest secondRequest = h.bedrock.takeRequest();
    JsonNode second = Json.tree(secondRequest.getBody().utf8());
    JsonNode last = second.at("/messages").get(second.at("/messages").size() - 1);
    assertThat(last.at("/content/0/toolResult/status").asText()).isEqualTo("success");
    assertThat(last.at("/content/0/toolResult/content/0/text").asText()).contains("slow response");
    RecordedRequest postmortem = h.bedrock.takeRequest();
    JsonNode third = Json.tree(postmortem.getBody().utf8());
    assertThat(third.has("toolConfig")).as("the postmortem call offers no tools").isFalse();
    assertThat(third.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(PostmortemWriter.MAX_OUTPUT_TOKENS);
    assertThat(third.at("/system/0/text").asText()).contains("포스트모템 초안");
    assertNoSecretReachedTheModel(first, secondRequest, postmortem);
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().spend().modelCalls())
        .as("the postmortem's call counts in the incident's budget").isEqualTo(3);

    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().status())
        .isEqualTo(IncidentStatus.RESOLVED);
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().issueNumber()).isEqualTo(issue.number);
    assertThat(h.metrics.value("ModelTurns")).isEqualTo(3);
    assertThat(h.metrics.value("CacheReadTokens")).as("2000 per scripted answer, the postmortem's included").isEqualTo(6000);
    assertThat(h.metrics.value("Recovered")).isEqualTo(1);
    assertThat(h.metrics.value("EstimatedCostMicroUsd")).isPositive();
    assertThat(h.gateway.calls()).allMatch(c -> c.authorization().equals(Harness.BEARER));
  }

  @Test
  void aCleanupThatChangedNothingNeverClosesTheIssue() throws Exception {
    h.cluster.lookalike();
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(Harness.settings());

    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE, REMEDIATION, NOT_RECOVERED), false);
    assertThat(issue.comments.get(2)).contains("대상을 찾지 못해 클러스터를 변경하지 않았습니다");
    assertThat(issue.comments).noneMatch(c -> c.startsWith(POSTMORTEM));
    assertThat(issue.comments.get(3)).contains("클러스터를 변경하지 않음");
    assertThat(report.recovered()).isFalse();
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).hasSize(1);
  }

  @Test
  void severalToolUsesInOneTurnRunInParallel() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    h.gateway.tool(ToolNames.SEARCH_LOGS, LoopbackGateway.schema("index", "query"), args -> {
      both.countDown();
      try {
        return both.await(10, TimeUnit.SECONDS) ? LoopbackGateway.result("ran together with its sibling", null)
            : LoopbackGateway.error("sibling call never started: tools ran one after another");
      } catch (InterruptedException e) {
        return LoopbackGateway.error("interrupted");
      }
    });
    h.bedrock.enqueue(Converse.calls(
        Converse.use("a", ToolNames.SEARCH_LOGS, Json.object().put("index", "eks-app-logs").put("query", "OOMKilled")),
        Converse.use("b", ToolNames.SEARCH_LOGS, Json.object().put("index", "eks-app-logs").put("query", "timeout"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    run(Harness.settings());

    h.bedrock.takeRequest();
    JsonNode second = Json.tree(h.bedrock.takeRequest().getBody().utf8());
    JsonNode results = second.at("/messages").get(second.at("/messages").size() - 1).at("/content");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).at("/toolResult/toolUseId").asText()).isEqualTo("a");
    assertThat(results.get(1).at("/toolResult/toolUseId").asText()).isEqualTo("b");
    results.forEach(r -> assertThat(r.at("/toolResult/content/0/text").asText()).isEqualTo("ran together with its sibling"));
    assertTimeline(h.github.only(), List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
  }

  @Test
  void throttlingIsRetriedWithBackoffThenSucceeds() throws Exception {
    h.bedrock.enqueue(Converse.error(429, "ThrottlingException"));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    run(Harness.settings());

    assertThat(h.bedrock.getRequestCount()).as("the analysis, its retry, the postmortem's call").isEqualTo(3);
    assertThat(h.sleeps).first().isEqualTo(Duration.ofMillis(100));
    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
    assertThat(analysis(issue).analyzer()).startsWith("bedrock:");
    assertThat(issue.comments.get(3)).contains("턴: 1");
  }

  @Test
  void aServerErrorStormFallsBackToTheRuleBasedAnalyzerLabelledAsSuch() throws Exception {
    h.bedrock.enqueue(Converse.error(500, "InternalServerException"));
    h.bedrock.enqueue(Converse.error(503, "ServiceUnavailableException"));
    h.bedrock.enqueue(Converse.error(500, "InternalServerException"));

    IncidentWorkflow.Report report = run(Harness.settings());

    assertThat(h.bedrock.getRequestCount()).as("three attempts of the analysis, one of the postmortem").isEqualTo(4);
    assertThat(h.sleeps).hasSizeGreaterThanOrEqualTo(2);
    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
    assertThat(issue.comments.getFirst()).contains("규칙 기반 분석 (rule-based)", "InternalServerException after 3 attempts");
    AnalysisResult result = analysis(issue);
    assertThat(result.analyzer()).isEqualTo("rule-based");
    assertThat(result.topCategory()).isEqualTo(RootCauseCategory.CPU_STRESS_WORKLOAD);
    assertThat(issue.comments.get(3)).contains("규칙 기반 (rule-based)", "턴: 0");
    assertThat(issue.comments.getLast()).contains("> 📄 자동 템플릿으로 작성한 초안입니다 (모델을 호출하지 못함).",
        "### 해결 방법\n\nchaos-cleanup 자동 복구: Deployment default/stress-ng 삭제. 복구 검증: ");
    assertThat(report.analyzer()).isEqualTo("rule-based");
    assertThat(h.metrics.value("RuleBasedFallback")).isEqualTo(1);
  }

  @Test
  void malformedToolInputGoesBackToTheModelAsAnErrorItCanFix() throws Exception {
    JsonNode english = Converse.stressAnalysis("stress-workload").put("summary", "CPU was high.");
    ((com.fasterxml.jackson.databind.node.ObjectNode) english.at("/causes/0")).put("category", "cpu-hog");
    h.bedrock.enqueue(Converse.calls(
        Converse.use("s1", "submit_analysis", english),
        Converse.use("m1", ToolNames.POD_METRICS, Json.object().put("namespace", "default"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    run(Harness.settings());

    h.bedrock.takeRequest();
    JsonNode second = Json.tree(h.bedrock.takeRequest().getBody().utf8());
    JsonNode results = second.at("/messages").get(second.at("/messages").size() - 1).at("/content");
    assertThat(results.get(0).at("/toolResult/status").asText()).isEqualTo("error");
    assertThat(results.get(0).at("/toolResult/content/0/text").asText())
        .contains("summary must be written in Korean", "category 'cpu-hog' is not in the vocabulary");
    assertThat(results.get(1).at("/toolResult/status").asText()).isEqualTo("error");
    assertThat(results.get(1).at("/toolResult/content/0/text").asText()).contains("Invalid arguments for " + ToolNames.POD_METRICS, "required property 'cluster_name' not found");
    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
    assertThat(analysis(issue).analyzer()).startsWith("bedrock:");
    assertThat(analysis(issue).summary()).contains("stress-ng");
  }

  @Test
  void anEndlessToolLoopIsCutAtTheTurnLimitWithAForcedSubmissionThenRuleBased() throws Exception {
    h.cluster.quiet();
    for (int i = 0; i < 8; i++) {
      h.bedrock.enqueue(Converse.calls(Converse.use("loop" + i, ToolNames.SEARCH_LOGS,
          Json.object().put("index", "eks-app-logs").put("query", "again " + i))));
    }

    IncidentWorkflow.Report report = run(Harness.settings());

    assertThat(h.bedrock.getRequestCount()).isEqualTo(8);
    for (int i = 1; i <= 8; i++) {
      JsonNode r = Json.tree(h.bedrock.takeRequest().getBody().utf8());
      if (i < 8) {
        assertThat(r.at("/toolConfig/toolChoice/auto").isObject()).isTrue();
      } else {
        assertThat(r.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("submit_analysis");
      }
    }
    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE), false);
    assertThat(issue.comments.getFirst()).contains("규칙 기반", "turn limit (8)");
    assertThat(analysis(issue).topCategory()).isEqualTo(RootCauseCategory.UNKNOWN);
    assertThat(issue.comments.getLast()).contains("턴: 8");
    assertThat(h.gateway.calls(ToolNames.CHAOS_CLEANUP)).isEmpty();
    assertThat(report.recovered()).isFalse();
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().status())
        .isEqualTo(IncidentStatus.OPEN);
  }

  @Test
  void aDeadlineReachedMidLoopForcesTheSubmissionBeforeTheFunctionTimesOut() throws Exception {
    h.cluster.quiet();
    h.gateway.tool(ToolNames.SEARCH_LOGS, LoopbackGateway.schema("index", "query"), args -> {
      h.clock.advance(Duration.ofSeconds(210));
      return LoopbackGateway.result("slow query: 0 lines", null);
    });
    h.bedrock.enqueue(Converse.calls(Converse.use("slow", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "*"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = h.workflow(Harness.settings()).run(Harness.request(AnalysisMode.ANALYZE),
        Deadline.in(h.clock, Duration.ofMinutes(5)));

    assertThat(h.bedrock.getRequestCount()).isEqualTo(2);
    h.bedrock.takeRequest();
    JsonNode second = Json.tree(h.bedrock.takeRequest().getBody().utf8());
    assertThat(second.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("submit_analysis");
    JsonNode last = second.at("/messages").get(second.at("/messages").size() - 1);
    assertThat(last.at("/content").get(last.at("/content").size() - 1).at("/text").asText()).isEqualTo(AnalysisLoop.FINISH);
    FakeGitHub.Issue issue = h.github.only();
    assertTimeline(issue, List.of(ROOT_CAUSE, GUIDE), false);
    assertThat(analysis(issue).analyzer()).startsWith("bedrock:");
    assertThat(report.outcome()).contains("submitted on turn 2");
  }

  @Test
  void aRepeatedRunOfTheSameIncidentReusesItsIssueThroughTheDedupKey() {
    h.cluster.quiet();
    FakeGitHub.Issue existing = h.github.seed("[인시던트] netaiops-cpu-spike 알람 발생", "netaiops-cpu-spike-20261121T031512Z");
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run(Harness.settings());

    assertThat(h.github.issues()).hasSize(1);
    assertThat(report.issueNumber()).isEqualTo(existing.number);
    assertThat(existing.comments).hasSize(2);
  }

  @Test
  void aGatewayThatRefusesTheTokenFailsTheIncidentRecordLoudly() {
    h.gateway.allowClients("someone-else");

    IncidentWorkflow.Report report = run(Harness.settings());

    assertThat(report.outcome()).contains("failed");
    assertThat(h.github.issues()).isEmpty();
    assertThat(h.bedrock.getRequestCount()).isZero();
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().status())
        .isEqualTo(IncidentStatus.FAILED);
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().failureReason())
        .contains("HTTP 401");
    assertThat(h.metrics.value("AnalysisFailed")).isEqualTo(1);
  }

  @Test
  void aCrashMidRunStillEndsTheIssueTimelineWithAKoreanFailureNote() {
    com.incident.agent.model.ModelClient crashing = new com.incident.agent.model.ModelClient() {
      @Override
      public String modelId() {
        return Harness.MODEL;
      }

      @Override
      public software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse converse(
          software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest request, Duration budget) {
        throw new IllegalStateException("bug");
      }
    };

    IncidentWorkflow.Report report = h.workflow(Harness.settings(), crashing).run(Harness.request(AnalysisMode.ANALYZE),
        Deadline.in(h.clock, Duration.ofMinutes(14)));

    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments).singleElement().satisfies(c -> {
      assertThat(c).startsWith("## ❌ 자동 분석 실패").contains("IllegalStateException").contains("도구 호출:");
      assertKoreanParagraphs(c);
    });
    assertThat(report.issueNumber()).isEqualTo(issue.number);
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().status())
        .isEqualTo(IncidentStatus.FAILED);
  }

  @Test
  void aFailingMetricsBackendDoesNotFailTheIncidentRun() throws Exception {
    h.metrics.failure = new IllegalStateException("no POWERTOOLS_METRICS_NAMESPACE");
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    IncidentWorkflow.Report report = run(Harness.settings());

    assertThat(report.recovered()).isTrue();
    assertTimeline(h.github.only(), List.of(ROOT_CAUSE, GUIDE, REMEDIATION, RECOVERED, POSTMORTEM), true);
    assertThat(h.store.incident("netaiops-cpu-spike-20261121T031512Z").orElseThrow().status())
        .isEqualTo(IncidentStatus.RESOLVED);
    assertThat(h.metrics.metrics).isEmpty();
  }

  private IncidentWorkflow.Report run(WorkflowSettings settings) {
    return h.workflow(settings).run(Harness.request(AnalysisMode.ANALYZE), Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  private void assertTimeline(FakeGitHub.Issue issue, List<String> headings, boolean closed) {
    assertThat(issue.comments).hasSize(headings.size());
    for (int i = 0; i < headings.size(); i++) {
      assertThat(issue.comments.get(i)).startsWith(headings.get(i));
    }
    issue.timeline().forEach(text -> assertKoreanParagraphs(text));
    assertThat(IssueMarkers.analysis(issue.comments.getFirst())).isPresent();
    assertThat(issue.closed).isEqualTo(closed);
    String footer = issue.comments.get(issue.comments.size() - (closed ? 2 : 1));
    assertThat(footer).containsPattern("모델: `" + java.util.regex.Pattern.quote(Harness.MODEL) + "`")
        .containsPattern("턴: \\d+").containsPattern("도구 호출: \\d+").containsPattern("토큰 입력/출력/캐시: \\d+/\\d+/\\d+")
        .containsPattern("알람→이슈: \\d+초").containsPattern("알람→분석: \\d+");
    // A cost only where the model was really called.
    if (footer.contains("턴: 0 ")) {
      assertThat(footer).doesNotContain("예상 비용");
    } else {
      assertThat(footer).containsPattern("예상 비용: \\$\\d+\\.\\d{4}");
    }
  }

  private static AnalysisResult analysis(FakeGitHub.Issue issue) {
    return IssueMarkers.analysis(issue.comments.getFirst()).orElseThrow();
  }

  private static void assertNoSecretReachedTheModel(RecordedRequest... requests) {
    for (RecordedRequest r : requests) {
      assertThat(r.getBody().utf8()).doesNotContain(FakeCluster.SECRET_IN_LOGS).doesNotContain(Harness.TOKEN);
    }
  }
}
