package com.incident.tools.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.ToolNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Container Insights tool, through the Lambda handler and its real dispatcher against moto CloudWatch holding
 * the spike scenario, answers with structured content that validates against the outputSchema it publishes: with
 * data, and with none (unknown cluster, pod or node), where the result says why.
 */
class OutputContractTest {
  static final String C = ContainerInsightMotoTest.CLUSTER;
  static Map<String, Map<String, Object>> schemas;

  @BeforeAll
  static void scenario() throws IOException {
    ContainerInsightMotoTest.writeSpikeScenario();
    schemas = new HashMap<>();
    invoke("{\"method\":\"tools/list\"}").path("tools").forEach(t -> schemas.put(t.path("name").asText(),
        Json.MAPPER.convertValue(t.path("outputSchema"), Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class))));
  }

  static Stream<Arguments> calls() {
    String at = ContainerInsightMotoTest.incident.toString();
    int minutes = ContainerInsightMotoTest.SPIKE_AT;
    return Stream.of(
        Arguments.of(ToolNames.POD_METRICS, "pods", true, Map.of("cluster_name", C, "namespace", "default", "pod_name", "cpu-stress",
            "minutes", minutes, "end_time", at)),
        Arguments.of(ToolNames.POD_METRICS, "pods", true, Map.of("cluster_name", C, "top_n", 10, "minutes", minutes, "end_time", at)),
        Arguments.of(ToolNames.POD_METRICS, "pods", true, Map.of("cluster_name", C, "pod_name", "checkout-7d9f8b6c5-x2x1z", "period", 300)),
        Arguments.of(ToolNames.POD_METRICS, "pods", false, Map.of("cluster_name", C, "namespace", "no-such-namespace")),
        Arguments.of(ToolNames.POD_METRICS, "pods", false, Map.of("cluster_name", "no-such-cluster", "pod_name", "web")),
        Arguments.of(ToolNames.NODE_METRICS, "nodes", true, Map.of("cluster_name", C, "minutes", minutes, "end_time", at)),
        Arguments.of(ToolNames.NODE_METRICS, "nodes", true, Map.of("cluster_name", C, "node_name", ContainerInsightMotoTest.NODE)),
        Arguments.of(ToolNames.NODE_METRICS, "nodes", false, Map.of("cluster_name", C, "node_name", "ip-10-9-9-9.ec2.internal")),
        Arguments.of(ToolNames.CLUSTER_OVERVIEW, "topPodsByCpu", true, Map.of("cluster_name", C, "minutes", minutes, "end_time", at)),
        Arguments.of(ToolNames.CLUSTER_OVERVIEW, "topPodsByCpu", true, Map.of("cluster_name", C, "minutes", minutes, "end_time", at,
            "exclude_namespaces", List.of("kube-system", "default"))),
        Arguments.of(ToolNames.CLUSTER_OVERVIEW, "topPodsByCpu", false, Map.of("cluster_name", "no-such-cluster")));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("calls")
  void everyResultValidatesAgainstThePublishedOutputSchema(String tool, String items, boolean data, Map<String, Object> arguments)
      throws IOException {
    JsonNode result = invoke(Json.write(Map.of("method", "tools/call", "name", tool, "arguments", arguments, "sessionId", "s-contract")));

    assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(schemas.get(tool), structured)).isNull();
    assertThat(structured.path(items).isEmpty()).isEqualTo(!data);
    assertThat(structured.has("noDataReason")).isEqualTo(!data);
  }

  private static JsonNode invoke(String request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContainerInsightMotoTest.handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }
}
