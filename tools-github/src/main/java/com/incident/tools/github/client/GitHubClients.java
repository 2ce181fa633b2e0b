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
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/** Builds the one github-api client of a container: JDK HttpClient connector, SSM-backed auth, bounded rate-limit waits. */
public final class GitHubClients {
  private GitHubClients() {}

  /** The issue tracker over one client; its raw requests and identity lookup share that client's connector and credentials. */
  public static KohsukeIssueTracker tracker(Config config, SecretProvider secrets, RateLimitPolicy rateLimits, Clock clock) {
    GitHubConnector connector = connector(config);
    AuthorizationProvider authorization = authorization(config, secrets, clock);
    GitHub github = client(config, connector, authorization, rateLimits);
    RawGet raw = new RawGet(connector, authorization, config.apiUrl(), rateLimits);
    KohsukeIssueTracker.Identity identity;
    if (config.appAuth()) {
      // An installation token cannot read /user; the App's own endpoint (JWT) names its slug, and GitHub writes as <slug>[bot].
      AppJwtAuthorization jwt = new AppJwtAuthorization(secrets, config.appIdParameter(), config.appPrivateKeyParameter(), clock);
      GitHub app = client(config, connector, jwt, rateLimits);
      identity = () -> app.getApp().getSlug() + "[bot]";
    } else {
      identity = () -> github.getMyself().getLogin();
    }
    return new KohsukeIssueTracker(github, config.fullName(), raw, identity);
  }

  private static GitHubConnector connector(Config config) {
    HttpClient.Builder http = HttpClient.newBuilder()
        .connectTimeout(config.httpTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if ("http".equals(config.apiUrl().getScheme())) {
      // Plain http is only a local fake or a proxy; skip the h2c upgrade dance.
      http.version(HttpClient.Version.HTTP_1_1);
    }
    return new HttpClientGitHubConnector(http.build());
  }

  private static GitHub client(Config config, GitHubConnector connector, AuthorizationProvider authorization,
      RateLimitPolicy rateLimits) {
    try {
      return new GitHubBuilder()
          .withEndpoint(config.apiUrl().toString())
          .withConnector(connector)
          .withAuthorizationProvider(authorization)
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
