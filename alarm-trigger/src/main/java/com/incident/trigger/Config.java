package com.incident.trigger;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.config.Env;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.common.retry.Backoff;
import com.incident.store.DynamoIncidentStore;
import java.net.URI;
import java.time.Duration;

/** alarm-trigger settings, read once at init. */
public record Config(
    String table,
    URI agentEndpoint,
    ClientCredentialsTokens.Settings tokenSettings,
    AnalysisRateLimit.Limits rateLimits,
    Duration connectTimeout,
    Duration requestTimeout,
    Backoff backoff,
    Duration claimLease,
    Duration messageTtl,
    Duration incidentTtl,
    Duration secretCacheTtl,
    Duration correlationWindow) {

  /** Whether related alarms are grouped into one incident (CORRELATION_WINDOW_MINUTES > 0). */
  public boolean correlates() {
    return !correlationWindow.isZero();
  }

  public static Config from(Env env) {
    Duration requestTimeout =
        Duration.ofMillis(positive("HTTP_REQUEST_TIMEOUT_MS", env.intValue("HTTP_REQUEST_TIMEOUT_MS", 5000)));
    Duration tokenRefreshBefore =
        Duration.ofSeconds(positive("TOKEN_REFRESH_BEFORE_SECONDS", env.intValue("TOKEN_REFRESH_BEFORE_SECONDS", 120)));
    return new Config(
        env.required("INCIDENT_TABLE"),
        url("AGENT_ENDPOINT_URL", env.required("AGENT_ENDPOINT_URL")),
        ClientCredentialsTokens.Settings.from(env, requestTimeout, tokenRefreshBefore),
        AnalysisRateLimit.Limits.from(env),
        Duration.ofMillis(positive("HTTP_CONNECT_TIMEOUT_MS", env.intValue("HTTP_CONNECT_TIMEOUT_MS", 3000))),
        requestTimeout,
        new Backoff(
            positive("HTTP_MAX_ATTEMPTS", env.intValue("HTTP_MAX_ATTEMPTS", 3)),
            Duration.ofMillis(positive("HTTP_RETRY_BASE_MS", env.intValue("HTTP_RETRY_BASE_MS", 300))),
            Duration.ofMillis(positive("HTTP_RETRY_MAX_MS", env.intValue("HTTP_RETRY_MAX_MS", 3000)))),
        Duration.ofSeconds(positive("MESSAGE_LEASE_SECONDS", env.intValue("MESSAGE_LEASE_SECONDS", 90))),
        Duration.ofDays(positive("MESSAGE_TTL_DAYS", env.intValue("MESSAGE_TTL_DAYS", 7))),
        Duration.ofDays(positive("INCIDENT_TTL_DAYS", env.intValue("INCIDENT_TTL_DAYS", 90))),
        Duration.ofSeconds(positive("SECRET_CACHE_TTL_SECONDS", env.intValue("SECRET_CACHE_TTL_SECONDS", 300))),
        Duration.ofMinutes(notNegative("CORRELATION_WINDOW_MINUTES", env.intValue("CORRELATION_WINDOW_MINUTES", 15))));
  }

  /** The table's item lifetimes; alarm-trigger writes no session markers, which agent-runtime times itself. */
  public DynamoIncidentStore.Expiry expiry() {
    return new DynamoIncidentStore.Expiry(messageTtl, incidentTtl, messageTtl);
  }

  private static URI url(String name, String value) {
    try {
      URI uri = URI.create(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException ignored) {
      // Reported below with the variable name.
    }
    throw new IllegalStateException("Environment variable " + name + " must be an http(s) URL, got '" + value + "'");
  }

  private static int notNegative(String name, int value) {
    if (value < 0 || value > 24 * 60) {
      throw new IllegalStateException("Environment variable " + name + " must be 0 (off) to 1440, got " + value);
    }
    return value;
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalStateException("Environment variable " + name + " must be > 0, got " + value);
    }
    return value;
  }
}
