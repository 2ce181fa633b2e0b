package com.incident.kube.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/**
 * Everything the planner looks at in one namespace, read once per call.
 *
 * @param scaledObjects KEDA ScaledObjects; empty when KEDA is not installed
 */
public record NamespaceSnapshot(
    String namespace,
    List<Pod> pods,
    List<Deployment> deployments,
    List<ReplicaSet> replicaSets,
    List<Job> jobs,
    List<HorizontalPodAutoscaler> autoscalers,
    List<GenericKubernetesResource> scaledObjects) {

  public NamespaceSnapshot(String namespace, List<Pod> pods, List<Deployment> deployments, List<ReplicaSet> replicaSets,
      List<Job> jobs, List<HorizontalPodAutoscaler> autoscalers) {
    this(namespace, pods, deployments, replicaSets, jobs, autoscalers, List.of());
  }
}
