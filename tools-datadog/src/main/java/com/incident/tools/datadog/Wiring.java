package com.incident.tools.datadog;

import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.tool.ToolDispatcher;
import com.incident.tools.datadog.client.DatadogHttpClient;
import com.incident.tools.datadog.core.DatadogTarget;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The Datadog target's object graph, built once per container: one OkHttp client and one SSM reader. */
public final class Wiring {
  private Wiring() {}

  /**
   * What tests replace; a null field keeps the production part.
   *
   * @param secrets where the API and application keys are read (production: SSM SecureString)
   */
  public record Overrides(SecretProvider secrets, MetricsSink metrics) {
    public static final Overrides NONE = new Overrides(null, null);
  }

  public static ToolDispatcher production(Config config) {
    return production(config, Overrides.NONE);
  }

  /** With Datadog disabled no client is built and no secret is read: every call says it is not configured. */
  public static ToolDispatcher production(Config config, Overrides overrides) {
    DatadogHttpClient api = null;
    if (config.enabled()) {
      OkHttpClient http = new OkHttpClient.Builder()
          .callTimeout(config.httpTimeout())
          .retryOnConnectionFailure(true)
          .build();
      SecretProvider secrets = overrides.secrets() != null ? overrides.secrets() : SsmSecretProvider.create(
          config.secretTtl());
      api = new DatadogHttpClient(http, HttpUrl.get(config.apiBaseUrl()), secrets, config.apiKeyParameter(),
          config.appKeyParameter(), config.maxRateLimitWait(), d -> Thread.sleep(d.toMillis()));
    }
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    return new ToolDispatcher(new DatadogTarget(api, Clock.systemUTC()), config.limits(), Clock.systemUTC(), metrics);
  }
}
