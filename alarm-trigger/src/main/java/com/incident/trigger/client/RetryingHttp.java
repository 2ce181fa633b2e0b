package com.incident.trigger.client;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.trigger.core.Backoff;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a request, retrying timeouts, I/O errors, 408, 429 and 5xx with {@link Backoff}; other answers return. */
public final class RetryingHttp {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingHttp.class);

  private final HttpClient http;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public RetryingHttp(HttpClient http, Backoff backoff, Sleeper sleeper, RandomGenerator random) {
    this.http = http;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** The first non-retryable response; throws when every attempt failed with a retryable error. */
  public HttpResponse<String> send(HttpRequest request, String what) throws StartFailedException {
    String last = null;
    for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Duration wait = backoff.delay(attempt - 1, random);
        LOG.warn("{} attempt {}/{} failed ({}); retrying in {} ms", what, attempt - 1, backoff.maxAttempts(), last,
            wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StartFailedException(what + " interrupted while retrying after " + last);
        }
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status != 408 && status != 429 && status < 500) {
          return response;
        }
        last = "HTTP " + status;
      } catch (HttpTimeoutException e) {
        last = "timeout";
      } catch (IOException e) {
        last = "I/O error " + e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartFailedException(what + " interrupted");
      }
    }
    throw new StartFailedException(what + " failed after " + backoff.maxAttempts() + " attempts: " + last);
  }

  /** This sender as the token client's transport: failing every attempt is an I/O error there. */
  public ClientCredentialsTokens.Transport asTransport(String what) {
    return request -> {
      try {
        return send(request, what);
      } catch (StartFailedException e) {
        throw new IOException(e.getMessage(), e);
      }
    };
  }
}
