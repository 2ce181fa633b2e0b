package com.incident.common.tool.result;

import com.incident.common.tool.Nullable;
import java.util.List;

/**
 * {@code k8s-pod-logs}: the tail of each container's current log and of its previous instance (the one that
 * crashed), bounded in lines and bytes and redacted before it leaves the function.
 *
 * @param notes what was cut or could not be read
 */
public record K8sPodLogsResult(String cluster, String namespace, String pod, List<ContainerLog> containers,
    List<String> notes, @Nullable String noDataReason) {

  /**
   * @param current the last lines of the running (or last) container, oldest first
   * @param previous the last lines of the previous container instance, oldest first; empty when there is none
   * @param previousUnavailable why {@code previous} is empty (no restart, log rotated, ...), when it is
   * @param truncated whether lines were dropped to stay under the line or byte bound
   */
  public record ContainerLog(String container, List<String> current, List<String> previous,
      @Nullable String previousUnavailable, boolean truncated) {}
}
