package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s-describe-workload}: the workloads that match the request (by kind + name, by pod name or by label
 * selector), most relevant first. Times are ISO-8601 UTC. {@code noDataReason} says why {@code workloads} is empty.
 *
 * @param cluster the EKS cluster read
 * @param notes what was cut to stay under the result cap, or could not be read (e.g. RBAC denied HPAs)
 */
public record K8sWorkloadResult(String cluster, List<Workload> workloads, List<String> notes,
    @Nullable String noDataReason) {

  /**
   * One Deployment, StatefulSet, DaemonSet, Job, or a bare Pod (kind {@code Pod}) that no controller owns.
   *
   * @param annotations the object's annotations except {@code kubectl.kubernetes.io/last-applied-configuration}
   *     (summarised by {@code lastAppliedReplicas})
   * @param lastAppliedReplicas spec.replicas of the last-applied-configuration annotation, when present
   * @param revisions rollout history, newest first (Deployment: its ReplicaSets; others: empty or their
   *     ControllerRevisions)
   * @param pods the workload's pods, the unhealthy ones (not ready, waiting, restarting) first
   * @param services Services whose selector selects the workload's pods, with their endpoint counts
   * @param hpa the HorizontalPodAutoscaler targeting the workload, if any
   * @param conditions the workload's status conditions (Available, Progressing, ...)
   */
  public record Workload(String kind, String namespace, String name, Replicas replicas,
      Map<String, String> annotations, @Nullable Integer lastAppliedReplicas, List<Revision> revisions,
      List<Pod> pods, List<ServiceEndpoints> services, @Nullable Hpa hpa, List<Condition> conditions) {}

  /**
   * @param desired spec.replicas (null for a DaemonSet, a Job's parallelism otherwise)
   * @param lastChange when the replica counts last changed: the latest condition transition
   */
  public record Replicas(@Nullable Integer desired, int ready, int available, int updated,
      @Nullable String lastChange) {}

  /**
   * One rollout revision.
   *
   * @param revision the {@code deployment.kubernetes.io/revision} number
   * @param images container name → image of this revision's pod template
   * @param changeCause the {@code kubernetes.io/change-cause} annotation
   * @param replicas the ReplicaSet's spec.replicas now
   * @param desiredReplicas the {@code deployment.kubernetes.io/desired-replicas} annotation: what the Deployment
   *     wanted while this revision was current
   */
  public record Revision(int revision, String name, Map<String, String> images, @Nullable String changeCause,
      String created, int replicas, int readyReplicas, @Nullable Integer desiredReplicas) {}

  /**
   * @param revision the name of the ReplicaSet (or controller revision) the pod belongs to
   */
  public record Pod(String name, String phase, @Nullable String node, @Nullable String revision, boolean ready,
      @Nullable String created, List<Container> containers) {}

  /**
   * @param state {@code running}, {@code waiting} or {@code terminated}
   * @param reason the waiting or terminated reason ({@code ImagePullBackOff}, {@code CrashLoopBackOff}, ...)
   * @param loadGenerator set when the container's long-running process is a load generator (stress, stress-ng),
   *     decided from its image, command and args by the same signature code chaos-cleanup uses
   */
  public record Container(String name, String image, List<String> command, List<String> args, String state,
      @Nullable String reason, @Nullable String message, @Nullable String startedAt, int restartCount,
      @Nullable Termination lastTermination, Resources resources, @Nullable LoadGenerator loadGenerator) {}

  /** The previous container's end, e.g. {@code OOMKilled} with exit code 137. */
  public record Termination(@Nullable String reason, @Nullable Integer exitCode, @Nullable String startedAt,
      @Nullable String finishedAt) {}

  /** Requests and limits as Kubernetes quantities ({@code 250m}, {@code 512Mi}); null when not set. */
  public record Resources(@Nullable String cpuRequest, @Nullable String cpuLimit, @Nullable String memoryRequest,
      @Nullable String memoryLimit) {}

  /**
   * @param process the resolved argv of the load generator process
   * @param resources what its stressor options load: {@code cpu}, {@code memory}, {@code io}; empty when unknown
   * @param evidence one line saying why, e.g. "command stress-ng --cpu 2 --timeout 600s (image ...)"
   */
  public record LoadGenerator(List<String> process, List<String> resources, String evidence) {}

  public record ServiceEndpoints(String name, int readyAddresses, int notReadyAddresses) {}

  public record Hpa(String name, @Nullable Integer minReplicas, int maxReplicas, @Nullable Integer currentReplicas,
      @Nullable Integer desiredReplicas) {}

  public record Condition(String type, String status, @Nullable String reason, @Nullable String message,
      @Nullable String lastTransition) {}
}
