package com.incident.trigger.client;

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
  private final TokenSource tokens;
  private final Duration timeout;

  public HttpAgentClient(RetryingHttp http, URI endpoint, TokenSource tokens, Duration timeout) {
    this.http = http;
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.timeout = timeout;
  }

  @Override
  public void start(AgentRequest request) throws StartFailedException {
    String body = Json.write(request);
    HttpResponse<String> response = post(body);
    if (response.statusCode() == 401) {
      // A token revoked or rotated before its expiry: fetch a fresh one once.
      tokens.invalidate();
      response = post(body);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new StartFailedException("agent endpoint answered HTTP " + status + " for session "
          + request.sessionId());
    }
  }

  private HttpResponse<String> post(String body) throws StartFailedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + tokens.token())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, "agent start");
  }
}
