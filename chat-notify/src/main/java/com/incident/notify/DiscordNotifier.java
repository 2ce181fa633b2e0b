package com.incident.notify;

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

/**
 * Discord through a channel webhook (the URL, which embeds the webhook's token, is the secret). Messages are
 * sent with {@code ?wait=true}, so Discord answers with the created message; the first one's channel and id are
 * kept on the incident record and every later message refers to it (see {@link DiscordMessages}).
 */
public final class DiscordNotifier extends ThreadedNotifier {
  public static final String DESTINATION = "Discord";
  static final String THREAD = "discord";

  private final SecretProvider secrets;
  private final String webhookParameter;

  public DiscordNotifier(ChatHttp http, SecretProvider secrets, String webhookParameter, IncidentStore store,
      MetricsSink metrics, Clock clock) {
    super(DESTINATION, THREAD, http, store, metrics, clock);
    this.secrets = secrets;
    this.webhookParameter = webhookParameter;
  }

  @Override
  Post post(Notice notice, ChatThread root) throws ChatException, SecretUnavailableException {
    String payload = Json.write(DiscordMessages.payload(notice, root));
    return new Post("Discord webhook", waiting(secrets.secret(webhookParameter)),
        Map.of("Content-Type", "application/json"), payload);
  }

  /** The created message ({@code ?wait=true}); the root is its channel and id. */
  @Override
  Optional<ChatThread> accepted(JsonNode message) {
    String id = message.path("id").asText("");
    String channel = message.path("channel_id").asText("");
    return id.isEmpty() || channel.isEmpty() ? Optional.empty() : Optional.of(new ChatThread(channel, id));
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
}
