package com.incident.tools.kubernetes;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.ResultFit;
import com.incident.tools.chaos.fixtures.KubeMock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every k8s-* tool, through the Lambda handler and the real ToolDispatcher against the fabric8 mock API server in CRUD
 * mode, answers with structured content that validates against the outputSchema it publishes and fits the result
 * bound: with data, and without (unknown names), where the result says why.
 */
class OutputContractTest {
  static KubeMock kube;
  static IncidentCluster cluster;
  static Tools tools;

  @BeforeAll
  static void seed() {
    kube = KubeMock.start();
    cluster = IncidentCluster.seeded(kube);
    tools = Tools.over(kube.client());
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  static Stream<Arguments> calls() {
    String pod = cluster.oomPod.getMetadata().getName();
    return Stream.of(
        Arguments.of(ToolNames.K8S_DESCRIBE_WORKLOAD, "workloads", true, Map.of("namespace", NAMESPACE, "name", "catalog")),
        Arguments.of(ToolNames.K8S_DESCRIBE_WORKLOAD, "workloads", true, Map.of("namespace", NAMESPACE, "pod_name", pod)),
        Arguments.of(ToolNames.K8S_DESCRIBE_WORKLOAD, "workloads", true,
            Map.of("namespace", NAMESPACE, "label_selector", "app.kubernetes.io/part-of=retail-store", "max_pods", 50)),
        Arguments.of(ToolNames.K8S_DESCRIBE_WORKLOAD, "workloads", false, Map.of("namespace", NAMESPACE, "kind", "Job", "name", "catalog")),
        Arguments.of(ToolNames.K8S_GET_EVENTS, "events", true, Map.of("namespace", NAMESPACE)),
        Arguments.of(ToolNames.K8S_GET_EVENTS, "events", true, Map.of("namespace", NAMESPACE, "kind", "Deployment", "name", "catalog",
            "include_normal", true, "minutes", 30, "end_time", cluster.now.toString())),
        Arguments.of(ToolNames.K8S_GET_EVENTS, "events", false, Map.of("namespaces", List.of("staging", "default"))),
        Arguments.of(ToolNames.K8S_POD_LOGS, "containers", true, Map.of("namespace", NAMESPACE, "pod_name", pod, "tail_lines", 200)),
        Arguments.of(ToolNames.K8S_POD_LOGS, "containers", false, Map.of("namespace", NAMESPACE, "pod_name", "orders-gone-x1")),
        Arguments.of(ToolNames.K8S_NODE_STATUS, "nodes", true, Map.of()),
        Arguments.of(ToolNames.K8S_NODE_STATUS, "nodes", true, Map.of("node_name", NODE, "top_pods", 20)),
        Arguments.of(ToolNames.K8S_NODE_STATUS, "nodes", false, Map.of("node_name", "ip-10-9-9-9.ec2.internal")),
        Arguments.of(ToolNames.K8S_FIND_CHAOS, "matches", true, Map.of("namespace", NAMESPACE, "resource", "cpu")),
        Arguments.of(ToolNames.K8S_FIND_CHAOS, "matches", true, Map.of("namespace", NAMESPACE, "workload", "catalog",
            "scenarios", List.of("bad-image"))),
        Arguments.of(ToolNames.K8S_FIND_CHAOS, "matches", false, Map.of("namespace", "kube-system")));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("calls")
  void everyResultValidatesAgainstThePublishedOutputSchemaAndFitsTheBound(String tool, String items, boolean data,
      Map<String, Object> arguments) throws Exception {
    JsonNode result = tools.call(tool, arguments);

    assertThat(result.path("isError").asBoolean()).as(result.at("/content/0/text").asText()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(com.incident.common.tool.OutputSchemas.violation(tools.schema(tool), structured)).as(structured.toString()).isNull();
    assertThat(structured.path(items).isEmpty()).isEqualTo(!data);
    assertThat(structured.has("noDataReason")).isEqualTo(!data);
    assertThat(Json.write(structured).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultFit.MAX_BYTES);
  }
}
