package com.incident.notify;

import com.incident.common.retry.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON POST to a chat platform, bounded: each attempt waits at most {@code attemptTimeout}, a failed attempt
 * (timeout, connection error, 5xx, 429) is retried once through the suite's {@link Retry}, a 429 after the
 * {@code Retry-After} the platform asked for, and nothing waits past {@code budget}. Any other 4xx is final: the
 * same request would fail again. Reasons never contain the URL (a Discord webhook URL is a secret) or a body.
 */
public final class ChatHttp {
  /** What a platform answered with a 2xx. */
  public record Response(int status, String body) {}

  /** The limits: one retry ({@code Backoff} with 2 attempts), per-attempt timeout, the whole call's time. */
  public record Limits(Duration attemptTimeout, Duration budget) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(8));
  }

  private final HttpClient http;
  private final Retry retry;
  private final Limits limits;

  /** {@code retry} should allow exactly two attempts; its clock and sleeper are the ones the call uses. */
  public ChatHttp(HttpClient http, Retry retry, Limits limits) {
    this.http = http;
    this.retry = retry;
    this.limits = limits;
  }

  public Response post(String what, URI uri, Map<String, String> headers, String json) throws ChatException {
    Instant deadline = retry.clock().instant().plus(limits.budget());
    // An attempt needs a moment at least; a Retry-After that leaves less than that before the deadline is not waited.
    Duration reserve = Duration.ofMillis(Math.min(500, limits.attemptTimeout().toMillis()));
    return retry.call(what, deadline, reserve, (attempt, left) -> attempt(uri, headers, json, attemptTimeout(left)),
        gaveUp -> new ChatException(what + " failed after " + gaveUp.attempts() + " attempt(s) ("
            + gaveUp.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + gaveUp.reason()));
  }

  /** The configured attempt timeout, or less when the deadline is nearer (but never under 100 ms). */
  private Duration attemptTimeout(Duration left) {
    Duration floor = Duration.ofMillis(100);
    Duration t = left.compareTo(limits.attemptTimeout()) < 0 ? left : limits.attemptTimeout();
    return t.compareTo(floor) < 0 ? floor : t;
  }

  private Retry.Outcome<Response> attempt(URI uri, Map<String, String> headers, String json, Duration timeout)
      throws ChatException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return Retry.again("no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return Retry.again("connection failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Retry.done(new Response(status, response.body()));
    }
    if (status == 429) {
      return retryAfter(response).<Retry.Outcome<Response>>map(wait -> Retry.againAfter("HTTP 429", wait))
          .orElseGet(() -> Retry.again("HTTP 429"));
    }
    if (status >= 500 || status == 408) {
      return Retry.again("HTTP " + status);
    }
    throw new ChatException("HTTP " + status + " (not retried: the same request would be refused again)");
  }

  /** Retry-After in (possibly fractional) seconds, as Slack and Discord send it. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        double seconds = Double.parseDouble(v.trim());
        return seconds < 0 || Double.isNaN(seconds) ? Optional.empty()
            : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }
}
