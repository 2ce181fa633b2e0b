package com.incident.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import com.incident.tools.chaos.support.RecordingMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChaosHandlerTest {
  static KubeMock kube;
  static ChaosHandler handler;

  @BeforeAll
  static void start() {
    kube = KubeMock.start();
    RetailStoreCluster cluster = new RetailStoreCluster(kube.client()).seedApp(RetailStoreCluster.NAMESPACE);
    cluster.stressDeployment(RetailStoreCluster.NAMESPACE, "cpu-stress");
    handler = new ChaosHandler(Wiring.production(
        Config.from(Env.of(Map.of("CHAOS_ALLOWED_NAMESPACES", "retail-store, staging", "CHAOS_MAX_ACTIONS", "3"))),
        new Wiring.Overrides(kube.client(), new RecordingMetrics())));
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void listsOneDestructiveToolWithItsSchema() throws Exception {
    JsonNode tool = invoke("{\"method\":\"tools/list\"}").get("tools").get(0);

    assertThat(tool.get("name").asText()).isEqualTo("chaos-cleanup");
    assertThat(tool.at("/annotations/destructiveHint").asBoolean()).isTrue();
    assertThat(tool.at("/annotations/readOnlyHint").asBoolean()).isFalse();
    assertThat(tool.at("/inputSchema/properties/scenarios/items/enum").toString())
        .isEqualTo("[\"stress-workload\",\"bad-image\",\"scaled-to-zero\"]");
    assertThat(tool.at("/inputSchema/properties/dry_run/type").asText()).isEqualTo("boolean");
    assertThat(tool.at("/inputSchema/properties").fieldNames()).toIterable()
        .contains("namespace", "workload", "pod", "node", "resource").doesNotContain("namespaces");
    assertThat(tool.at("/inputSchema/properties/resource/enum").toString()).isEqualTo("[\"cpu\",\"memory\"]");
    assertThat(tool.at("/inputSchema/additionalProperties").asBoolean()).isFalse();
    assertThat(tool.get("description").asText()).contains("at most 3 actions per call", "remediation mode auto");
  }

  @Test
  void aCallAnswersWithTextAndStructuredContent() throws Exception {
    JsonNode result = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"sessionId\":\"sess-42\","
        + "\"arguments\":{\"namespace\":\"retail-store\",\"workload\":\"ui\",\"resource\":\"cpu\",\"dry_run\":true,"
        + "\"scenarios\":[\"stress-workload\"]}}");

    assertThat(result.get("isError").asBoolean()).isFalse();
    assertThat(result.at("/content/0/text").asText()).startsWith("chaos-cleanup dry-run: dry run (the call asked for dry_run)")
        .contains("[stress-workload] delete Deployment retail-store/cpu-stress: dry-run");
    assertThat(result.at("/structuredContent/actions/0/undo/manifest/kind").asText()).isEqualTo("Deployment");
    assertThat(result.at("/structuredContent/maxActions").asInt()).isEqualTo(3);
    assertThat(kube.client().apps().deployments().inNamespace("retail-store").withName("cpu-stress").get()).isNotNull();
  }

  @Test
  void badArgumentsAreRejectedWithAClearMessageAndNoStackTrace() throws Exception {
    JsonNode badNamespace = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"arguments\":{\"namespace\":\"Kube_System!\"}}");
    JsonNode badResource = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"arguments\":{\"namespace\":\"retail-store\",\"resource\":\"disk\"}}");
    JsonNode badScenario = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"arguments\":{\"scenarios\":[\"delete-everything\"]}}");
    JsonNode unknownField = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"arguments\":{\"force\":true}}");

    for (JsonNode r : new JsonNode[] {badNamespace, badResource, badScenario, unknownField}) {
      assertThat(r.get("isError").asBoolean()).isTrue();
      assertThat(r.at("/content/0/text").asText()).startsWith("Invalid arguments for chaos-cleanup").doesNotContain("at com.", "Exception");
    }
  }

  @Test
  void protectedNamespacesComeBackAsAnErrorResult() throws Exception {
    JsonNode result = invoke("{\"method\":\"tools/call\",\"name\":\"chaos-cleanup\",\"arguments\":{\"namespace\":\"kube-system\"}}");

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asText())
        .isEqualTo("Nothing was done: namespace kube-system refused: protected platform namespace (hard denylist). "
            + "Allowed namespaces: [retail-store, staging]");
  }

  @Test
  void aBadRemediationModeFailsTheInitWithAClearMessage() {
    assertThatThrownBy(() -> Config.from(Env.of(Map.of("CHAOS_ALLOWED_NAMESPACES", "retail-store", "REMEDIATION_MODE", "yes"))))
        .hasMessage("REMEDIATION_MODE must be auto, dry-run, approval or off, got 'yes'");
  }

  @Test
  void theProductionWiringNeedsTheClusterName() {
    assertThatThrownBy(() -> Wiring.production(Config.from(Env.of(Map.of("CHAOS_ALLOWED_NAMESPACES", "retail-store")))))
        .hasMessageContaining("EKS_CLUSTER_NAME");
  }

  private static JsonNode invoke(String request) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }
}
