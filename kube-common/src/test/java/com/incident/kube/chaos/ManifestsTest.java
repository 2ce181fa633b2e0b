package com.incident.kube.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.json.Json;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  @Test
  void theUndoManifestHasNoServerStateAndNoSecretValues() {
    Deployment live = new DeploymentBuilder()
        .withNewMetadata().withName("cpu-stress").withNamespace("shop").withUid("9a1b").withResourceVersion("812")
        .withGeneration(3L).withCreationTimestamp("2026-11-21T02:00:00Z")
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"huge\":true}")
        .addToAnnotations("owner", "sre@example.com").endMetadata()
        .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addToContainers(new ContainerBuilder()
            .withName("stress").withImage("alexeiled/stress-ng")
            .addNewEnv().withName("DB_PASSWORD").withValue("hunter2").endEnv()
            .addNewEnv().withName("MODE").withValue("cpu").endEnv()
            .withArgs("--cpu", "2", "--token=AKIAIOSFODNN7EXAMPLE").build()).endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(2).endStatus()
        .build();

    Map<String, Object> manifest = Manifests.reapplicable(live);
    String json = Json.write(manifest);

    assertThat(manifest).containsKeys("apiVersion", "kind", "metadata", "spec").doesNotContainKey("status");
    assertThat(json).contains("\"name\":\"cpu-stress\"", "\"replicas\":2", "\"value\":\"cpu\"", "alexeiled/stress-ng")
        .doesNotContain("9a1b", "812", "creationTimestamp", "last-applied-configuration", "hunter2", "AKIAIOSFODNN7EXAMPLE", "sre@example.com");
    assertThat(json).contains("\"name\":\"DB_PASSWORD\",\"value\":\"[REDACTED]\"");
  }

  @Test
  void aJobManifestLeavesTheSelectorAndItsLabelsToTheApiServerSoItCanBeAppliedAgain() {
    Job live = new JobBuilder()
        .withNewMetadata().withName("memory-hog").withNamespace("shop").withUid("77c1")
        .addToLabels("batch.kubernetes.io/controller-uid", "77c1").addToLabels("job-name", "memory-hog")
        .addToLabels("team", "sre").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("batch.kubernetes.io/controller-uid", "77c1").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("controller-uid", "77c1")
        .addToLabels("batch.kubernetes.io/job-name", "memory-hog").endMetadata()
        .withNewSpec().withRestartPolicy("Never").addToContainers(new ContainerBuilder().withName("hog")
            .withImage("alexeiled/stress-ng").build()).endSpec().endTemplate().endSpec()
        .build();

    Map<String, Object> manifest = Manifests.reapplicable(live);
    String json = Json.write(manifest);

    assertThat(json).doesNotContain("77c1", "selector", "job-name").contains("\"labels\":{\"team\":\"sre\"}", "\"restartPolicy\":\"Never\"");
  }
}
