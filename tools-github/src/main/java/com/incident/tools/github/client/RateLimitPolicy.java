package com.incident.tools.github.client;

import com.incident.common.retry.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded waiting on GitHub's primary (403/429 with X-RateLimit-Remaining: 0) and secondary rate limits:
 * wait as long as Retry-After or X-RateLimit-Reset asks if that fits the call's budget, otherwise fail at once
 * with {@link RateLimitedException} so the agent learns when to come back instead of timing out. The retry
 * loop itself is github-api's (it repeats the request when a handler returns), so only the wait is decided here.
 */
public final class RateLimitPolicy {
  private static final Logger log = LoggerFactory.getLogger(RateLimitPolicy.class);
  /** GitHub's guidance when a secondary limit response carries no Retry-After. */
  private static final Duration SECONDARY_DEFAULT_WAIT = Duration.ofSeconds(60);

  private final Duration maxWait;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ThreadLocal<Duration> budget;

  public RateLimitPolicy(Duration maxWait, Clock clock, Sleeper sleeper) {
    this.maxWait = maxWait;
    this.clock = clock;
    this.sleeper = sleeper;
    this.budget = ThreadLocal.withInitial(() -> maxWait);
  }

  /** Starts a tool call: the wait budget is the configured maximum, bounded by what is left of the deadline. */
  public void beginCall(Duration remaining) {
    budget.set(remaining.compareTo(maxWait) < 0 ? remaining : maxWait);
  }

  public GitHubRateLimitHandler primary() {
    return new GitHubRateLimitHandler() {
      @Override
      public void onError(GitHubConnectorResponse response) throws IOException {
        waitOrFail(response);
      }
    };
  }

  public GitHubAbuseLimitHandler secondary() {
    return new GitHubAbuseLimitHandler() {
      @Override
      public void onError(GitHubConnectorResponse response) throws IOException {
        waitOrFail(response);
      }
    };
  }

  /** A response without X-RateLimit-Remaining: 0 is GitHub's secondary (abuse) limit, whatever its status. */
  void waitOrFail(GitHubConnectorResponse response) throws IOException {
    boolean secondary = !"0".equals(response.header("X-RateLimit-Remaining"));
    Duration wait = waitTime(response, secondary);
    Duration left = budget.get();
    if (wait.compareTo(left) > 0) {
      log.warn("GitHub {} rate limit: retry in {}s exceeds the remaining wait budget of {}s; failing the call",
          secondary ? "secondary" : "primary", wait.toSeconds(), left.toSeconds());
      throw new RateLimitedException(secondary, clock.instant().plus(wait).truncatedTo(ChronoUnit.SECONDS), response.statusCode());
    }
    log.warn("GitHub {} rate limit: waiting {} ms before retrying", secondary ? "secondary" : "primary", wait.toMillis());
    budget.set(left.minus(wait));
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw (InterruptedIOException) new InterruptedIOException("interrupted while waiting for the GitHub rate limit").initCause(e);
    }
  }

  Duration waitTime(GitHubConnectorResponse response, boolean secondary) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter != null) {
      try {
        return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return positive(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException ignored) {
          // fall through to the reset header
        }
      }
    }
    String reset = response.header("X-RateLimit-Reset");
    if (reset != null && "0".equals(response.header("X-RateLimit-Remaining"))) {
      try {
        return positive(Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim()))));
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return secondary ? SECONDARY_DEFAULT_WAIT : Duration.ofSeconds(1);
  }

  private static Duration positive(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  /** The limit outlasts the budget; carries when GitHub will accept requests again. */
  public static final class RateLimitedException extends IOException {
    private final boolean secondary;
    private final Instant retryAt;
    private final int status;

    RateLimitedException(boolean secondary, Instant retryAt, int status) {
      super("GitHub " + (secondary ? "secondary" : "primary") + " rate limit until " + retryAt);
      this.secondary = secondary;
      this.retryAt = retryAt;
      this.status = status;
    }

    public boolean secondary() {
      return secondary;
    }

    public Instant retryAt() {
      return retryAt;
    }

    public int status() {
      return status;
    }
  }
}
