package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.testing.LogCapture;
import com.incident.store.ChatThread;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's chat.postMessage at the wire (https://docs.slack.dev/reference/methods/chat.postMessage): POST
 * {@code /api/chat.postMessage}, {@code Authorization: Bearer xoxb-...}, a JSON body with {@code channel},
 * {@code text} (the fallback), {@code blocks} and, for replies, {@code thread_ts}; Slack answers
 * {@code {"ok":true,"channel":...,"ts":...}} or HTTP 200 with {@code {"ok":false,"error":...}}.
 */
class SlackNotifierTest {
  private final ChatFixture f = new ChatFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theFirstMessageIsABlockKitPostWhoseTsBecomesTheIncidentsThread() throws Exception {
    f.server.enqueue(ok("1763695662.000100"));

    assertThat(f.slack(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed())).isTrue();

    RecordedRequest request = f.server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/chat.postMessage");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + ChatFixture.TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = Json.tree(request.getBody().utf8());
    assertThat(body.path("channel").asText()).isEqualTo(ChatFixture.CHANNEL);
    assertThat(body.has("thread_ts")).isFalse();
    assertThat(body.path("text").asText()).isEqualTo("🚨 인시던트 분석 완료: netaiops-cpu-spike — "
        + "가장 유력한 원인은 stress-ng 워크로드의 CPU 점유(90%)입니다.");
    assertThat(types(body)).containsExactly("header", "section", "section", "section", "context");
    JsonNode blocks = body.path("blocks");
    assertThat(blocks.at("/0/text/type").asText()).isEqualTo("plain_text");
    assertThat(blocks.at("/2/fields/0/type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.at("/2/fields/0/text").asText()).isEqualTo("*알람*\nnetaiops-cpu-spike");
    assertThat(blocks.at("/3/text/text").asText()).isEqualTo("<https://github.com/acme/incidents/issues/12|GitHub 이슈 #12>");
    assertThat(blocks.at("/4/elements/0/text").asText()).isEqualTo("인시던트 inc-1 · 2026-11-21 12:27 KST(03:27 UTC)");
    assertThat(f.store.chatThread("inc-1", "slack")).contains(new ChatThread(ChatFixture.CHANNEL, "1763695662.000100"));
    assertThat(f.failures).isEmpty();
  }

  @Test
  void laterMessagesGoIntoTheFirstMessagesThread() throws Exception {
    f.server.enqueue(ok("1763695662.000100"));
    f.server.enqueue(ok("1763696412.000200"));
    SlackNotifier slack = f.slack(ChatHttp.Limits.DEFAULT);

    slack.send(ChatFixture.analyzed());
    slack.send(ChatFixture.resolved());

    f.server.takeRequest();
    JsonNode followUp = Json.tree(f.server.takeRequest().getBody().utf8());
    assertThat(followUp.path("thread_ts").asText()).isEqualTo("1763695662.000100");
    assertThat(followUp.path("channel").asText()).isEqualTo(ChatFixture.CHANNEL);
    assertThat(followUp.path("text").asText()).isEqualTo("✅ 복구 확인: netaiops-cpu-spike — 복구를 확인하고 이슈를 닫았습니다.");
    assertThat(followUp.at("/blocks/2/fields/0/text").asText()).isEqualTo("*MTTR*\n12분 30초");
    assertThat(f.store.chatThread("inc-1", "slack")).get().extracting(ChatThread::messageId)
        .isEqualTo("1763695662.000100");
  }

  @Test
  void textFromTheAlarmCannotMentionLinkOrFormatInSlack() throws Exception {
    f.server.enqueue(ok("1.1"));

    f.slack(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed());

    String evidence = Json.tree(f.server.takeRequest().getBody().utf8()).at("/blocks/2/fields/2/text").asText();
    assertThat(evidence).isEqualTo("*근거*\ncontainer-insight: pod_cpu_utilization 97% &lt;@everyone&gt; &amp; *bold*");
  }

  @Test
  void okFalseIsAFailureThatIsCountedAndNotRetried() throws Exception {
    f.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"ok\":false,\"error\":\"channel_not_found\"}").build());

    try (LogCapture logs = new LogCapture()) {
      assertThat(f.slack(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed())).isFalse();

      assertThat(logs.text()).contains("Slack", "inc-1", "ok:false (channel_not_found)").doesNotContain(ChatFixture.TOKEN);
    }
    assertThat(f.server.getRequestCount()).isEqualTo(1);
    assertThat(f.failures).containsExactly("ChatNotificationFailed {Destination=Slack}");
    assertThat(f.store.chatThread("inc-1", "slack")).isEmpty();
  }

  @Test
  void anUnreadableTokenIsAFailureNamingTheParameterNeverAValue() {
    SlackNotifier slack = new SlackNotifier(f.http(ChatHttp.Limits.DEFAULT),
        new com.incident.common.secrets.StaticSecretProvider(java.util.Map.of()), ChatFixture.TOKEN_PARAMETER,
        ChatFixture.CHANNEL, f.server.url("/api").toString(), f.store, f.metrics, f.clock);

    try (LogCapture logs = new LogCapture()) {
      assertThat(slack.send(ChatFixture.analyzed())).isFalse();

      assertThat(logs.text()).contains(ChatFixture.TOKEN_PARAMETER);
    }
    assertThat(f.server.getRequestCount()).isZero();
    assertThat(f.failures).containsExactly("ChatNotificationFailed {Destination=Slack}");
  }

  private static MockResponse ok(String ts) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
        .body("{\"ok\":true,\"channel\":\"" + ChatFixture.CHANNEL + "\",\"ts\":\"" + ts + "\",\"message\":{}}").build();
  }

  private static List<String> types(JsonNode body) {
    List<String> types = new ArrayList<>();
    body.path("blocks").forEach(b -> types.add(b.path("type").asText()));
    return types;
  }
}
