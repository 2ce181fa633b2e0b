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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack through the Web API's {@code chat.postMessage} with a bot token (scope {@code chat:write}): the incident's
 * first message is the thread root, its channel and {@code ts} are kept on the incident record, and every later
 * message goes into that thread ({@code thread_ts}). Slack answers HTTP 200 with {@code ok:false} for most errors
 * (invalid_auth, channel_not_found, not_in_channel...): those are failures too, not retried.
 */
public final class SlackNotifier implements ChatNotifier {
  public static final String DESTINATION = "Slack";
  public static final String DEFAULT_API_URL = "https://slack.com/api";
  /** The destination's key on the incident record. */
  static final String THREAD = "slack";
  private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

  private final ChatHttp http;
  private final SecretProvider secrets;
  private final String tokenParameter;
  private final String channel;
  private final URI postMessage;
  private final IncidentStore store;
  private final MetricsSink metrics;
  private final Clock clock;

  /** {@code apiUrl}: Slack's Web API base ({@link #DEFAULT_API_URL}); the sandbox points it at its recorder. */
  public SlackNotifier(ChatHttp http, SecretProvider secrets, String tokenParameter, String channel, String apiUrl,
      IncidentStore store, MetricsSink metrics, Clock clock) {
    this.http = http;
    this.secrets = secrets;
    this.tokenParameter = tokenParameter;
    this.channel = channel;
    this.postMessage = URI.create(apiUrl.replaceAll("/+$", "") + "/chat.postMessage");
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
      String payload = Json.write(SlackMessages.payload(channel, notice, root.map(ChatThread::messageId).orElse(null)));
      Map<String, String> headers = Map.of("Authorization", "Bearer " + secrets.secret(tokenParameter),
          "Content-Type", "application/json; charset=utf-8");
      JsonNode answer = Json.tree(http.post("Slack chat.postMessage", postMessage, headers, payload).body());
      if (!answer.path("ok").asBoolean(false)) {
        return Failures.report(metrics, DESTINATION, notice, "Slack answered ok:false ("
            + answer.path("error").asText("no error code").replaceAll("[^a-z_]", "") + ")");
      }
      if (root.isEmpty()) {
        remember(notice, answer);
      }
      return true;
    } catch (ChatException | SecretUnavailableException e) {
      return Failures.report(metrics, DESTINATION, notice, e.getMessage());
    } catch (JsonProcessingException e) {
      return Failures.report(metrics, DESTINATION, notice, "Slack's answer is not JSON");
    } catch (RuntimeException e) {
      return Failures.report(metrics, DESTINATION, notice, "unexpected " + e.getClass().getSimpleName());
    }
  }

  /** The thread to post into; when the record cannot be read, the message still goes out, as a new root. */
  private Optional<ChatThread> thread(Notice notice) {
    try {
      return store.chatThread(notice.incidentId(), THREAD);
    } catch (RuntimeException e) {
      LOG.warn("Slack thread of incident {} unreadable ({}); posting to the channel", notice.incidentId(), e.toString());
      return Optional.empty();
    }
  }

  private void remember(Notice notice, JsonNode answer) {
    String ts = answer.path("ts").asText("");
    String in = answer.path("channel").asText(channel);
    if (ts.isEmpty()) {
      LOG.warn("Slack accepted the first message of incident {} without a ts; later ones start new threads",
          notice.incidentId());
      return;
    }
    try {
      store.recordChatThread(notice.incidentId(), THREAD, new ChatThread(in, ts), clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("Slack thread of incident {} not recorded ({})", notice.incidentId(), e.toString());
    }
  }
}
