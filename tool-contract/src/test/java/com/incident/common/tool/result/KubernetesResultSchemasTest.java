package com.incident.common.tool.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.OutputSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read-only Kubernetes results have publishable schemas, and a typical result satisfies its own schema. */
class KubernetesResultSchemasTest {

  @Test
  void aDescribedWorkloadWithABadImageRevisionMatchesItsSchema() {
    K8sWorkloadResult.Container waiting = new K8sWorkloadResult.Container("orders", "orders:1.2.9-typo", List.of(),
        List.of(), "waiting", "ImagePullBackOff", "Back-off pulling image", null, 0, null,
        new K8sWorkloadResult.Resources("250m", null, "256Mi", "512Mi"), null);
    K8sWorkloadResult result = new K8sWorkloadResult("c1", List.of(new K8sWorkloadResult.Workload("Deployment",
        "default", "orders", new K8sWorkloadResult.Replicas(2, 0, 0, 2, "2026-11-21T03:09:00Z"), Map.of(), 2,
        List.of(new K8sWorkloadResult.Revision(7, "orders-7f9", Map.of("orders", "orders:1.2.9-typo"), null,
            "2026-11-21T03:08:00Z", 2, 0, 2)),
        List.of(new K8sWorkloadResult.Pod("orders-7f9-abc", "Pending", "ip-1", "orders-7f9", false, null,
            List.of(waiting))),
        List.of(new K8sWorkloadResult.ServiceEndpoints("orders", 0, 2)), null, List.of())), List.of(), null);

    assertThat(OutputSchemas.violation(OutputSchemas.of(K8sWorkloadResult.class), result)).isNull();
  }

  @Test
  void everyKubernetesResultHasASchemaThatRejectsUnknownFields() {
    for (Class<? extends Record> type : List.of(K8sWorkloadResult.class, K8sEventsResult.class,
        K8sPodLogsResult.class, K8sNodeStatusResult.class, K8sChaosScanResult.class)) {
      Map<String, Object> schema = OutputSchemas.of(type);
      assertThat(schema).containsEntry("additionalProperties", false);
    }
    K8sChaosScanResult empty = new K8sChaosScanResult("c1",
        new ChaosCleanupResult.Scope("default", null, null, null, null), List.of("default"), List.of(), 3,
        List.of(), List.of(new ChaosCleanupResult.LeftAlone(ChaosScenario.STRESS_WORKLOAD, "Pod", "default", "x",
            "not related to the alarm", true)), List.of(), null);
    assertThat(OutputSchemas.violation(OutputSchemas.of(K8sChaosScanResult.class), empty)).isNull();
  }
}
