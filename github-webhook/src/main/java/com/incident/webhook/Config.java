package com.incident.webhook;

import com.incident.common.agent.AgentClientSettings;
import com.incident.common.config.Env;
import com.incident.store.DynamoIncidentStore;
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
    AgentClientSettings agent,
    String webhookSecretParameter,
    String repository,
    String suiteLogin,
    Duration deliveryLease,
    Duration deliveryTtl,
    Duration secretCacheTtl,
    Duration deadlineMargin) {

  public static Config from(Env env) {
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
        AgentClientSettings.from(env),
        env.required("GITHUB_WEBHOOK_SECRET_PARAM"),
        repository,
        login,
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

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalStateException("Environment variable " + name + " must be > 0, got " + value);
    }
    return value;
  }
}
