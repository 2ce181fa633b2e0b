package com.incident.local.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.config.Env;
import com.incident.common.testing.MotoServer;
import com.incident.tools.insight.ContainerInsightHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The scenario's series in moto's CloudWatch, so the Container Insights tool runs its production path (the Lambda
 * handler, CloudWatchMetricSource, GetMetricData and ListMetrics over the AWS wire protocol) instead of the
 * in-memory source. What CloudWatch holds follows the {@link Timeline} like the in-memory source does: before each
 * tool call, if what the timeline reveals changed (a new notification, a fix, a recovery condition that now holds),
 * moto is reset and the revealed datapoints are put again with PutMetricData, since a fix moves every timestamp.
 */
final class MotoMetrics {
  /** PutMetricData accepts up to 1000 datums per request; moto_server answers a smaller batch within the read timeout. */
  private static final int MAX_DATUMS = 100;

  private final ScenarioMetricSource source;
  private final String namespace;
  private final MotoServer moto;
  private final CloudWatchClient cloudWatch;
  private List<ScenarioMetricSource.Datapoint> published;

  private MotoMetrics(ScenarioMetricSource source, String namespace, MotoServer moto) {
    this.source = source;
    this.namespace = namespace;
    this.moto = moto;
    // The sandbox's region (aws.region): moto keeps data per region, and the tool reads it there.
    this.cloudWatch = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /**
   * Starts (or reuses) this JVM's moto_server and points the SDK's CloudWatch clients at it through the standard
   * endpoint setting, as the sandbox does for DynamoDB and SSM.
   */
  static MotoMetrics start(ScenarioMetricSource source, String namespace) {
    MotoServer moto;
    try {
      moto = MotoServer.get();
    } catch (RuntimeException e) {
      throw new IllegalStateException("--metrics moto needs moto_server on PATH (pip install 'moto[server]'): " + e.getMessage(), e);
    }
    System.setProperty("aws.endpointUrlCloudWatch", moto.endpoint().toString());
    MotoMetrics metrics = new MotoMetrics(source, namespace, moto);
    metrics.sync();
    return metrics;
  }

  /** The production Container Insights handler, with CloudWatch brought up to date before each call. */
  RequestStreamHandler handler() {
    ContainerInsightHandler production = new ContainerInsightHandler(com.incident.tools.insight.Wiring.production(
        com.incident.tools.insight.Config.from(Env.of(Map.of()))));
    return (in, out, ctx) -> {
      sync();
      production.handleRequest(in, out, ctx);
    };
  }

  /** Puts what the timeline reveals now, unless moto already holds exactly that. */
  synchronized void sync() {
    List<ScenarioMetricSource.Datapoint> now = source.datapoints();
    if (now.equals(published)) {
      return;
    }
    // moto keeps every datapoint ever put, and a fix moves the timeline: the series are put again from scratch.
    moto.reset();
    List<MetricDatum> batch = new ArrayList<>();
    for (ScenarioMetricSource.Datapoint p : now) {
      batch.add(MetricDatum.builder().metricName(p.metric().metricName()).timestamp(p.time()).value(p.value())
          .unit(unit(p.metric().unit()))
          // Sorted by name like the tool's queries: moto's dimension matching depends on the order (its sort is broken).
          .dimensions(new java.util.TreeMap<>(p.metric().dimensions()).entrySet().stream()
              .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
          .build());
      if (batch.size() == MAX_DATUMS) {
        put(batch);
      }
    }
    put(batch);
    published = now;
  }

  private void put(List<MetricDatum> batch) {
    if (!batch.isEmpty()) {
      cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(List.copyOf(batch)));
      batch.clear();
    }
  }

  private static StandardUnit unit(String unit) {
    StandardUnit u = unit == null ? StandardUnit.NONE : StandardUnit.fromValue(unit);
    return u == StandardUnit.UNKNOWN_TO_SDK_VERSION ? StandardUnit.NONE : u;
  }

}
