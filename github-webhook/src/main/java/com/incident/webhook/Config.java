package com.incident.webhook;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.config.Env;
import com.incident.common.retry.Backoff;
import com.incident.store.DynamoIncidentStore;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * github-webhook settings, read once at init.
 *
 * @param webhookSecretParameter SSM SecureString holding the secret the repository's webhook signs with
 * @param repository {@code owner/name} whose issues carry the incidents; deliveries from any other repository (an
 *     organisation webhook) are ignored
 * @param suiteLogin the GitHub account the suite writes with (a user login, or an app's {@code <slug>[bot]}); its
 *     comments are never commands. Empty ignores every command until it is set: an unknown own account could
 *     approve its own plans.
 */
public record Config(
    String table,
    URI agentEndpoint,
    ClientCredentialsTokens.Settings tokenSettings,
    String webhookSecretParameter,
    String repository,
    String suiteLogin,
    Duration connectTimeout,
    Duration requestTimeout,
    Backoff backoff,
    Duration deliveryLease,
    Duration deliveryTtl,
    Duration secretCacheTtl,
    Duration deadlineMargin) {

  public static Config from(Env env) {
    Duration requestTimeout =
        Duration.ofMillis(positive("HTTP_REQUEST_TIMEOUT_MS", env.intValue("HTTP_REQUEST_TIMEOUT_MS", 5000)));
    Duration tokenRefreshBefore =
        Duration.ofSeconds(positive("TOKEN_REFRESH_BEFORE_SECONDS", env.intValue("TOKEN_REFRESH_BEFORE_SECONDS", 120)));
    String repository = env.required("GITHUB_REPOSITORY");
    if (!repository.matches("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalStateException("Environment variable GITHUB_REPOSITORY must be owner/name, got '" + repository + "'");
    }
    String login = env.optional("SUITE_GITHUB_LOGIN", "").strip();
    if (!login.isEmpty() && !login.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot])?")) {
      throw new IllegalStateException("Environment variable SUITE_GITHUB_LOGIN must be a GitHub login (or <app>[bot]), got '"
          + login + "'");
    }
    return new Config(
        env.required("INCIDENT_TABLE"),
        url("AGENT_ENDPOINT_URL", env.required("AGENT_ENDPOINT_URL")),
        ClientCredentialsTokens.Settings.from(env, requestTimeout, tokenRefreshBefore),
        env.required("GITHUB_WEBHOOK_SECRET_PARAM"),
        repository,
        login,
        Duration.ofMillis(positive("HTTP_CONNECT_TIMEOUT_MS", env.intValue("HTTP_CONNECT_TIMEOUT_MS", 3000))),
        requestTimeout,
        new Backoff(
            positive("HTTP_MAX_ATTEMPTS", env.intValue("HTTP_MAX_ATTEMPTS", 3)),
            Duration.ofMillis(positive("HTTP_RETRY_BASE_MS", env.intValue("HTTP_RETRY_BASE_MS", 300))),
            Duration.ofMillis(positive("HTTP_RETRY_MAX_MS", env.intValue("HTTP_RETRY_MAX_MS", 3000)))),
        Duration.ofSeconds(positive("DELIVERY_LEASE_SECONDS", env.intValue("DELIVERY_LEASE_SECONDS", 60))),
        Duration.ofDays(positive("DELIVERY_TTL_DAYS", env.intValue("DELIVERY_TTL_DAYS", 7))),
        Duration.ofSeconds(positive("SECRET_CACHE_TTL_SECONDS", env.intValue("SECRET_CACHE_TTL_SECONDS", 300))),
        Duration.ofMillis(positive("DEADLINE_MARGIN_MS", env.intValue("DEADLINE_MARGIN_MS", 2000))));
  }

  /** Whether {@code login} (a comment author) is the suite's own account, with or without the app's [bot] suffix. */
  public boolean isSuiteLogin(String login) {
    if (suiteLogin.isEmpty() || login == null) {
      return false;
    }
    String own = bare(suiteLogin);
    return bare(login).equals(own);
  }

  /** The suite's app slug, if the suite writes as a GitHub App ({@code <slug>[bot]}); else its plain login. */
  public String suiteAppSlug() {
    return bare(suiteLogin);
  }

  private static String bare(String login) {
    String lower = login.toLowerCase(Locale.ROOT);
    return lower.endsWith("[bot]") ? lower.substring(0, lower.length() - "[bot]".length()) : lower;
  }

  /** The store writes only delivery items here; incidents and sessions belong to the other functions. */
  public DynamoIncidentStore.Expiry expiry() {
    return DynamoIncidentStore.Expiry.all(deliveryTtl);
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

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalStateException("Environment variable " + name + " must be > 0, got " + value);
    }
    return value;
  }
}
