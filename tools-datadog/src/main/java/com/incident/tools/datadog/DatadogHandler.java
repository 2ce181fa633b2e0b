package com.incident.tools.datadog;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.retry.Sleeper;
import com.incident.common.secrets.SecretProvider;
import com.incident.common.secrets.SsmSecretProvider;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolTargetHandler;
import com.incident.tools.datadog.client.DatadogHttpClient;
import com.incident.tools.datadog.core.DatadogTarget;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Lambda entry point of the Datadog tool target: one OkHttp client and one SSM client per container. */
public class DatadogHandler extends ToolTargetHandler {

  public DatadogHandler() {
    this(Env.system());
  }

  public DatadogHandler(Env env) {
    this(env, () -> new SsmSecretProvider(SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
        Config.from(env).secretTtl()), null, new EmfMetricsSink());
  }

  /** {@code baseUrl} null means the configured site's API host; secrets are only built when Datadog is enabled. */
  DatadogHandler(Env env, Supplier<SecretProvider> secrets, HttpUrl baseUrl, MetricsSink metrics) {
    super(dispatcher(Config.from(env), ToolLimits.from(env), secrets, baseUrl, metrics));
  }

  private static ToolDispatcher dispatcher(Config config, ToolLimits limits, Supplier<SecretProvider> secrets, HttpUrl baseUrl,
      MetricsSink metrics) {
    DatadogHttpClient api = null;
    if (config.enabled()) {
      OkHttpClient http = new OkHttpClient.Builder()
          .callTimeout(config.httpTimeout())
          .retryOnConnectionFailure(true)
          .build();
      api = new DatadogHttpClient(http, baseUrl == null ? HttpUrl.get(config.apiBaseUrl()) : baseUrl, secrets.get(),
          config.apiKeyParameter(), config.appKeyParameter(), config.maxRateLimitWait(), Sleeper.SYSTEM);
    }
    return new ToolDispatcher(new DatadogTarget(api, Clock.systemUTC()), limits, Clock.systemUTC(), metrics);
  }
}
