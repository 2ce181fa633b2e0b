package com.incident.kube.chaos;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Undo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One change chaos-cleanup will make. {@code change} is the object to delete (DELETE) or the desired
 * Deployment, carrying the resourceVersion that was read, so a concurrent change makes the update fail (ROLLBACK, SCALE).
 */
public record PlannedAction(
    ChaosScenario scenario,
    ActionType type,
    ObjectRef target,
    String evidence,
    List<String> pods,
    String before,
    String after,
    Undo undo,
    HasMetadata change) {}
