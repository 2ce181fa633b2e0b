package com.incident.tools.chaos;

import static com.incident.tools.chaos.fixtures.RetailStoreCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.tool.OutputSchemas;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.Outcome;
import com.incident.common.tool.result.ChaosCleanupResult.VerificationStatus;
import com.incident.tools.chaos.fixtures.ControllerSimulator;
import com.incident.tools.chaos.fixtures.KubeMock;
import com.incident.tools.chaos.fixtures.RetailStoreCluster;
import com.incident.tools.chaos.support.RecordingMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of chaos-cleanup answer, produced by the real tool through the real dispatcher against the fabric8 mock
 * API server in CRUD mode, conforms to the outputSchema the tool publishes, and reads back as the contract record.
 */
class OutputContractTest {
  private KubeMock kube;
  private RetailStoreCluster cluster;

  @BeforeEach
  void seedRetailStoreWithFaults() {
    kube = KubeMock.start();
    cluster = new RetailStoreCluster(kube.client()).seedApp(NAMESPACE);
    cluster.stressDeployment(NAMESPACE, "cpu-stress");
    cluster.badImageRollout(NAMESPACE, "catalog", RetailStoreCluster.IMAGE_REPO + "catalog:9.9.9-does-not-exist");
    cluster.scaleToZero(NAMESPACE, "carts");
    cluster.lookalike(NAMESPACE);
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void aDryRunConforms() throws Exception {
    ChaosCleanupResult r = conforming(handler(Map.of()), Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu",
        "dry_run", true));

    assertThat(r.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(r.actions()).extracting(ChaosCleanupResult.Action::status).containsExactly(ActionStatus.DRY_RUN);
    assertThat(r.actions().getFirst().undo().manifest()).containsEntry("kind", "Deployment");
    assertThat(r.outOfScope()).isNotEmpty();
  }

  @Test
  void doneActionsWithTheirVerificationConform() throws Exception {
    ChaosHandler handler = handler(Map.of());
    ChaosCleanupResult stress;
    ChaosCleanupResult rollback;
    ChaosCleanupResult scale;
    try (var controllers = ControllerSimulator.start(kube.client(), NAMESPACE)) {
      stress = conforming(handler, Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu"));
      rollback = conforming(handler, Map.of("namespace", NAMESPACE, "workload", "catalog", "scenarios", List.of("bad-image")));
      scale = conforming(handler, Map.of("namespace", NAMESPACE, "workload", "carts", "scenarios", List.of("scaled-to-zero")));
    }

    assertThat(stress.outcome()).isEqualTo(Outcome.DONE);
    assertThat(stress.changedCluster()).isTrue();
    assertThat(stress.actions().getFirst().verification().status()).isEqualTo(VerificationStatus.PODS_GONE);
    assertThat(rollback.actions().getFirst().undo().previousImages()).isNotEmpty();
    assertThat(rollback.actions().getFirst().verification().status()).isEqualTo(VerificationStatus.AVAILABLE);
    assertThat(scale.actions().getFirst().undo().previousReplicas()).isZero();
  }

  @Test
  void aVerificationThatTimesOutConforms() throws Exception {
    ChaosCleanupResult r = conforming(handler(Map.of("CHAOS_VERIFY_TIMEOUT_SECONDS", "0")),
        Map.of("namespace", NAMESPACE, "workload", "catalog", "scenarios", List.of("bad-image")));

    assertThat(r.actions().getFirst().verification().status()).isEqualTo(VerificationStatus.TIMED_OUT);
  }

  @Test
  void refusedAnswersConform() throws Exception {
    cluster.stressDeployment(NAMESPACE, "cpu-stress-2");
    Map<String, Object> uiCpu = Map.of("namespace", NAMESPACE, "workload", "ui", "resource", "cpu");

    ChaosCleanupResult off = conforming(handler(Map.of("REMEDIATION_MODE", "off")), uiCpu);
    ChaosCleanupResult overLimit = conforming(handler(Map.of("CHAOS_MAX_ACTIONS", "1")), uiCpu);

    assertThat(off.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(off.actions()).extracting(ChaosCleanupResult.Action::status).containsOnly(ActionStatus.REFUSED);
    assertThat(overLimit.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(overLimit.actions()).hasSize(2).extracting(ChaosCleanupResult.Action::status).containsOnly(ActionStatus.NOT_RUN);
    assertThat(overLimit.changedCluster()).isFalse();
  }

  @Test
  void nothingToDoConforms() throws Exception {
    ChaosCleanupResult clean = conforming(handler(Map.of()),
        Map.of("namespace", "staging", "workload", "ui", "scenarios", List.of("bad-image")));
    ChaosCleanupResult nodeDryRun = conforming(handler(Map.of("REMEDIATION_MODE", "dry-run")),
        Map.of("node", RetailStoreCluster.NODE, "resource", "memory"));

    assertThat(clean.outcome()).isEqualTo(Outcome.CLEAN);
    assertThat(clean.actions()).isEmpty();
    assertThat(clean.scope().workload()).isEqualTo("ui");
    assertThat(nodeDryRun.scope().namespace()).isNull();
    assertThat(nodeDryRun.namespaces()).containsExactly(NAMESPACE, "staging");
  }

  private ChaosHandler handler(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of("CHAOS_ALLOWED_NAMESPACES", NAMESPACE + ",staging",
        "CHAOS_VERIFY_TIMEOUT_SECONDS", "20"));
    env.putAll(overrides);
    return new ChaosHandler(Wiring.production(Config.from(Env.of(env)), new Wiring.Overrides(kube.client(), new RecordingMetrics())));
  }

  /** Calls chaos-cleanup; asserts the answer is a success whose structured content matches the published outputSchema. */
  private static ChaosCleanupResult conforming(ChaosHandler handler, Map<String, ?> arguments) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = Json.MAPPER.convertValue(
        invoke(handler, Map.of("method", "tools/list")).at("/tools/0/outputSchema"), Map.class);
    JsonNode result = invoke(handler, Map.of("method", "tools/call", "name", "chaos-cleanup", "sessionId", "sess-contract",
        "arguments", arguments));

    assertThat(result.path("isError").asBoolean()).as(result.at("/content/0/text").asText()).isFalse();
    JsonNode structured = result.path("structuredContent");
    assertThat(OutputSchemas.violation(schema, structured)).as(structured.toString()).isNull();
    return Json.MAPPER.convertValue(structured, ChaosCleanupResult.class);
  }

  private static JsonNode invoke(ChaosHandler handler, Map<String, ?> request) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(request).getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.tree(out.toString(StandardCharsets.UTF_8));
  }
}
