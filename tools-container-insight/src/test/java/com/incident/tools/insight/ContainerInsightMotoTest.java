package com.incident.tools.insight;

import com.incident.common.testing.MotoServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import com.incident.tools.insight.source.CloudWatchMetricSource;
import com.incident.common.tool.ToolNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The real SDK client against moto_server: Container Insights series for a CPU spike are written with
 * PutMetricData under the real names and dimension sets, then read back through the tools.
 */
class ContainerInsightMotoTest {
  static final String CLUSTER = "netaiops-eks";
  static final String NODE = "ip-10-0-1-23.ec2.internal";
  static final int POINTS = 30;
  static final int SPIKE_AT = 15;

  static CloudWatchClient cloudWatch;
  static Instant start;
  static Instant incident;
  static ContainerInsightHandler handler;

  @BeforeAll
  static void writeSpikeScenario() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    cloudWatch = CloudWatchClient.builder()
        .endpointOverride(moto.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
    start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(45));
    if (!start.truncatedTo(ChronoUnit.DAYS).equals(start.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.DAYS))) {
      // A window across midnight UTC prints its times with the date; keep the scenario inside one day.
      start = start.minus(Duration.ofHours(2));
    }
    incident = start.plus(Duration.ofMinutes(SPIKE_AT));

    List<MetricDatum> data = new ArrayList<>();
    Map<String, String> stress = Map.of("ClusterName", CLUSTER, "Namespace", "default", "PodName", "cpu-stress");
    Map<String, String> web = Map.of("ClusterName", CLUSTER, "Namespace", "default", "PodName", "web");
    Map<String, String> crashy = Map.of("ClusterName", CLUSTER, "Namespace", "shop", "PodName", "checkout");
    Map<String, String> system = Map.of("ClusterName", CLUSTER, "Namespace", "kube-system", "PodName", "coredns");
    series(data, "pod_cpu_utilization", stress, i -> i < SPIKE_AT ? 10 : 95);
    series(data, "pod_memory_utilization", stress, i -> 40);
    series(data, "pod_cpu_utilization_over_pod_limit", stress, i -> i < SPIKE_AT ? 20 : 190);
    series(data, "pod_network_rx_bytes", stress, i -> 2048);
    series(data, "pod_network_tx_bytes", stress, i -> 1024);
    series(data, "pod_number_of_container_restarts", stress, i -> 0);
    series(data, "pod_cpu_utilization", web, i -> 20);
    series(data, "pod_memory_utilization", web, i -> 30);
    series(data, "pod_cpu_utilization", crashy, i -> 5);
    series(data, "pod_number_of_container_restarts", crashy, i -> i < 20 ? 0 : i - 19);
    series(data, "pod_cpu_utilization", system, i -> 99);
    // Container Insights also publishes pod metrics aggregated per namespace; the tools must not mistake them for pods.
    series(data, "pod_cpu_utilization", Map.of("ClusterName", CLUSTER, "Namespace", "default"), i -> i < SPIKE_AT ? 15 : 57.5);
    series(data, "pod_memory_utilization", Map.of("ClusterName", CLUSTER, "Namespace", "default"), i -> 35);
    series(data, "namespace_number_of_running_pods", Map.of("ClusterName", CLUSTER, "Namespace", "default"), i -> 2);
    series(data, "namespace_number_of_running_pods", Map.of("ClusterName", CLUSTER, "Namespace", "shop"), i -> 1);
    series(data, "namespace_number_of_running_pods", Map.of("ClusterName", CLUSTER, "Namespace", "kube-system"), i -> 4);
    Map<String, String> node = Map.of("ClusterName", CLUSTER, "NodeName", NODE, "InstanceId", "i-0abc123");
    series(data, "node_cpu_utilization", node, i -> i < SPIKE_AT ? 30 : 88);
    series(data, "node_memory_utilization", node, i -> 55);
    series(data, "node_filesystem_utilization", node, i -> 41);
    series(data, "node_number_of_running_pods", node, i -> 7);
    series(data, "node_cpu_utilization", Map.of("ClusterName", CLUSTER), i -> i < SPIKE_AT ? 30 : 88);
    series(data, "cluster_node_count", Map.of("ClusterName", CLUSTER), i -> 3);
    series(data, "cluster_failed_node_count", Map.of("ClusterName", CLUSTER), i -> 0);
    for (int from = 0; from < data.size(); from += 500) {
      List<MetricDatum> batch = data.subList(from, Math.min(data.size(), from + 500));
      cloudWatch.putMetricData(r -> r.namespace("ContainerInsights").metricData(batch));
    }
    Config config = Config.from(Env.of(Map.of("EKS_CLUSTER_NAME", CLUSTER)));
    handler = new ContainerInsightHandler(Wiring.production(config,
        new Wiring.Overrides(new CloudWatchMetricSource(cloudWatch, config.namespace()), MetricsSink.NOOP)));
  }

  @AfterAll
  static void close() {
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }

  @Test
  void podMetricsOfTheSpikingPodShowTheNumbersAndWhenCpuCrossed80() {
    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", CLUSTER, "namespace", "default",
        "pod_name", "cpu-stress", "minutes", SPIKE_AT, "end_time", incident.toString()));

    String text = text(result);
    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text).contains("pod default/cpu-stress")
        .contains("cpu%       avg 52.5 p95 95.0 max 95.0@" + hhmm(incident) + " last 95.0 ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁██████████████")
        .contains(">80.0 from " + hhmm(incident) + " (15/30)")
        .contains("cpu/limit% avg 105.0")
        .contains("restarts   avg 0")
        .contains("net rx     avg 2.0KB/s");
    JsonNode cpu = result.at("/structuredContent/pods/0/metrics/pod_cpu_utilization");
    assertThat(cpu.path("points").asInt()).isEqualTo(POINTS);
    assertThat(cpu.path("min").asDouble()).isEqualTo(10.0);
    assertThat(cpu.path("avg").asDouble()).isEqualTo(52.5);
    assertThat(cpu.path("max").asDouble()).isEqualTo(95.0);
    assertThat(cpu.path("p95").asDouble()).isEqualTo(95.0);
    assertThat(cpu.path("last").asDouble()).isEqualTo(95.0);
    assertThat(Instant.parse(cpu.path("crossedAt").asText())).isEqualTo(incident);
    assertThat(result.at("/structuredContent/window/start").asText()).isEqualTo(start.toString());
    assertThat(bytes(text)).isLessThanOrEqualTo(8 * 1024);
  }

  @Test
  void podMetricsWithoutAPodRankAllPodsByPeakCpuAndSkipNamespaceAggregates() {
    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", CLUSTER, "top_n", 2,
        "minutes", SPIKE_AT, "end_time", incident.toString()));

    String text = text(result);
    assertThat(text).contains("ranked 4 pods by peak pod_cpu_utilization; showing the top 2");
    assertThat(text.indexOf("pod kube-system/coredns")).isLessThan(text.indexOf("pod default/cpu-stress"));
    assertThat(text).doesNotContain("pod default/web").doesNotContain("pod shop/checkout");
    assertThat(text).contains("pod kube-system/coredns\n  cpu%")
        .contains("  no data pod_memory_utilization,pod_network_rx_bytes,pod_network_tx_bytes - not published")
        .contains("  no data pod_cpu_utilization_over_pod_limit - the pod sets no CPU limit");
    assertThat(result.at("/structuredContent/pods")).hasSize(2);
  }

  @Test
  void aFullPodNameFallsBackToTheWorkloadNameContainerInsightsReports() {
    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", CLUSTER,
        "pod_name", "cpu-stress-7d9f8b6c5-x2x1z", "minutes", SPIKE_AT, "end_time", incident.toString()));

    assertThat(text(result)).contains("reports it under its workload name 'cpu-stress'").contains("pod default/cpu-stress");
  }

  @Test
  void nodeMetricsFindTheInstanceIdDimensionAndTheCrossing() {
    JsonNode result = call(ToolNames.NODE_METRICS, Map.of("cluster_name", CLUSTER, "minutes", SPIKE_AT,
        "end_time", incident.toString()));

    String text = text(result);
    assertThat(text).contains("node " + NODE + " (i-0abc123)")
        .contains("cpu%       avg 59.0 p95 88.0 max 88.0")
        .contains(">80.0 from " + hhmm(incident))
        .contains("fs%        avg 41.0")
        .contains("pods       avg 7");
    assertThat(result.at("/structuredContent/nodes/0/metrics/node_cpu_utilization/crossedAt").asText()).isEqualTo(incident.toString());
    assertThat(bytes(text)).isLessThanOrEqualTo(8 * 1024);
  }

  @Test
  void clusterOverviewRanksNamespacesAndPodsAndFindsTheRestartingPod() {
    JsonNode result = call(ToolNames.CLUSTER_OVERVIEW, Map.of("cluster_name", CLUSTER, "minutes", SPIKE_AT,
        "end_time", incident.toString(), "exclude_namespaces", List.of("kube-system")));

    String text = text(result);
    Instant firstRestart = start.plus(Duration.ofMinutes(20));
    assertThat(text).contains("excluded namespaces: kube-system")
        .contains("nodes      avg 3")
        .contains("failed nodes avg 0")
        .contains("namespaces by avg pod cpu (2 of 2):")
        .contains("  default  pods avg 2 max 2  cpu% avg 36.3 max 57.5  mem% avg 35.0 max 35.0\n  shop  pods avg 1 max 1  cpu% no data")
        .contains("top pods by peak cpu (3 of 3 pods):")
        .contains("shop/checkout  restarts 0→10  >0 from " + hhmm(firstRestart))
        .doesNotContain("coredns");
    assertThat(text.indexOf("default/cpu-stress")).isLessThan(text.indexOf("default/web"));
    assertThat(result.at("/structuredContent/topPodsByRestarts/0/metrics/pod_number_of_container_restarts/max").asDouble()).isEqualTo(10.0);
    assertThat(result.at("/structuredContent/discovered/pods").asInt()).isEqualTo(3);
    assertThat(bytes(text)).isLessThanOrEqualTo(8 * 1024);
  }

  @Test
  void anUnknownClusterExplainsTheLikelyReasonsInsteadOfReturningNothing() {
    JsonNode result = call(ToolNames.POD_METRICS, Map.of("cluster_name", "no-such-cluster"));

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(text(result)).contains("No Container Insights metrics found for pods in any namespace in cluster 'no-such-cluster'")
        .contains("Container Insights is not enabled").contains("cluster name is wrong")
        .contains("This deployment watches cluster '" + CLUSTER + "'");
  }

  /** Through the Lambda handler's byte stream, as the gateway invokes it. */
  private static JsonNode call(String tool, Map<String, Object> arguments) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] request = Json.write(Map.of("method", "tools/call", "name", tool, "arguments", arguments, "sessionId", "s-moto"))
          .getBytes(StandardCharsets.UTF_8);
      handler.handleRequest(new ByteArrayInputStream(request), out, null);
      return Json.tree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode result) {
    return result.at("/content/0/text").asText();
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String hhmm(Instant t) {
    return String.format("%02d:%02dZ", t.atZone(ZoneOffset.UTC).getHour(), t.atZone(ZoneOffset.UTC).getMinute());
  }

  /**
   * Dimensions are written sorted by name, the order the tools query in: moto compares dimension lists after a
   * sort whose comparator is broken (Dimension.__lt__ in moto 5.2), so only identical input orders match there.
   * CloudWatch itself ignores the order.
   */
  private static void series(List<MetricDatum> out, String metric, Map<String, String> dims, IntToDoubleFunction value) {
    Map<String, String> sorted = new TreeMap<>(dims);
    for (int i = 0; i < POINTS; i++) {
      out.add(MetricDatum.builder()
          .metricName(metric)
          .dimensions(sorted.entrySet().stream().map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
          .timestamp(start.plus(Duration.ofMinutes(i)))
          .value(value.applyAsDouble(i))
          .unit(metric.contains("bytes") ? StandardUnit.BYTES_SECOND : StandardUnit.NONE)
          .build());
    }
  }
}
