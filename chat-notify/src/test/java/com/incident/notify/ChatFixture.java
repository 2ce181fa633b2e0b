package com.incident.notify;

import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Retry;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.testing.DynamoDbLocal;
import com.incident.store.DynamoIncidentStore;
import com.incident.store.IncidentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;

/**
 * A chat platform on MockWebServer (127.0.0.1), the real incident store on DynamoDB Local, secrets from a fixed
 * map, and a retry whose waits are recorded instead of slept.
 */
final class ChatFixture implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-21T03:27:42Z");
  static final String TOKEN_PARAMETER = "/app/incident/slack/bot-token";
  static final String TOKEN = "xoxb-1111-2222-SecretBotToken";
  static final String WEBHOOK_PARAMETER = "/app/incident/discord/webhook-url";
  static final String CHANNEL = "C024BE91L";

  final MockWebServer server = new MockWebServer();
  final IncidentStore store = new DynamoIncidentStore(DynamoDbLocal.shared().client(),
      DynamoDbLocal.shared().newIncidentTable(), DynamoIncidentStore.Expiry.all(Duration.ofDays(7)));
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final MetricsSink metrics = (name, value, unit, dimensions) -> failures.add(name + " " + dimensions);
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  ChatFixture() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.openOrJoin("netaiops-cpu-spike", "inc-1", "s-1", NOW, NOW);
  }

  String webhookUrl() {
    return server.url("/api/webhooks/1234567890/SecretWebhookToken").toString();
  }

  /** The transport under test: the real HttpClient, one retry, waits recorded; the platform's clock is fixed. */
  ChatHttp http(ChatHttp.Limits limits) {
    return new ChatHttp(HttpClient.newHttpClient(), new Retry(ChatNotifiers.ONE_RETRY, waits::add, clock, () -> 1.0),
        limits);
  }

  SlackNotifier slack(ChatHttp.Limits limits) {
    return new SlackNotifier(http(limits), new StaticSecretProvider(Map.of(TOKEN_PARAMETER, TOKEN)), TOKEN_PARAMETER,
        CHANNEL, server.url("/api/").toString(), store, metrics, clock);
  }

  DiscordNotifier discord(ChatHttp.Limits limits) {
    return new DiscordNotifier(http(limits), new StaticSecretProvider(Map.of(WEBHOOK_PARAMETER, webhookUrl())),
        WEBHOOK_PARAMETER, store, metrics, clock);
  }

  static Notice analyzed() {
    return new Notice("inc-1", Notice.Kind.ANALYZED, "🚨 인시던트 분석 완료: netaiops-cpu-spike",
        "가장 유력한 원인은 stress-ng 워크로드의 CPU 점유(90%)입니다.",
        List.of(new Notice.Field("알람", "netaiops-cpu-spike"), new Notice.Field("심각도", "높음 (severity:high)"),
            new Notice.Field("근거", "container-insight: pod_cpu_utilization 97% <@everyone> & *bold*")),
        "GitHub 이슈 #12", "https://github.com/acme/incidents/issues/12", NOW);
  }

  static Notice resolved() {
    return new Notice("inc-1", Notice.Kind.RESOLVED, "✅ 복구 확인: netaiops-cpu-spike", "복구를 확인하고 이슈를 닫았습니다.",
        List.of(new Notice.Field("MTTR", "12분 30초")), "GitHub 이슈 #12", "https://github.com/acme/incidents/issues/12",
        NOW.plusSeconds(750));
  }

  @Override
  public void close() {
    server.close();
  }
}
