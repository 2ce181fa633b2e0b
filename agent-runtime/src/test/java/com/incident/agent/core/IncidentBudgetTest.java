package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.store.Spend;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident's model budget and the cheaper first pass, with the real Bedrock SDK client against scripted
 * answers whose reported usage drives the budget.
 */
class IncidentBudgetTest {
  private final Harness h = new Harness();

  @BeforeEach
  void quietCluster() {
    h.cluster.quiet();
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aBudgetSpentMidRunFallsBackToTheRulesAndTheIssueStillHasItsWholeTimeline() {
    h.bedrock.enqueue(usage(70_000, Converse.use("t1", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "level:ERROR"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run(new ModelBudget.Limits(80_000, 10.0), null);

    assertThat(h.bedrock.getRequestCount()).as("the second call would pass the budget").isEqualTo(1);
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
    String rootCause = h.github.only().comments.getFirst();
    assertThat(rootCause).contains("인시던트당 모델 예산(입력 토큰 80,000", "규칙 기반 분석으로 대체했습니다");
    // The escaper keeps GitHub from linking "#101" as a reference (a zero-width joiner after '#').
    assertThat(h.github.only().body.replace("\u200D", "")).contains("| 이슈 #" + h.github.only().number + " 생성 |",
        "| 분석 | 규칙 기반 분석 완료");
    assertThat(h.github.only().comments.getLast()).contains("💰 모델 사용량", "입력 토큰 70,000 / 한도 80,000");
    assertThat(h.store.incident(Harness.request(AnalysisMode.ANALYZE).incidentId()).orElseThrow().spend())
        .returns(70_000L, Spend::inputTokens).returns(1, Spend::modelCalls);
    assertThat(h.metrics.value("BudgetLimited")).isEqualTo(1);
  }

  @Test
  void whenOnlyOneMoreCallFitsItForcesTheSubmissionAndTheIssueSaysSo() throws Exception {
    h.bedrock.enqueue(usage(70_000, Converse.use("t1", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "level:ERROR"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run(new ModelBudget.Limits(200_000, 10.0), null);

    h.bedrock.takeRequest();
    JsonNode second = Json.tree(h.bedrock.takeRequest().getBody().utf8());
    assertThat(second.at("/toolConfig/toolChoice/tool/name").asText()).isEqualTo("submit_analysis");
    assertThat(report.analyzer()).startsWith("bedrock:");
    assertThat(h.github.only().comments.getFirst()).contains("지금까지의 증거로 분석을 마무리하도록");
  }

  @Test
  void anIncidentThatAlreadySpentItsBudgetMakesNoModelCallAtAll() {
    String incident = Harness.request(AnalysisMode.ANALYZE).incidentId();
    h.store.addSpend(incident, new Spend(79_000, 1_000, 300_000, 3), h.clock.instant());
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    IncidentWorkflow.Report report = run(ModelBudget.Limits.DEFAULT, null);

    assertThat(h.bedrock.getRequestCount()).isZero();
    assertThat(report.analyzer()).isEqualTo(RuleBasedAnalyzer.ANALYZER);
  }

  @Test
  void anUnsureFirstPassEscalatesToTheMainModelAndBothShowInTheFooterAndTheSpend() throws Exception {
    ObjectNode unsure = Converse.stressAnalysis("none");
    ((ObjectNode) unsure.withArray("causes").get(0)).put("probability", 0.3);
    h.bedrock.enqueue(Converse.submit(unsure));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    Escalation haiku = new Escalation(h.model("haiku-first-pass"), new Pricing(1, 5, 0.1, 1.25), 0.6);

    IncidentWorkflow.Report report = run(ModelBudget.Limits.DEFAULT, haiku);

    RecordedRequest first = h.bedrock.takeRequest();
    RecordedRequest second = h.bedrock.takeRequest();
    assertThat(first.getUrl().encodedPath()).contains("haiku-first-pass");
    assertThat(second.getUrl().encodedPath()).contains(Harness.MODEL.replace(":", "%3A"));
    assertThat(report.analyzer()).isEqualTo("bedrock:" + Harness.MODEL);
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.comments.getLast()).contains("`haiku-first-pass` → `" + Harness.MODEL + "`", "(호출 2회)");
    assertThat(h.metrics.value("ModelEscalations")).isEqualTo(1);
  }

  @Test
  void aSureFirstPassIsTheAnswerAndTheMainModelIsNeverCalled() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));
    Escalation haiku = new Escalation(h.model("haiku-first-pass"), new Pricing(1, 5, 0.1, 1.25), 0.6);

    IncidentWorkflow.Report report = run(ModelBudget.Limits.DEFAULT, haiku);

    assertThat(h.bedrock.getRequestCount()).isEqualTo(1);
    assertThat(report.analyzer()).isEqualTo("bedrock:haiku-first-pass");
    assertThat(h.metrics.value("ModelEscalations")).isZero();
  }

  private IncidentWorkflow.Report run(ModelBudget.Limits limits, Escalation escalation) {
    return h.workflow(limits, escalation).run(Harness.request(AnalysisMode.ANALYZE),
        Deadline.in(h.clock, Duration.ofMinutes(14)));
  }

  /** A tool-use answer that reports {@code inputTokens} of uncached input. */
  private static MockResponse usage(int inputTokens, ObjectNode... blocks) {
    ObjectNode body = Json.object();
    ArrayNode content = body.putObject("output").putObject("message").put("role", "assistant").putArray("content");
    for (ObjectNode b : blocks) {
      content.add(b);
    }
    body.put("stopReason", "tool_use");
    body.putObject("usage").put("inputTokens", inputTokens).put("outputTokens", 300)
        .put("totalTokens", inputTokens + 300);
    body.putObject("metrics").put("latencyMs", 900);
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), Json.write(body));
  }
}
