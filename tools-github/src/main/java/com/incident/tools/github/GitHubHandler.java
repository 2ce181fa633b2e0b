package com.incident.tools.github;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolTargetHandler;
import com.incident.tools.github.client.GitHubClients;
import com.incident.tools.github.client.GitHubErrors;
import com.incident.tools.github.client.KohsukeIssueTracker;
import com.incident.tools.github.client.RateLimitPolicy;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Lambda entry point of the GitHub tool target. */
public class GitHubHandler extends ToolTargetHandler {

  public GitHubHandler() {
    this(Env.system());
  }

  public GitHubHandler(Env env) {
    this(Config.from(env), env);
  }

  private GitHubHandler(Config config, Env env) {
    this(config, ssmSecrets(config), ToolLimits.from(env), new EmfMetricsSink(), Clock.systemUTC(), Sleeper.SYSTEM);
  }

  GitHubHandler(Config config, SecretProvider secrets, ToolLimits limits, MetricsSink metrics, Clock clock,
      Sleeper sleeper) {
    super(new ToolDispatcher(target(config, secrets, clock, sleeper), limits, clock, metrics));
  }

  static GitHubTarget target(Config config, SecretProvider secrets, Clock clock, Sleeper sleeper) {
    RateLimitPolicy rateLimits = new RateLimitPolicy(config.maxRateLimitWait(), clock, sleeper);
    KohsukeIssueTracker tracker = new KohsukeIssueTracker(GitHubClients.build(config, secrets, rateLimits, clock), config.fullName());
    String credential = config.appAuth()
        ? "the GitHub App installation (app id in SSM " + config.appIdParameter() + ", key in " + config.appPrivateKeyParameter() + ")"
        : "the token in SSM parameter " + config.tokenParameter();
    GitHubErrors errors = new GitHubErrors(config.fullName(), credential);
    return new GitHubTarget(new IssueOperations(tracker, errors, config.dedupScanLimit(), config.similarScanLimit(),
        config.maxContinuationComments()), rateLimits);
  }

  private static SecretProvider ssmSecrets(Config config) {
    SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.builder().build()).build();
    return new SsmSecretProvider(ssm, config.secretTtl());
  }
}
