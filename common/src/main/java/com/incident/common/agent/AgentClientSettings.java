package com.incident.common.agent;

import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.config.Env;
import com.incident.common.retry.Backoff;
import java.net.URI;
import java.time.Duration;

/**
 * How a function that starts agent sessions reaches agent-runtime: the same variables in alarm-trigger and
 * github-webhook, read once at init, each refused with its name when missing or invalid.
 *
 * @param endpoint {@code AGENT_ENDPOINT_URL}
 * @param tokens the Cognito app client ({@code COGNITO_*}); its requests share {@code requestTimeout}
 * @param connectTimeout {@code HTTP_CONNECT_TIMEOUT_MS}, default 3000
 * @param requestTimeout {@code HTTP_REQUEST_TIMEOUT_MS}, default 5000, for the token and the agent call alike
 * @param backoff {@code HTTP_MAX_ATTEMPTS} (3), {@code HTTP_RETRY_BASE_MS} (300), {@code HTTP_RETRY_MAX_MS} (3000)
 */
public record AgentClientSettings(URI endpoint, ClientCredentialsTokens.Settings tokens, Duration connectTimeout,
    Duration requestTimeout, Backoff backoff) {

  public static AgentClientSettings from(Env env) {
    Duration requestTimeout =
        Duration.ofMillis(positive("HTTP_REQUEST_TIMEOUT_MS", env.intValue("HTTP_REQUEST_TIMEOUT_MS", 5000)));
    Duration tokenRefreshBefore =
        Duration.ofSeconds(positive("TOKEN_REFRESH_BEFORE_SECONDS", env.intValue("TOKEN_REFRESH_BEFORE_SECONDS", 120)));
    return new AgentClientSettings(
        env.httpUrl("AGENT_ENDPOINT_URL"),
        ClientCredentialsTokens.Settings.from(env, requestTimeout, tokenRefreshBefore),
        Duration.ofMillis(positive("HTTP_CONNECT_TIMEOUT_MS", env.intValue("HTTP_CONNECT_TIMEOUT_MS", 3000))),
        requestTimeout,
        new Backoff(
            positive("HTTP_MAX_ATTEMPTS", env.intValue("HTTP_MAX_ATTEMPTS", 3)),
            Duration.ofMillis(positive("HTTP_RETRY_BASE_MS", env.intValue("HTTP_RETRY_BASE_MS", 300))),
            Duration.ofMillis(positive("HTTP_RETRY_MAX_MS", env.intValue("HTTP_RETRY_MAX_MS", 3000)))));
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalStateException("Environment variable " + name + " must be > 0, got " + value);
    }
    return value;
  }
}
