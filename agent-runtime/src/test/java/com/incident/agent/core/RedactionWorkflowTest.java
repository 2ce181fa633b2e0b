package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.LoopbackGateway;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Personal data planted in tool results and in the alarm never reaches the model or GitHub; the same person keeps
 * one placeholder across evidence, the model's own tool calls and the issue, and the footer audits the counts.
 */
class RedactionWorkflowTest {
  private static final String RRN = "900101-1234567";
  private static final String RRN_BARE = "9001011234567";
  private static final String OTHER_RRN = "880202-2345678";
  private static final String PHONE = "010-2345-6789";

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theModelNeverSeesAPlantedResidentNumberFromAToolResult() throws Exception {
    // evidence step: text and structured content carry the same customer
    h.gateway.tool(ToolNames.ERROR_SUMMARY, LoopbackGateway.schema("index"), args -> {
      ObjectNode s = Json.object().put("total", 2);
      s.putArray("examples").add("payment failed for customer " + RRN).add("retry failed for customer " + RRN_BARE);
      return LoopbackGateway.result("2 errors; example: payment failed for customer " + RRN + " (call " + PHONE + ")", s);
    });
    // the model's own tool call: only structured content, so the model reads the JSON
    h.gateway.tool(ToolNames.SEARCH_LOGS, LoopbackGateway.schema("index", "query"), args -> {
      ObjectNode s = Json.object();
      s.putArray("lines").addObject().put("message", "order rejected: customer " + RRN + ", guarantor " + OTHER_RRN)
          .put("password", "hunter2");
      return LoopbackGateway.result("", s);
    });
    h.bedrock.enqueue(Converse.calls(Converse.use("t1", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "customer"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    h.workflow(Harness.settings()).run(requestWithDescription("고객 " + PHONE + " 문의로 확인된 결제 오류"),
        Deadline.in(h.clock, Duration.ofMinutes(14)));

    List<String> modelInput = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RecordedRequest r = h.bedrock.takeRequest();
      modelInput.add(r.getBody().utf8());
    }
    String all = String.join("\n", modelInput);
    assertThat(all).doesNotContain(RRN, RRN_BARE, OTHER_RRN, PHONE, "hunter2").contains("123456789012");
    // the first request carries the evidence and the alarm, the second the model's own tool result
    assertThat(modelInput.get(0)).contains("customer <주민번호#1>", "call <전화번호#1>", "고객 <전화번호#1> 문의");
    assertThat(modelInput.get(1)).contains("customer <주민번호#1>, guarantor <주민번호#2>", "<비밀값#1>");

    FakeGitHub.Issue issue = h.github.only();
    String page = String.join("\n", issue.timeline());
    assertThat(page).doesNotContain(RRN, RRN_BARE, OTHER_RRN, PHONE);
    // the phone is masked four times by the footer's count: in the evidence, in the alarm text sent to the model,
    // and in the issue overview's 알람 설명 row as opened and as re-rendered after the analysis
    assertThat(issue.comments.get(issue.comments.size() - 2)).as("the closing comment's footer")
        .contains("🔒 마스킹: 비밀값 1건, 주민번호 2건(5회), 전화번호 1건(4회)");
    assertThat(issue.bodies).allSatisfy(b -> assertThat(b).doesNotContain(PHONE));
  }

  @Test
  void textTheRuntimeWritesToGitHubIsRedactedBeforeItLeaves() throws Exception {
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("none")));

    h.workflow(Harness.settings()).run(requestWithDescription("담당자 010-9876-5432, 비밀번호=hunter2"),
        Deadline.in(h.clock, Duration.ofMinutes(14)));

    List<LoopbackGateway.Call> writes = new ArrayList<>(h.gateway.calls(ToolNames.GITHUB_CREATE_ISSUE));
    writes.addAll(h.gateway.calls(ToolNames.GITHUB_ADD_COMMENT));
    assertThat(writes).isNotEmpty();
    writes.forEach(w -> assertThat(w.arguments().toString()).doesNotContain("010-9876-5432", "hunter2"));
  }

  private static AgentRequest requestWithDescription(String description) throws Exception {
    ObjectNode tree = Json.MAPPER.valueToTree(Harness.request(AnalysisMode.ANALYZE));
    ((ObjectNode) tree.get("alarm")).put("description", description);
    return Json.MAPPER.treeToValue(tree, AgentRequest.class);
  }
}
