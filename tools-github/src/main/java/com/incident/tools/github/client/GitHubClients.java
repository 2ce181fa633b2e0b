package com.incident.tools.github.client;

import com.incident.common.secrets.SecretProvider;
import com.incident.tools.github.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/** Builds the one github-api client of a container: JDK HttpClient connector, SSM-backed auth, bounded rate-limit waits. */
public final class GitHubClients {
  private GitHubClients() {}

  public static GitHub build(Config config, SecretProvider secrets, RateLimitPolicy rateLimits, Clock clock) {
    HttpClient.Builder http = HttpClient.newBuilder()
        .connectTimeout(config.httpTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if ("http".equals(config.apiUrl().getScheme())) {
      // Plain http is only a local fake or a proxy; skip the h2c upgrade dance.
      http.version(HttpClient.Version.HTTP_1_1);
    }
    try {
      return new GitHubBuilder()
          .withEndpoint(config.apiUrl().toString())
          .withConnector(new HttpClientGitHubConnector(http.build()))
          .withAuthorizationProvider(authorization(config, secrets, clock))
          .withRateLimitHandler(rateLimits.primary())
          .withAbuseLimitHandler(rateLimits.secondary())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the GitHub client for " + config.apiUrl(), e);
    }
  }

  static AuthorizationProvider authorization(Config config, SecretProvider secrets, Clock clock) {
    if (!config.appAuth()) {
      return new TokenAuthorization(secrets, config.tokenParameter());
    }
    AppJwtAuthorization jwt = new AppJwtAuthorization(secrets, config.appIdParameter(), config.appPrivateKeyParameter(), clock);
    // The library caches the installation token and refreshes it five minutes before it expires.
    return new AppInstallationAuthorizationProvider(app -> app.getInstallationByRepository(config.owner(), config.repository()), jwt);
  }
}
