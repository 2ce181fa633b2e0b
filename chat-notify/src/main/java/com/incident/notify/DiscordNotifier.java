package com.incident.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import com.incident.store.ChatThread;
import com.incident.store.IncidentStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord through a channel webhook (the URL, which embeds the webhook's token, is the secret). Messages are
 * sent with {@code ?wait=true}, so Discord answers with the created message; the first one's channel and id are
 * kept on the incident record and every later message refers to it (see {@link DiscordMessages}).
 */
public final class DiscordNotifier implements ChatNotifier {
  public static final String DESTINATION = "Discord";
  static final String THREAD = "discord";
  private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);

  private final ChatHttp http;
  private final SecretProvider secrets;
  private final String webhookParameter;
  private final IncidentStore store;
  private final MetricsSink metrics;
  private final Clock clock;

  public DiscordNotifier(ChatHttp http, SecretProvider secrets, String webhookParameter, IncidentStore store,
      MetricsSink metrics, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.webhookParameter = webhookParameter;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public String destination() {
    return DESTINATION;
  }

  @Override
  public boolean send(Notice notice) {
    try {
      Optional<ChatThread> root = thread(notice);
      String payload = Json.write(DiscordMessages.payload(notice, root.orElse(null)));
      URI webhook = waiting(secrets.secret(webhookParameter));
      JsonNode message = Json.tree(http.post("Discord webhook", webhook,
          Map.of("Content-Type", "application/json"), payload).body());
      if (root.isEmpty()) {
        remember(notice, message);
      }
      return true;
    } catch (ChatException | SecretUnavailableException e) {
      return Failures.report(metrics, DESTINATION, notice, e.getMessage());
    } catch (JsonProcessingException e) {
      return Failures.report(metrics, DESTINATION, notice, "Discord's answer is not JSON");
    } catch (RuntimeException e) {
      return Failures.report(metrics, DESTINATION, notice, "unexpected " + e.getClass().getSimpleName());
    }
  }

  /** The webhook URL with {@code wait=true}; a value that is no http(s) URL is refused without repeating it. */
  static URI waiting(String url) throws ChatException {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ChatException("the webhook URL parameter does not hold a URL");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ChatException("the webhook URL parameter does not hold an http(s) URL");
    }
    String query = uri.getRawQuery();
    if (query != null && query.contains("wait=")) {
      return uri;
    }
    return URI.create(uri.toString() + (query == null ? "?" : "&") + "wait=true");
  }

  private Optional<ChatThread> thread(Notice notice) {
    try {
      return store.chatThread(notice.incidentId(), THREAD);
    } catch (RuntimeException e) {
      LOG.warn("Discord first message of incident {} unreadable ({})", notice.incidentId(), e.toString());
      return Optional.empty();
    }
  }

  private void remember(Notice notice, JsonNode message) {
    String id = message.path("id").asText("");
    String channel = message.path("channel_id").asText("");
    if (id.isEmpty() || channel.isEmpty()) {
      LOG.warn("Discord answered the first message of incident {} without its id", notice.incidentId());
      return;
    }
    try {
      store.recordChatThread(notice.incidentId(), THREAD, new ChatThread(channel, id), clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Discord first message of incident {} not recorded ({})", notice.incidentId(), e.toString());
    }
  }
}
