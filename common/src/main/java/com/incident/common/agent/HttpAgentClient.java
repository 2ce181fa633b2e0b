package com.incident.common.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.auth.BearerTokens;
import com.incident.common.auth.ClientCredentialsTokens;
import com.incident.common.auth.TokenUnavailableException;
import com.incident.common.incident.AgentRequest;
import com.incident.common.incident.InputLimits;
import com.incident.common.json.Json;
import com.incident.common.retry.Retry;
import com.incident.common.secrets.SecretProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs the {@link AgentRequest} to agent-runtime with a Cognito bearer token; 2xx means accepted. Timeouts,
 * 408, 429 and 5xx are retried and then fail the start (the delivery comes back); 401 and 403 too, since they
 * say the credentials are wrong, not the request. Any other 4xx is the agent refusing this request for good.
 */
public final class HttpAgentClient implements AgentClient {
  private final RetryingHttp http;
  private final URI endpoint;
  private final BearerTokens tokens;
  private final Duration timeout;

  public HttpAgentClient(RetryingHttp http, URI endpoint, BearerTokens tokens, Duration timeout) {
    this.http = http;
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.timeout = timeout;
  }

  /**
   * The client every function that starts sessions deploys: HTTP/1.1 without redirects, each call (token and start)
   * retried with the settings' backoff, the bearer token from Cognito's client_credentials with the client secret
   * read through {@code secrets}.
   */
  public static HttpAgentClient create(AgentClientSettings settings, SecretProvider secrets) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    RetryingHttp retrying = new RetryingHttp(http, Retry.of(settings.backoff()));
    ClientCredentialsTokens tokens = new ClientCredentialsTokens(retrying.asTransport("Cognito token request"),
        settings.tokens(), secrets, Clock.systemUTC());
    return new HttpAgentClient(retrying, settings.endpoint(), tokens, settings.requestTimeout());
  }

  @Override
  public void start(AgentRequest request, Instant deadline) throws StartFailedException, AgentRejectedException {
    String body = Json.write(request);
    String token = token();
    HttpResponse<String> response = post(body, token, deadline);
    if (response.statusCode() == 401) {
      // A token revoked or rotated before its expiry: fetch a fresh one once.
      tokens.invalidate(token);
      response = post(body, token(), deadline);
    }
    int status = response.statusCode();
    if (status >= 400 && status <= 499 && status != 401 && status != 403 && status != 408 && status != 429) {
      throw new AgentRejectedException(status, "agent refused session " + request.sessionId() + " with HTTP "
          + status + explanation(response.body()));
    }
    if (status < 200 || status > 299) {
      throw new StartFailedException("agent endpoint answered HTTP " + status + " for session "
          + request.sessionId());
    }
  }

  private String token() throws StartFailedException {
    try {
      return tokens.token();
    } catch (TokenUnavailableException e) {
      throw new StartFailedException(e.getMessage());
    }
  }

  /** The agent's {@code {"error","message"}} body, shortened: it may quote what it refused. */
  private static String explanation(String body) {
    try {
      JsonNode error = Json.tree(body == null ? "" : body);
      if (error != null && error.path("error").isTextual()) {
        String message = error.path("message").asText("");
        String shown = message.length() > 300 ? message.substring(0, 300) + "..." : message;
        return " (" + InputLimits.quote(error.path("error").asText()) + (shown.isEmpty() ? "" : ": " + shown) + ")";
      }
    } catch (JsonProcessingException e) {
      // Not the agent's JSON error (a proxy's page): the status alone must do.
    }
    return "";
  }

  private HttpResponse<String> post(String body, String token, Instant deadline) throws StartFailedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, "agent start", deadline);
  }
}
