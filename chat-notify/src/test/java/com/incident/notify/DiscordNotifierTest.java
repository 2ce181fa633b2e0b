package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.testing.LogCapture;
import com.incident.store.ChatThread;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discord's execute-webhook at the wire (https://discord.com/developers/docs/resources/webhook#execute-webhook):
 * POST to the webhook URL with {@code ?wait=true} (so the created message comes back), a JSON body with
 * {@code embeds} (title, description, url, color, timestamp, fields, footer) and {@code allowed_mentions}.
 */
class DiscordNotifierTest {
  private final ChatFixture f = new ChatFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theFirstMessageIsAnEmbedThatMentionsNobodyAndItsIdIsKept() throws Exception {
    f.server.enqueue(message("1310000000000000001"));

    assertThat(f.discord(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed())).isTrue();

    RecordedRequest request = f.server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/webhooks/1234567890/SecretWebhookToken");
    assertThat(request.getUrl().queryParameter("wait")).isEqualTo("true");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = Json.tree(request.getBody().utf8());
    assertThat(body.at("/allowed_mentions/parse").isArray()).isTrue();
    assertThat(body.at("/allowed_mentions/parse").size()).isZero();
    assertThat(body.path("embeds").size()).isEqualTo(1);
    JsonNode embed = body.at("/embeds/0");
    assertThat(embed.path("title").asText()).isEqualTo("🚨 인시던트 분석 완료: netaiops\\-cpu\\-spike");
    assertThat(embed.path("description").asText()).isEqualTo("가장 유력한 원인은 stress\\-ng 워크로드의 CPU 점유\\(90%\\)입니다.");
    assertThat(embed.path("url").asText()).isEqualTo("https://github.com/acme/incidents/issues/12");
    assertThat(embed.path("color").asInt()).isEqualTo(0xE01E5A);
    assertThat(embed.path("timestamp").asText()).isEqualTo("2026-11-21T03:27:42Z");
    assertThat(embed.at("/fields/0/name").asText()).isEqualTo("알람");
    assertThat(embed.at("/fields/3/name").asText()).isEqualTo("GitHub 이슈");
    assertThat(embed.at("/fields/3/value").asText()).isEqualTo("[GitHub 이슈 \\#12](https://github.com/acme/incidents/issues/12)");
    assertThat(embed.at("/footer/text").asText()).isEqualTo("인시던트 inc-1 · 2026-11-21 12:27 KST(03:27 UTC)");
    assertThat(f.store.chatThread("inc-1", "discord")).contains(new ChatThread("1300000000000000000", "1310000000000000001"));
  }

  @Test
  void markdownAndMentionsFromTheAlarmReadLiterally() throws Exception {
    f.server.enqueue(message("1"));

    f.discord(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed());

    JsonNode evidence = Json.tree(f.server.takeRequest().getBody().utf8()).at("/embeds/0/fields/2/value");
    assertThat(evidence.asText()).isEqualTo("container\\-insight: pod\\_cpu\\_utilization 97% \\<\\@everyone\\> & \\*bold\\*");
  }

  @Test
  void aFollowUpIsItsOwnMessageThatRefersToTheFirst() throws Exception {
    f.server.enqueue(message("1310000000000000001"));
    f.server.enqueue(message("1310000000000000002"));
    DiscordNotifier discord = f.discord(ChatHttp.Limits.DEFAULT);

    discord.send(ChatFixture.analyzed());
    discord.send(ChatFixture.resolved());

    f.server.takeRequest();
    JsonNode followUp = Json.tree(f.server.takeRequest().getBody().utf8());
    assertThat(followUp.has("message_reference")).isFalse();
    assertThat(followUp.at("/embeds/0/footer/text").asText()).endsWith("첫 알림 메시지 1310000000000000001에 이어서");
    assertThat(followUp.at("/embeds/0/color").asInt()).isEqualTo(0x2EB67D);
    assertThat(f.store.chatThread("inc-1", "discord")).get().extracting(ChatThread::messageId)
        .isEqualTo("1310000000000000001");
  }

  @Test
  void aRefusedWebhookIsCountedAndLoggedWithoutItsUrl() {
    f.server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"Unknown Webhook\",\"code\":10015}").build());

    try (LogCapture logs = new LogCapture()) {
      assertThat(f.discord(ChatHttp.Limits.DEFAULT).send(ChatFixture.analyzed())).isFalse();

      assertThat(logs.text()).contains("Discord", "HTTP 404").doesNotContain("SecretWebhookToken");
    }
    assertThat(f.server.getRequestCount()).isEqualTo(1);
    assertThat(f.failures).containsExactly("ChatNotificationFailed {Destination=Discord}");
  }

  @Test
  void aParameterThatHoldsNoUrlIsRefusedWithoutRepeatingIt() {
    DiscordNotifier discord = new DiscordNotifier(f.http(ChatHttp.Limits.DEFAULT),
        new com.incident.common.secrets.StaticSecretProvider(java.util.Map.of(ChatFixture.WEBHOOK_PARAMETER,
            "not a url SecretWebhookToken")), ChatFixture.WEBHOOK_PARAMETER, f.store, f.metrics, f.clock);

    try (LogCapture logs = new LogCapture()) {
      assertThat(discord.send(ChatFixture.analyzed())).isFalse();

      assertThat(logs.text()).contains("does not hold").doesNotContain("SecretWebhookToken");
    }
    assertThat(f.server.getRequestCount()).isZero();
  }

  private static MockResponse message(String id) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"id\":\"" + id + "\",\"type\":0,\"channel_id\":\"1300000000000000000\",\"webhook_id\":\"1234567890\"}")
        .build();
  }
}
