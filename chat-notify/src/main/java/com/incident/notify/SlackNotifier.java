package com.incident.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import com.incident.store.ChatThread;
import com.incident.store.IncidentStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Slack through the Web API's {@code chat.postMessage} with a bot token (scope {@code chat:write}): the incident's
 * first message is the thread root, its channel and {@code ts} are kept on the incident record, and every later
 * message goes into that thread ({@code thread_ts}). Slack answers HTTP 200 with {@code ok:false} for most errors
 * (invalid_auth, channel_not_found, not_in_channel...): those are failures too, not retried.
 */
public final class SlackNotifier extends ThreadedNotifier {
  public static final String DESTINATION = "Slack";
  public static final String DEFAULT_API_URL = "https://slack.com/api";
  /** The destination's key on the incident record. */
  static final String THREAD = "slack";

  private final SecretProvider secrets;
  private final String tokenParameter;
  private final String channel;
  private final URI postMessage;

  /** {@code apiUrl}: Slack's Web API base ({@link #DEFAULT_API_URL}); the sandbox points it at its recorder. */
  public SlackNotifier(ChatHttp http, SecretProvider secrets, String tokenParameter, String channel, String apiUrl,
      IncidentStore store, MetricsSink metrics, Clock clock) {
    super(DESTINATION, THREAD, http, store, metrics, clock);
    this.secrets = secrets;
    this.tokenParameter = tokenParameter;
    this.channel = channel;
    this.postMessage = URI.create(apiUrl.replaceAll("/+$", "") + "/chat.postMessage");
  }

  @Override
  Post post(Notice notice, ChatThread root) throws SecretUnavailableException {
    String payload = Json.write(SlackMessages.payload(channel, notice, root == null ? null : root.messageId()));
    return new Post("Slack chat.postMessage", postMessage, Map.of("Authorization",
        "Bearer " + secrets.secret(tokenParameter), "Content-Type", "application/json; charset=utf-8"), payload);
  }

  /** Slack's {@code ok:false} (with HTTP 200) is a refusal; the root is the answer's channel and {@code ts}. */
  @Override
  Optional<ChatThread> accepted(JsonNode answer) throws ChatException {
    if (!answer.path("ok").asBoolean(false)) {
      throw new ChatException("Slack answered ok:false ("
          + answer.path("error").asText("no error code").replaceAll("[^a-z_]", "") + ")");
    }
    String ts = answer.path("ts").asText("");
    return ts.isEmpty() ? Optional.empty() : Optional.of(new ChatThread(answer.path("channel").asText(channel), ts));
  }
}
