package com.incident.tools.insight;

import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.tools.insight.core.ContainerInsightTarget;
import com.incident.tools.insight.source.CloudWatchMetricSource;
import com.incident.tools.insight.source.MetricSource;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The Container Insights target's object graph, built once per container: one CloudWatch client. */
public final class Wiring {
  private Wiring() {}

  /**
   * What the sandbox and tests replace; a null field keeps the production part.
   *
   * @param source where the metrics come from (production: CloudWatch GetMetricData)
   */
  public record Overrides(MetricSource source, MetricsSink metrics) {
    public static final Overrides NONE = new Overrides(null, null);
  }

  public static ToolDispatcher production(Config config) {
    return production(config, Overrides.NONE);
  }

  public static ToolDispatcher production(Config config, Overrides overrides) {
    MetricSource source = overrides.source() != null ? overrides.source() : new CloudWatchMetricSource(
        CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(), config.namespace());
    MetricsSink metrics = overrides.metrics() != null ? overrides.metrics() : new EmfMetricsSink();
    return new ToolDispatcher(new ContainerInsightTarget(source, config, Clock.systemUTC()), config.limits(),
        Clock.systemUTC(), metrics);
  }
}
