package com.incident.common.agent;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.retry.Retry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/** Sends a request, retrying timeouts, I/O errors, 408, 429 and 5xx with {@link Retry}; other answers return. */
public final class RetryingHttp {
  private final HttpClient http;
  private final Retry retry;

  public RetryingHttp(HttpClient http, Retry retry) {
    this.http = http;
    this.retry = retry;
  }

  /**
   * The first non-retryable response; throws when every attempt failed with a retryable error, or when no attempt
   * (its request timeout) fits before {@code deadline} any more.
   */
  public HttpResponse<String> send(HttpRequest request, String what, Instant deadline) throws StartFailedException {
    return retry.call(what, deadline, request.timeout().orElse(Duration.ZERO), (attempt, left) -> {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        return status != 408 && status != 429 && status < 500 ? Retry.done(response) : Retry.again("HTTP " + status);
      } catch (HttpTimeoutException e) {
        return Retry.again("timeout");
      } catch (IOException e) {
        return Retry.again("I/O error " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailedException(what + " interrupted");
      }
    }, gaveUp -> new StartFailedException(switch (gaveUp.stop()) {
      case INTERRUPTED -> what + " interrupted while retrying after " + gaveUp.reason();
      case NO_TIME_LEFT -> what + " stopped after " + gaveUp.attempts() + " attempts, no time left before the "
          + "function's deadline: " + gaveUp.reason();
      case ATTEMPTS_EXHAUSTED -> what + " failed after " + gaveUp.attempts() + " attempts: " + gaveUp.reason();
    }));
  }

  /**
   * This sender as the token client's transport: failing every attempt is an I/O error there. The token client
   * has no per-call deadline, so its retries are bounded by the attempts and the request timeout.
   */
  public ClientCredentialsTokens.Transport asTransport(String what) {
    return request -> {
      try {
        return send(request, what, Instant.MAX);
      } catch (StartFailedException e) {
        throw new IOException(e.getMessage(), e);
      }
    };
  }
}
