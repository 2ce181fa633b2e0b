package com.incident.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
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
 * The send flow every destination shares: look up the incident's first message on the incident record, post the
 * platform's message through the bounded {@link ChatHttp}, let the platform check its answer, keep the first
 * message's place so later ones follow it, and turn every failure into one {@link Failures#report}. A subclass
 * only says how its message is addressed and what its answer means.
 */
abstract sealed class ThreadedNotifier implements ChatNotifier permits SlackNotifier, DiscordNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadedNotifier.class);

  /** One request to the platform; {@code what} names it in failure reasons and never holds the URL. */
  record Post(String what, URI uri, Map<String, String> headers, String json) {}

  private final String destination;
  private final String threadKey;
  private final ChatHttp http;
  private final IncidentStore store;
  private final MetricsSink metrics;
  private final Clock clock;

  /** {@code threadKey}: the destination's key on the incident record. */
  ThreadedNotifier(String destination, String threadKey, ChatHttp http, IncidentStore store, MetricsSink metrics,
      Clock clock) {
    this.destination = destination;
    this.threadKey = threadKey;
    this.http = http;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The request for {@code notice}; {@code root} is the incident's first message, null for the first one. */
  abstract Post post(Notice notice, ChatThread root) throws ChatException, SecretUnavailableException;

  /**
   * The first message's place as the platform's 2xx answer names it (empty when the answer lacks it); throws when
   * the answer says the platform did not take the message after all.
   */
  abstract Optional<ChatThread> accepted(JsonNode answer) throws ChatException;

  @Override
  public final String destination() {
    return destination;
  }

  @Override
  public final boolean send(Notice notice) {
    try {
      Optional<ChatThread> root = thread(notice);
      Post post = post(notice, root.orElse(null));
      Optional<ChatThread> created = accepted(Json.tree(http.post(post.what(), post.uri(), post.headers(),
          post.json()).body()));
      if (root.isEmpty()) {
        remember(notice, created);
      }
      return true;
    } catch (ChatException | SecretUnavailableException e) {
      return Failures.report(metrics, destination, notice, e.getMessage());
    } catch (JsonProcessingException e) {
      return Failures.report(metrics, destination, notice, destination + "'s answer is not JSON");
    } catch (RuntimeException e) {
      return Failures.report(metrics, destination, notice, "unexpected " + e.getClass().getSimpleName());
    }
  }

  /** The first message to follow; when the record cannot be read, the message still goes out, as a new first one. */
  private Optional<ChatThread> thread(Notice notice) {
    try {
      return store.chatThread(notice.incidentId(), threadKey);
    } catch (RuntimeException e) {
      LOG.warn("{} first message of incident {} unreadable ({}); posting a new one", destination, notice.incidentId(),
          e.toString());
      return Optional.empty();
    }
  }

  private void remember(Notice notice, Optional<ChatThread> created) {
    if (created.isEmpty()) {
      LOG.warn("{} accepted the first message of incident {} without its id; later ones start anew", destination,
          notice.incidentId());
      return;
    }
    try {
      store.recordChatThread(notice.incidentId(), threadKey, created.get(), clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("{} first message of incident {} not recorded ({})", destination, notice.incidentId(), e.toString());
    }
  }
}
