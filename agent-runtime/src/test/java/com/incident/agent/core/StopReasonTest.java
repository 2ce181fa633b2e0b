package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each Converse {@code stopReason} does to the loop: the real Bedrock SDK client against scripted answers,
 * the gateway and GitHub at their wire interfaces. The issue is read as the person on call reads it.
 */
class StopReasonTest {
  private final Harness h = new Harness();

  @BeforeEach
  void quietCluster() {
    // No fault in the evidence: the rule-based fallback, when it happens, names no remediation.
    h.cluster.quiet();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void maxTokensRunsNothingFromTheCutAnswerAndAsksTheSameTurnOnceWithTwiceTheBudget() throws Exception {
    ObjectNode cut = Json.object().put("index", "eks-app-logs").put("query", "level:ERROR AND serv");
    h.bedrock.enqueue(Converse.toolUse("max_tokens", Converse.text("로그를 확인합니다."),
        Converse.use("cut", ToolNames.SEARCH_LOGS, cut)));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run();

    JsonNode first = body(h.bedrock.takeRequest());
    JsonNode second = body(h.bedrock.takeRequest());
    assertThat(first.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(Harness.settings().maxOutputTokens());
    assertThat(second.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(2 * Harness.settings().maxOutputTokens());
    assertThat(second.get("messages")).isEqualTo(first.get("messages"));
    assertThat(h.gateway.calls(ToolNames.SEARCH_LOGS)).noneMatch(c -> c.arguments().equals(cut));
    assertThat(report.analyzer()).startsWith("bedrock:");
    assertThat(report.outcome()).contains("submitted on turn 2");
  }

  @Test
  void maxTokensAgainAfterTheLargerBudgetEndsTheLoopAndTheIssueSaysWhyInKorean() {
    for (int i = 0; i < 2; i++) {
      h.bedrock.enqueue(Converse.toolUse("max_tokens", Converse.text("분석 결과를 정리하면")));
    }
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(2);
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(rootCause()).contains("규칙 기반", "출력 토큰 한도를 두 배로 늘려도 모델 응답이 잘려 AI 분석을 중단했습니다",
        "max_tokens again on turn 2 with an output budget of 4096 tokens");
  }

  @Test
  void guardrailInterventionStopsAtOnceRunsNoToolAndFallsBackToTheRules() {
    ObjectNode blocked = Json.object().put("index", "eks-app-logs").put("query", "guardrail");
    h.bedrock.enqueue(Converse.toolUse("guardrail_intervened", Converse.text("요청을 처리할 수 없습니다."),
        Converse.use("g1", ToolNames.SEARCH_LOGS, blocked)));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
    assertThat(h.gateway.calls(ToolNames.SEARCH_LOGS)).noneMatch(c -> c.arguments().equals(blocked));
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(rootCause()).contains("규칙 기반", "Bedrock 가드레일이 모델 응답을 차단해 AI 분석을 중단했습니다",
        "guardrail_intervened on turn 1");
  }

  @Test
  void aContentFilteredAnswerIsNotAcceptedEvenWhenItHoldsASubmission() {
    h.bedrock.enqueue(Converse.toolUse("content_filtered", Converse.text("분석을 제출합니다."),
        Converse.use("s1", SubmitAnalysis.NAME, Converse.stressAnalysis("none"))));

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(rootCause()).contains("모델 응답이 콘텐츠 필터에 걸려 AI 분석을 중단했습니다", "content_filtered on turn 1");
  }

  @Test
  void aConversationOverTheContextWindowIsNotRetried() {
    h.bedrock.enqueue(Converse.toolUse("model_context_window_exceeded", Converse.text("")));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(rootCause()).contains("대화가 모델의 컨텍스트 창 한도를 넘어 AI 분석을 중단했습니다");
  }

  @Test
  void endTurnWithoutAToolCallIsNudgedOnceThenForcedSoAModelThatOnlyTalksCostsThreeTurns() throws Exception {
    for (int i = 0; i < 8; i++) {
      h.bedrock.enqueue(Converse.say("CPU 사용률이 높습니다. 계속 살펴보겠습니다."));
    }

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(3);
    h.bedrock.takeRequest();
    JsonNode second = body(h.bedrock.takeRequest());
    JsonNode third = body(h.bedrock.takeRequest());
    assertThat(lastText(second)).isEqualTo(AnalysisLoop.NUDGE);
    assertThat(second.at("/toolConfig/toolChoice/auto").isObject()).isTrue();
    assertThat(lastText(third)).isEqualTo(AnalysisLoop.SUBMIT_NOW);
    assertThat(third.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo(SubmitAnalysis.NAME);
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    assertThat(rootCause()).contains("모델이 정해진 턴 안에 분석 결과를 제출하지 않았습니다", "forced finish");
    assertThat(h.github.only().comments.getLast()).contains("턴: 3");
  }

  @Test
  void aStopSequenceWithoutAToolCallIsNudgedAndTheNextSubmissionIsAccepted() throws Exception {
    h.bedrock.enqueue(Converse.toolUse("stop_sequence", Converse.text("증거를 검토했습니다.")));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run();

    assertThat(h.bedrock.getRequestCount()).isEqualTo(2);
    h.bedrock.takeRequest();
    assertThat(lastText(body(h.bedrock.takeRequest()))).isEqualTo(AnalysisLoop.NUDGE);
    assertThat(report.analyzer()).startsWith("bedrock:");
  }

  private IncidentWorkflow.Report run() {
    return h.workflow(Harness.settings()).run(Harness.request(AnalysisMode.ANALYZE),
        Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  private String rootCause() {
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments.getFirst()).startsWith("## 🔍 근본 원인 분석");
    return issue.comments.getFirst();
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return Json.tree(request.getBody().utf8());
  }

  private static String lastText(JsonNode converseRequest) {
    JsonNode messages = converseRequest.get("messages");
    JsonNode content = messages.get(messages.size() - 1).get("content");
    return content.get(content.size() - 1).path("text").asText();
  }
}
