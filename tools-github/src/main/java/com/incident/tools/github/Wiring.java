package com.incident.tools.github;

import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.tool.ToolDispatcher;
import com.incident.tools.github.client.GitHubClients;
import com.incident.tools.github.client.GitHubErrors;
import com.incident.tools.github.client.KohsukeIssueTracker;
import com.incident.tools.github.client.RateLimitPolicy;
import java.time.Clock;

/** The GitHub target's object graph, built once per container: one github-api client, one SSM reader. */
public final class Wiring {
  private Wiring() {}

  /**
   * What tests replace; a null field keeps the production part.
   *
   * @param secrets where the token or the App key is read (production: SSM SecureString)
   * @param sleeper how a rate-limit wait passes (production: {@link Thread#sleep(java.time.Duration)})
   */
  public record Overrides(SecretProvider secrets, MetricsSink metrics, Clock clock, Sleeper sleeper) {
    public static final Overrides NONE = new Overrides(null, null, null, null);
  }

  public static ToolDispatcher production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static ToolDispatcher production(Config config, Overrides overrides) {
    SecretProvider secrets = overrides.secrets() != null ? overrides.secrets() : SsmSecretProvider.create(
        config.secretTtl());
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    Clock clock = overrides.clock() != null ? overrides.clock() : Clock.systemUTC();
    Sleeper sleeper = overrides.sleeper() != null ? overrides.sleeper() : Sleeper.SYSTEM;
    RateLimitPolicy rateLimits = new RateLimitPolicy(config.maxRateLimitWait(), clock, sleeper);
    KohsukeIssueTracker tracker = GitHubClients.tracker(config, secrets, rateLimits, clock);
    String credential = config.appAuth()
        ? "the GitHub App installation (app id in SSM " + config.appIdParameter() + ", key in "
            + config.appPrivateKeyParameter() + ")"
        : "the token in SSM parameter " + config.tokenParameter();
    GitHubErrors errors = new GitHubErrors(config.fullName(), credential);
    GitHubTarget target = new GitHubTarget(new IssueOperations(tracker, errors, config.dedupScanLimit(),
        config.similarScanLimit(), config.similarCommentFetches(), config.maxContinuationComments()), rateLimits);
    return new ToolDispatcher(target, config.limits(), clock, metrics);
  }
}
