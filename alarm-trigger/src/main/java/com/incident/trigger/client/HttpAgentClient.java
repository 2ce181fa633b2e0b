package com.incident.trigger.client;

import com.incident.common.auth.BearerTokens;
import com.incident.common.auth.TokenUnavailableException;
import com.incident.common.incident.AgentRequest;
import com.incident.common.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the {@link AgentRequest} to agent-runtime with a Cognito bearer token; 2xx means accepted. */
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

  @Override
  public void start(AgentRequest request) throws StartFailedException {
    String body = Json.write(request);
    String token = token();
    HttpResponse<String> response = post(body, token);
    if (response.statusCode() == 401) {
      // A token revoked or rotated before its expiry: fetch a fresh one once.
      tokens.invalidate(token);
      response = post(body, token());
    }
    int status = response.statusCode();
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

  private HttpResponse<String> post(String body, String token) throws StartFailedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, "agent start");
  }
}
