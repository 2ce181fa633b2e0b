package com.incident.notify;

import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Backoff;
import com.incident.common.retry.Retry;
import com.incident.common.secrets.SecretProvider;
import com.incident.store.IncidentStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The configured destinations, each with its own bounded transport. */
public final class ChatNotifiers {
  /** Two attempts: the first and exactly one retry, after at most half a second (or the Retry-After asked for). */
  static final Backoff ONE_RETRY = new Backoff(2, Duration.ofMillis(500), Duration.ofMillis(500));

  private ChatNotifiers() {}

  public static List<ChatNotifier> of(ChatSettings settings, SecretProvider secrets, IncidentStore store,
      MetricsSink metrics, Clock clock) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(ChatHttp.Limits.DEFAULT.attemptTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    ChatHttp http = new ChatHttp(client, Retry.of(ONE_RETRY), ChatHttp.Limits.DEFAULT);
    List<ChatNotifier> notifiers = new ArrayList<>();
    if (settings.slack()) {
      notifiers.add(new SlackNotifier(http, secrets, settings.slackTokenParameter(), settings.slackChannelId(),
          settings.slackApiUrl(), store, metrics, clock));
    }
    if (settings.discord()) {
      notifiers.add(new DiscordNotifier(http, secrets, settings.discordWebhookParameter(), store, metrics, clock));
    }
    return List.copyOf(notifiers);
  }
}
