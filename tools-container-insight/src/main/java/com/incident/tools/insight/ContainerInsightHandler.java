package com.incident.tools.insight;

import com.incident.common.config.Env;
import com.incident.common.obs.EmfMetricsSink;
import com.incident.common.obs.MetricsSink;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolLimits;
import com.incident.common.tool.ToolTargetHandler;
import com.incident.tools.insight.core.ContainerInsightTarget;
import com.incident.tools.insight.source.CloudWatchMetricSource;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** Lambda entry point of the Container Insights tool target: one CloudWatch client per container. */
public class ContainerInsightHandler extends ToolTargetHandler {

  public ContainerInsightHandler() {
    this(Env.system());
  }

  public ContainerInsightHandler(Env env) {
    this(env, CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(), new EmfMetricsSink());
  }

  ContainerInsightHandler(Env env, CloudWatchClient cloudWatch, MetricsSink metrics) {
    super(dispatcher(env, cloudWatch, metrics));
  }

  private static ToolDispatcher dispatcher(Env env, CloudWatchClient cloudWatch, MetricsSink metrics) {
    Config config = Config.from(env);
    return new ToolDispatcher(
        new ContainerInsightTarget(new CloudWatchMetricSource(cloudWatch, config.namespace()), config, Clock.systemUTC()),
        ToolLimits.from(env), Clock.systemUTC(), metrics);
  }
}
