package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

class SandboxClusterTest {

  @Test
  void seedsObjectsWithTheirStatusAndOwnership() {
    Scenario s = ScenarioLoader.bundled("pod-restarts");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      Deployment catalog = cluster.client().apps().deployments().inNamespace("default").withName("catalog").get();
      ReplicaSet bad = cluster.client().apps().replicaSets().inNamespace("default").list().getItems().stream()
          .filter(rs -> "4".equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
          .findFirst().orElseThrow();
      Pod pulling = cluster.client().pods().inNamespace("default").list().getItems().stream()
          .filter(p -> p.getMetadata().getOwnerReferences().getFirst().getName().equals(bad.getMetadata().getName()))
          .findFirst().orElseThrow();

      assertThat(bad.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo(catalog.getMetadata().getUid());
      assertThat(pulling.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason())
          .isIn("ImagePullBackOff", "ErrImagePull");
      assertThat(cluster.namespaces()).containsExactly("default");
    }
  }

  @Test
  void theStateIgnoresStatusButSeesEveryChangeAndAttributesItToTheTopLevelObject() {
    Scenario s = ScenarioLoader.bundled("cpu-spike");
    try (SandboxCluster cluster = SandboxCluster.start(s.cluster().objects())) {
      SandboxCluster.State before = cluster.state();
      Deployment ui = cluster.client().apps().deployments().inNamespace("default").withName("ui").get();
      ui.getStatus().setReadyReplicas(0);
      cluster.client().resource(ui).updateStatus();
      assertThat(before.changedIn(cluster.state())).isEmpty();

      cluster.client().apps().deployments().inNamespace("default").withName("stress-ng").delete();
      var pod = cluster.client().pods().inNamespace("default").list().getItems().stream()
          .filter(p -> p.getMetadata().getName().startsWith("catalog-")).findFirst().orElseThrow();
      pod.getMetadata().getLabels().put("touched", "yes");
      cluster.client().resource(pod).update();

      assertThat(before.changedWorkloads(cluster.state())).containsExactly("Deployment default/catalog", "Deployment default/stress-ng");
    }
  }
}
