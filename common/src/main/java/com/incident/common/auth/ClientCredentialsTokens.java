package com.incident.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client_credentials against the Cognito token endpoint (client id + secret as HTTP Basic, scope in the
 * form), the secret read from SSM through a {@link SecretProvider}. The token is cached in the container until
 * {@code refreshBefore} ahead of the expiry its {@code expires_in} announces. A refresh that fails while the cached
 * token is still valid hands out the cached token, so a short Cognito outage does not fail a call that could still
 * succeed. Neither the secret nor a token is ever logged or put in an exception message.
 */
public final class ClientCredentialsTokens implements BearerTokens {
  private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokens.class);
  /** A cached token closer than this to its expiry is not handed out even when a refresh fails. */
  private static final Duration MIN_VALIDITY = Duration.ofSeconds(30);

  /**
   * @param secretParameter SSM SecureString holding the app client's secret
   * @param scope the scope to request; null requests the client's default scopes
   * @param refreshBefore how long before expiry a cached token is replaced (capped at half its lifetime)
   */
  public record Settings(URI tokenUrl, String clientId, String secretParameter, String scope, Duration requestTimeout,
      Duration refreshBefore) {
    public static final String DEFAULT_SECRET_PARAMETER = "/app/incident/cognito/client-secret";

    /** The app client from {@code COGNITO_*}, the same variables in every function that fetches a token. */
    public static Settings from(Env env, Duration requestTimeout, Duration refreshBefore) {
      return new Settings(
          env.httpUrl("COGNITO_TOKEN_URL"),
          env.required("COGNITO_CLIENT_ID"),
          env.optional("COGNITO_CLIENT_SECRET_PARAM", DEFAULT_SECRET_PARAMETER),
          env.optional("COGNITO_SCOPE", null),
          requestTimeout, refreshBefore);
    }
  }

  /** Sends the token request: alarm-trigger plugs in its retrying sender, agent-runtime a plain client. */
  @FunctionalInterface
  public interface Transport {
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException;

    static Transport of(HttpClient http) {
      return request -> http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }

  private final Transport transport;
  private final Settings settings;
  private final SecretProvider secrets;
  private final Clock clock;

  private String cachedToken;
  private Instant refreshAt = Instant.MIN;
  private Instant expiresAt = Instant.MIN;

  public ClientCredentialsTokens(Transport transport, Settings settings, SecretProvider secrets, Clock clock) {
    this.transport = transport;
    this.settings = settings;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public synchronized String token() throws TokenUnavailableException {
    Instant now = clock.instant();
    if (cachedToken != null && now.isBefore(refreshAt)) {
      return cachedToken;
    }
    try {
      return fetch();
    } catch (TokenUnavailableException e) {
      if (cachedToken != null && now.plus(MIN_VALIDITY).isBefore(expiresAt)) {
        LOG.warn("Token refresh failed ({}); using the cached token until {}", e.getMessage(), expiresAt);
        return cachedToken;
      }
      throw e;
    }
  }

  @Override
  public synchronized void invalidate(String rejected) {
    if (cachedToken != null && cachedToken.equals(rejected)) {
      cachedToken = null;
      refreshAt = Instant.MIN;
      expiresAt = Instant.MIN;
    }
  }

  private String fetch() throws TokenUnavailableException {
    String secret;
    try {
      secret = secrets.secret(settings.secretParameter());
    } catch (SecretUnavailableException e) {
      throw new TokenUnavailableException("Cognito client secret: " + e.getMessage());
    }
    String basic = Base64.getEncoder().encodeToString(
        (form(settings.clientId()) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
    String body = "grant_type=client_credentials" + (settings.scope() == null ? "" : "&scope=" + form(settings.scope()));
    HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    Instant requestedAt = clock.instant();
    HttpResponse<String> response;
    try {
      response = transport.send(request);
    } catch (IOException e) {
      // The JDK's messages name the URL at most, never headers; the retrying sender's name the attempts.
      throw new TokenUnavailableException("Cognito token request failed ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailableException("Cognito token request interrupted");
    }
    if (response.statusCode() != 200) {
      throw new TokenUnavailableException("Cognito token endpoint answered HTTP " + response.statusCode()
          + oauthError(response.body()));
    }
    JsonNode json;
    try {
      json = Json.tree(response.body());
    } catch (IOException e) {
      throw new TokenUnavailableException("Cognito token response is not JSON");
    }
    String token = json.path("access_token").asText(null);
    long expiresIn = json.path("expires_in").asLong(0);
    if (token == null || token.isBlank() || expiresIn <= 0) {
      throw new TokenUnavailableException("Cognito token response lacks access_token/expires_in");
    }
    Duration lifetime = Duration.ofSeconds(expiresIn);
    // Measured from the request, not the response, so a slow answer cannot make the cache outlive the token; a
    // short-lived token (app client set to minutes) is still reused for half its life instead of never.
    Duration margin = settings.refreshBefore().compareTo(lifetime.dividedBy(2)) > 0
        ? lifetime.dividedBy(2) : settings.refreshBefore();
    cachedToken = token;
    expiresAt = requestedAt.plus(lifetime);
    refreshAt = expiresAt.minus(margin);
    LOG.info("Fetched a Cognito access token for client {} valid for {} s; refreshing after {}",
        settings.clientId(), expiresIn, refreshAt);
    return token;
  }

  // RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding.
  private static String form(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  // OAuth error codes (invalid_client, invalid_scope) are safe to surface; free text is dropped.
  private static String oauthError(String body) {
    try {
      String error = Json.tree(body).path("error").asText("");
      return error.matches("[a-z_]{1,40}") ? " (" + error + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }
}
