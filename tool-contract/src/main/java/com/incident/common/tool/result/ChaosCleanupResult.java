package com.incident.common.tool.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.tool.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The structured result of chaos-cleanup: the incident scope it worked in, what matched, what was done or would be
 * done (and if not, why), how to undo it, whether the cluster recovered, and what it left alone.
 *
 * @param mode the function's REMEDIATION_MODE, which the tool enforces whatever the caller asks
 * @param dryRun whether nothing was to be changed (the mode or the call asked for it)
 * @param namespaces the namespaces scanned
 * @param rejectedNamespaces requested namespaces the allowlist or the hard denylist refused
 * @param actions every matched fault and what became of it; only {@link ActionStatus#DONE} changed the cluster
 * @param leftAlone objects that matched a fault signature but were not touched, and why
 * @param planHash sha-256 (hex) of the ordered planned actions, each with its object's resourceVersion: what a
 *     person approves, and what {@code expected_plan_hash} must match for the tool to act
 */
public record ChaosCleanupResult(
    Outcome outcome,
    String message,
    RemediationMode mode,
    boolean dryRun,
    Scope scope,
    List<String> namespaces,
    List<Rejection> rejectedNamespaces,
    List<ChaosScenario> scenarios,
    int maxActions,
    List<Action> actions,
    List<LeftAlone> leftAlone,
    String planHash) {

  /** Whether any action changed the cluster. */
  public boolean changedCluster() {
    return actions.stream().anyMatch(a -> a.status() == ActionStatus.DONE);
  }

  /** The objects left alone because they are not related to the incident: for a person to check. */
  public List<LeftAlone> outOfScope() {
    return leftAlone.stream().filter(LeftAlone::outOfScope).toList();
  }

  public enum Outcome {
    /** No fault related to the incident was found. */
    CLEAN("clean"),
    DRY_RUN("dry-run"),
    /**
     * Nothing was done: remediation is off, more actions were needed than allowed, or REMEDIATION_MODE approval and
     * the call named no approved plan.
     */
    REFUSED("refused"),
    /** Nothing was done: the fresh plan's hash differs from {@code expected_plan_hash} (an object or the plan changed). */
    PLAN_CHANGED("plan-changed"),
    DONE("done"),
    /** Some actions failed. */
    PARTIAL("partial");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  public enum ActionStatus {
    DONE("done"),
    FAILED("failed"),
    DRY_RUN("dry-run"),
    REFUSED("refused"),
    /** Not run: the call needed more actions than allowed, or the plan differs from the approved one. */
    NOT_RUN("not-run");

    private final String id;

    ActionStatus(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  /** What chaos-cleanup does to an object. */
  public enum ActionType {
    DELETE("delete"),
    ROLLBACK("rollback"),
    SCALE("scale");

    private final String id;

    ActionType(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  /** The incident chaos-cleanup was scoped to, from the alarm's dimensions (at least a namespace or a node). */
  public record Scope(@Nullable String namespace, @Nullable String workload, @Nullable String pod, @Nullable String node,
      @Nullable String resource) {}

  public record Rejection(String namespace, String reason) {}

  /**
   * One matched fault.
   *
   * @param reason why it was not done (absent when done)
   * @param evidence what the object showed that matches the fault
   * @param pods the pods the action affects (the stress pods that must disappear)
   * @param verification the bounded wait for recovery after a done action; absent otherwise
   */
  public record Action(
      ChaosScenario scenario,
      ActionType action,
      String kind,
      String namespace,
      String name,
      ActionStatus status,
      @Nullable String reason,
      String evidence,
      List<String> pods,
      String before,
      String after,
      Undo undo,
      @Nullable Verification verification) {}

  /**
   * How to reverse one action: a command, and the state it needs (the images or replicas the object had, or the
   * deleted object's manifest, with secret-looking values redacted).
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Undo(String how, @Nullable Map<String, String> previousImages, @Nullable Integer previousReplicas,
      @Nullable Map<String, Object> manifest) {}

  /** The outcome of the bounded wait after an action. */
  public record Verification(VerificationStatus status, String detail) {}

  public enum VerificationStatus {
    /** The Deployment rolled out and every replica is available. */
    AVAILABLE("available"),
    /** Every pod of the deleted load generator is gone. */
    PODS_GONE("pods-gone"),
    TIMED_OUT("timed-out"),
    /** The cluster could not be read after the action. */
    NOT_CHECKED("not-checked");

    private final String id;

    VerificationStatus(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  /** @param outOfScope not related to the incident: for a person to check, never touched */
  public record LeftAlone(ChaosScenario scenario, String kind, String namespace, String name, String reason,
      boolean outOfScope) {}
}
