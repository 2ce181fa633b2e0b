package com.incident.kube.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UndoCommandsTest {

  @Test
  void rolloutUndoNamesTheNamespaceTheResourceAndTheRevisionForEveryKindWithRolloutHistory() {
    assertThat(UndoCommands.rolloutUndo(new ObjectRef("Deployment", "default", "orders"), 6))
        .isEqualTo("kubectl -n default rollout undo deployment/orders --to-revision=6");
    assertThat(UndoCommands.rolloutUndo(new ObjectRef("StatefulSet", "shop", "db"), 2))
        .isEqualTo("kubectl -n shop rollout undo statefulset/db --to-revision=2");
    assertThat(UndoCommands.rolloutUndo(new ObjectRef("DaemonSet", "shop", "agent"), 11))
        .isEqualTo("kubectl -n shop rollout undo daemonset/agent --to-revision=11");
  }

  @Test
  void rolloutUndoIsRefusedForKindsWithoutRolloutHistoryAndForAMissingRevision() {
    assertThatThrownBy(() -> UndoCommands.rolloutUndo(new ObjectRef("Job", "shop", "load"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollout undo does not apply to Job");
    assertThatThrownBy(() -> UndoCommands.rolloutUndo(new ObjectRef("Pod", "shop", "p"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UndoCommands.rolloutUndo(new ObjectRef("Deployment", "shop", "orders"), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision > 0");
  }

  @Test
  void scaleIsForDeploymentsAndStatefulSets() {
    assertThat(UndoCommands.scale(new ObjectRef("Deployment", "default", "carts"), 2))
        .isEqualTo("kubectl -n default scale deployment/carts --replicas=2");
    assertThat(UndoCommands.scale(new ObjectRef("StatefulSet", "default", "db"), 0))
        .isEqualTo("kubectl -n default scale statefulset/db --replicas=0");
    assertThatThrownBy(() -> UndoCommands.scale(new ObjectRef("DaemonSet", "default", "agent"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UndoCommands.scale(new ObjectRef("Pod", "default", "p"), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setImageListsEveryContainerInOrderAndIsRefusedForAJobWhoseTemplateIsImmutable() {
    Map<String, String> images = new LinkedHashMap<>();
    images.put("app", "example.com/app:1.2");
    images.put("sidecar", "example.com/proxy:3");

    assertThat(UndoCommands.setImage(new ObjectRef("Deployment", "default", "x"), Map.of("c", "img:tag")))
        .isEqualTo("kubectl -n default set image deployment/x c=img:tag");
    assertThat(UndoCommands.setImage(new ObjectRef("DaemonSet", "ops", "agent"), images))
        .isEqualTo("kubectl -n ops set image daemonset/agent app=example.com/app:1.2 sidecar=example.com/proxy:3");
    assertThat(UndoCommands.setImage(new ObjectRef("Pod", "ops", "p1"), Map.of("c", "img:tag")))
        .isEqualTo("kubectl -n ops set image pod/p1 c=img:tag");
    assertThatThrownBy(() -> UndoCommands.setImage(new ObjectRef("Job", "ops", "load"), Map.of("c", "img")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UndoCommands.setImage(new ObjectRef("Deployment", "ops", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applyReCreatesAnyKnownKindFromTheSavedManifestInItsNamespace() {
    assertThat(UndoCommands.apply(new ObjectRef("Deployment", "default", "cpu-stress")))
        .isEqualTo("kubectl -n default apply -f manifest.yaml");
    assertThat(UndoCommands.apply(new ObjectRef("Job", "shop", "memory-hog")))
        .isEqualTo("kubectl -n shop apply -f manifest.yaml");
    assertThat(UndoCommands.apply(new ObjectRef("Pod", "shop", "stress")))
        .isEqualTo("kubectl -n shop apply -f manifest.yaml");
    assertThatThrownBy(() -> UndoCommands.apply(new ObjectRef("Pod", null, "stress")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
  }
}
