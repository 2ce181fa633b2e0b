package com.incident.trigger;

import com.incident.common.agent.AgentClientSettings;
import com.incident.common.config.Env;
import com.incident.common.incident.AnalysisRateLimit;
import com.incident.store.DynamoIncidentStore;
import java.time.Duration;

/** alarm-trigger settings, read once at init. */
public record Config(
    String table,
    AgentClientSettings agent,
    AnalysisRateLimit.Limits rateLimits,
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
    return new Config(
        env.required("INCIDENT_TABLE"),
        AgentClientSettings.from(env),
        AnalysisRateLimit.Limits.from(env),
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
