package com.incident.tools.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * GET requests whose response fields github-api does not model (its public API has no raw request builder), sent
 * through the client's own connector with its credentials and rate-limit policy.
 */
final class RawGet {
  private static final int MAX_ATTEMPTS = 3;

  private final GitHubConnector connector;
  private final AuthorizationProvider authorization;
  private final String apiUrl;
  private final RateLimitPolicy rateLimits;

  RawGet(GitHubConnector connector, AuthorizationProvider authorization, URI apiUrl, RateLimitPolicy rateLimits) {
    this.connector = connector;
    this.authorization = authorization;
    this.apiUrl = apiUrl.toString().replaceAll("/+$", "");
    this.rateLimits = rateLimits;
  }

  /** The JSON answer to GET {@code path}, or empty on 404; other failures throw as github-api's {@link HttpException}. */
  Optional<JsonNode> get(String path) throws IOException {
    URL url = URI.create(apiUrl + path).toURL();
    for (int attempt = 1; ; attempt++) {
      Request request = new Request(url, Map.of(
          "Accept", List.of("application/vnd.github+json"),
          "X-GitHub-Api-Version", List.of("2022-11-28"),
          "Authorization", List.of(authorization.getEncodedAuthorization())));
      try (GitHubConnectorResponse response = connector.send(request)) {
        int status = response.statusCode();
        String body;
        try (InputStream in = response.bodyStream()) {
          body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status / 100 == 2) {
          return Optional.of(Json.MAPPER.readTree(body));
        }
        if (status == 404) {
          return Optional.empty();
        }
        boolean limited = (status == 403 || status == 429)
            && ("0".equals(response.header("X-RateLimit-Remaining")) || response.header("Retry-After") != null);
        if (limited && attempt < MAX_ATTEMPTS) {
          rateLimits.waitOrFail(response); // throws when the wait does not fit this call's budget
          continue;
        }
        throw new HttpException(body, status, "HTTP " + status, url.toString());
      }
    }
  }

  private record Request(URL url, Map<String, List<String>> allHeaders) implements GitHubConnectorRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String header(String name) {
      return allHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    @Override
    public String contentType() {
      return null;
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public boolean hasBody() {
      return false;
    }
  }
}
