package com.incident.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.core.Deadline;
import com.incident.agent.core.IncidentWorkflow;
import com.incident.agent.gateway.McpClientGateway;
import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.json.Json;
import com.incident.common.retry.Retry;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import com.incident.notify.ChatHttp;
import com.incident.notify.ChatNotifier;
import com.incident.notify.DiscordNotifier;
import com.incident.notify.SlackNotifier;
import com.incident.store.ChatThread;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow with real chat destinations: each step the issue shows reaches Slack in the incident's thread, and
 * a dead chat endpoint costs the run nothing but a counted failure.
 */
class ChatWorkflowTest {
  private static final String TOKEN_PARAMETER = "/app/incident/slack/bot-token";
  private static final String WEBHOOK_PARAMETER = "/app/incident/discord/webhook-url";

  private final Harness h = new Harness();
  private final MockWebServer slack = new MockWebServer();
  private final List<Duration> chatWaits = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    slack.close();
    h.close();
  }

  @Test
  void eachStepReachesSlackInTheThreadOfTheAnalysisMessage() throws Exception {
    slack.start(InetAddress.getByName("127.0.0.1"), 0);
    for (int i = 1; i <= 3; i++) {
      slack.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1763695662.00010" + i + "\"}").build());
    }
    scriptStressAnalysis();

    IncidentWorkflow.Report report = workflow(List.of(slack(slack.url("/api").toString()))).run(
        Harness.request(AnalysisMode.ANALYZE), Deadline.in(h.clock, Duration.ofMinutes(14)));

    assertThat(report.recovered()).isTrue();
    List<JsonNode> posted = new ArrayList<>();
    for (int i = 0; i < slack.getRequestCount(); i++) {
      posted.add(Json.tree(slack.takeRequest().getBody().utf8()));
    }
    assertThat(posted).extracting(p -> p.at("/blocks/0/text/text").asText()).containsExactly(
        "🚨 인시던트 분석 완료: netaiops-cpu-spike", "🛠️ 복구 조치 완료: netaiops-cpu-spike", "✅ 복구 확인: netaiops-cpu-spike");
    assertThat(posted.get(0).has("thread_ts")).isFalse();
    assertThat(posted.get(0).path("text").asText()).contains("확률은 90%");
    assertThat(posted.subList(1, 3)).allSatisfy(p ->
        assertThat(p.path("thread_ts").asText()).isEqualTo("1763695662.000101"));
    int issue = h.github.only().number;
    assertThat(posted.get(0).at("/blocks/3/text/text").asText()).contains("GitHub 이슈 #" + issue);
    assertThat(h.store.chatThread(Harness.request(AnalysisMode.ANALYZE).incidentId(), "slack"))
        .contains(new ChatThread("C024BE91L", "1763695662.000101"));
  }

  @Test
  void deadChatEndpointsNeverFailTheRunOrTheIssue() throws Exception {
    String dead = "http://127.0.0.1:" + closedPort();
    scriptStressAnalysis();

    IncidentWorkflow.Report report = workflow(List.of(slack(dead + "/api"), discord(dead + "/api/webhooks/1/t")))
        .run(Harness.request(AnalysisMode.ANALYZE), Deadline.in(h.clock, Duration.ofMinutes(14)));

    assertThat(report.recovered()).isTrue();
    FakeGitHub.Issue issue = h.github.only();
    assertThat(issue.closed).isTrue();
    assertThat(issue.comments).hasSize(5);
    assertThat(issue.comments.getLast()).startsWith("## 📝 포스트모템 초안");
    // Analyzed, Remediated, Resolved: each tried twice (one retry) on both destinations at once, then counted.
    List<String> failed = h.metrics.metrics.stream().filter(m -> m.name().equals("ChatNotificationFailed"))
        .map(m -> m.dimensions().get("Destination")).toList();
    assertThat(failed).hasSize(6);
    for (int event = 0; event < 3; event++) {
      assertThat(failed.subList(2 * event, 2 * event + 2)).containsExactlyInAnyOrder("Slack", "Discord");
    }
    assertThat(chatWaits).hasSize(6);
  }

  private void scriptStressAnalysis() {
    h.bedrock.enqueue(Converse.calls(Converse.use("t1", ToolNames.SEARCH_LOGS,
        Json.object().put("index", "eks-app-logs").put("query", "level:ERROR AND service:ui"))));
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));
  }

  private IncidentWorkflow workflow(List<ChatNotifier> destinations) {
    return new IncidentWorkflow(McpClientGateway.connector(h.gateway.uri(), Harness.TOKENS), h.model(Harness.MODEL),
        h.store, h.clock, Harness.settings(), h.metrics, h.sleeps::add, com.incident.agent.core.ModelBudget.Limits.DEFAULT,
        null, ChatListener.of(destinations));
  }

  private ChatHttp http() {
    return new ChatHttp(HttpClient.newHttpClient(), new Retry(new com.incident.common.retry.Backoff(2,
        Duration.ofMillis(500), Duration.ofMillis(500)), chatWaits::add, h.clock, () -> 0.5), ChatHttp.Limits.DEFAULT);
  }

  private SlackNotifier slack(String apiUrl) {
    return new SlackNotifier(http(), new StaticSecretProvider(Map.of(TOKEN_PARAMETER, "xoxb-test")), TOKEN_PARAMETER,
        "C024BE91L", apiUrl, h.store, h.metrics, h.clock);
  }

  private DiscordNotifier discord(String webhookUrl) {
    return new DiscordNotifier(http(), new StaticSecretProvider(Map.of(WEBHOOK_PARAMETER, webhookUrl)),
        WEBHOOK_PARAMETER, h.store, h.metrics, h.clock);
  }

  /** A loopback port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
