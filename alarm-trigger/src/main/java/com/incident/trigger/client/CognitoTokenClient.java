package com.incident.trigger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SecretUnavailableException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 client_credentials against the Cognito token endpoint (client id + secret as HTTP Basic, scope in
 * the form). The token is cached in the container until {@code refreshBefore} ahead of its expiry. Neither
 * the secret nor the token is ever logged or put in an exception message.
 */
public final class CognitoTokenClient implements TokenSource {
  private final RetryingHttp http;
  private final URI tokenUrl;
  private final String clientId;
  private final String secretParameter;
  private final String scope;
  private final SecretProvider secrets;
  private final Duration timeout;
  private final Duration refreshBefore;
  private final Clock clock;

  private String cachedToken;
  private Instant refreshAt = Instant.MIN;

  public CognitoTokenClient(RetryingHttp http, URI tokenUrl, String clientId, String secretParameter, String scope,
      SecretProvider secrets, Duration timeout, Duration refreshBefore, Clock clock) {
    this.http = http;
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.secretParameter = secretParameter;
    this.scope = scope;
    this.secrets = secrets;
    this.timeout = timeout;
    this.refreshBefore = refreshBefore;
    this.clock = clock;
  }

  @Override
  public synchronized String token() throws StartFailedException {
    if (cachedToken != null && clock.instant().isBefore(refreshAt)) {
      return cachedToken;
    }
    String secret;
    try {
      secret = secrets.secret(secretParameter);
    } catch (SecretUnavailableException e) {
      throw new StartFailedException("Cognito client secret: " + e.getMessage());
    }
    String basic = Base64.getEncoder().encodeToString(
        (form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
    String body = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + form(scope));
    HttpRequest request = HttpRequest.newBuilder(tokenUrl)
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    Instant requestedAt = clock.instant();
    HttpResponse<String> response = http.send(request, "Cognito token request");
    if (response.statusCode() != 200) {
      throw new StartFailedException("Cognito token endpoint answered HTTP " + response.statusCode()
          + oauthError(response.body()));
    }
    JsonNode json;
    try {
      json = Json.tree(response.body());
    } catch (Exception e) {
      throw new StartFailedException("Cognito token response is not JSON");
    }
    String token = json.path("access_token").asText(null);
    long expiresIn = json.path("expires_in").asLong(0);
    if (token == null || token.isBlank() || expiresIn <= 0) {
      throw new StartFailedException("Cognito token response lacks access_token/expires_in");
    }
    cachedToken = token;
    // Measured from the request, not the response, so a slow answer cannot make the cache outlive the token.
    refreshAt = requestedAt.plusSeconds(expiresIn).minus(refreshBefore);
    return token;
  }

  @Override
  public synchronized void invalidate() {
    cachedToken = null;
    refreshAt = Instant.MIN;
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
    } catch (Exception e) {
      return "";
    }
  }
}
