package com.incident.tools.insight.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.tool.ToolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** A real CloudWatch client that cannot get an answer: the tool error names what is missing in one sentence. */
class CloudWatchAccessFailureTest {
  static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
  static final List<MetricQuery> QUERY = List.of(new MetricQuery("q0", "pod_cpu_utilization",
      Map.of("ClusterName", "c1"), "Average"));

  @Test
  void withoutCredentialsTheErrorSaysSoAndCarriesNoProviderChain() throws IOException {
    CloudWatchMetricSource source = source(AwsCredentialsProviderChain.of(
        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()));

    assertThatThrownBy(() -> source.fetch(QUERY, new TimeRange(T0, T0.plusSeconds(600), 60)))
        .isInstanceOf(ToolException.class)
        .hasMessage("CloudWatch GetMetricData could not be reached: no AWS credentials were found (environment "
            + "variables, ~/.aws profile, SSO or the function's IAM role)");
  }

  @Test
  void anEndpointThatRefusesSaysSo() throws IOException {
    CloudWatchMetricSource source = source(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));

    assertThatThrownBy(() -> source.dimensionSets("pod_cpu_utilization", Map.of(), 10))
        .isInstanceOf(ToolException.class)
        .hasMessage("CloudWatch ListMetrics could not be reached: the endpoint refused the connection");
  }

  private static CloudWatchMetricSource source(AwsCredentialsProvider credentials) throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    return new CloudWatchMetricSource(CloudWatchClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + closed))
        .region(Region.US_WEST_2).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build(), "ContainerInsights");
  }
}
