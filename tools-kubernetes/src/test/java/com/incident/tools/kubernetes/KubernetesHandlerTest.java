package com.incident.tools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.tool.ToolNames;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesHandlerTest {

  @Test
  void listsFiveReadOnlyToolsEachWithAnOutputSchema() throws Exception {
    try (var kube = com.incident.tools.chaos.fixtures.KubeMock.start()) {
      JsonNode tools = Tools.over(kube.client()).invoke(Map.of("method", "tools/list")).path("tools");

      List<String> names = new ArrayList<>();
      tools.forEach(t -> {
        names.add(t.path("name").asText());
        assertThat(t.at("/annotations/readOnlyHint").asBoolean()).as(t.path("name").asText()).isTrue();
        assertThat(t.at("/annotations/destructiveHint").asBoolean()).isFalse();
        assertThat(t.at("/outputSchema/additionalProperties").asBoolean(true)).isFalse();
        assertThat(t.at("/inputSchema/additionalProperties").asBoolean(true)).isFalse();
      });
      assertThat(names).containsExactly(ToolNames.K8S_DESCRIBE_WORKLOAD, ToolNames.K8S_GET_EVENTS, ToolNames.K8S_POD_LOGS,
          ToolNames.K8S_NODE_STATUS, ToolNames.K8S_FIND_CHAOS);
    }
  }

  @Test
  void aForbiddenReadNamesTheRbacToApplyAndLeaksNoStackTrace() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    server.expect().get().withPath("/api/v1/nodes").andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
        + "\"message\":\"nodes is forbidden: User \\\"incident-k8s\\\" cannot list resource \\\"nodes\\\"\",\"reason\":\"Forbidden\","
        + "\"code\":403}").always();
    try (var client = server.createClient()) {
      JsonNode r = Tools.over(client).call(ToolNames.K8S_NODE_STATUS, Map.of());

      assertThat(r.path("isError").asBoolean()).isTrue();
      assertThat(r.at("/content/0/text").asText())
          .contains("Could not read the cluster: HTTP 403 nodes is forbidden", "docs/tools-kubernetes.md")
          .doesNotContain("Exception", "at io.");
    } finally {
      server.destroy();
    }
  }

  @Test
  void theProductionWiringNeedsTheClusterName() {
    assertThatThrownBy(() -> Wiring.production(Config.from(Env.of(Map.of()))))
        .hasMessageContaining("EKS_CLUSTER_NAME");
  }
}
