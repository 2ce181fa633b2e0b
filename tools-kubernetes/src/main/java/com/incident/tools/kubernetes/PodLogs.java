package com.incident.tools.kubernetes;

import static com.incident.tools.kubernetes.Views.list;

import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.ResultFit;
import com.incident.kube.chaos.NamespaceReader;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code k8s-pod-logs}: the tail of each container's current log and of its previous instance. Bounded in lines
 * (tail_lines) and bytes (what the API server sends, then each line), and redacted line by line before anything
 * leaves the function.
 */
final class PodLogs {
  static final int DEFAULT_LINES = 50;
  static final int MAX_LINES = 200;
  /** What the API server may send per container log; the newest lines within it are kept. */
  static final int MAX_FETCH_BYTES = 64 * 1024;
  static final int MAX_LINE_CHARS = 500;
  static final int MAX_CONTAINERS = 4;

  private final ClusterReads reads;
  private final String cluster;

  PodLogs(ClusterReads reads, String cluster) {
    this.reads = reads;
    this.cluster = cluster;
  }

  ToolResult run(ToolArguments args) {
    String ns = args.string("namespace");
    String podName = args.string("pod_name");
    String only = args.optionalString("container").orElse(null);
    int tail = args.integer("tail_lines", DEFAULT_LINES);
    Pod pod = reads.pod(ns, podName);
    if (pod == null) {
      K8sPodLogsResult none = new K8sPodLogsResult(cluster, ns, podName, List.of(), List.of(),
          "no pod named " + podName + " in namespace " + ns + " (a replaced pod's logs are gone with it; list the "
              + "workload's pods with k8s-describe-workload)");
      return ToolResult.ok(Texts.logs(none), none);
    }
    List<String> names = list(pod.getSpec().getContainers()).stream().map(Container::getName).toList();
    List<String> notes = new ArrayList<>();
    List<String> wanted;
    if (only != null) {
      if (!names.contains(only)) {
        throw new ToolException("Pod " + podName + " has no container '" + only + "'; its containers are " + names);
      }
      wanted = List.of(only);
    } else if (names.size() > MAX_CONTAINERS) {
      wanted = names.subList(0, MAX_CONTAINERS);
      notes.add("the pod has " + names.size() + " containers; the first " + MAX_CONTAINERS + " are read, name one with 'container'");
    } else {
      wanted = names;
    }
    List<Full> logs = new ArrayList<>();
    for (String c : wanted) {
      logs.add(read(pod, c, tail, notes));
    }
    int longest = logs.stream().mapToInt(l -> Math.max(l.current.size(), l.previous.size())).max().orElse(0);
    K8sPodLogsResult result = ResultFit.largest(longest, k -> {
      List<String> n = new ArrayList<>(notes);
      if (k < longest) {
        n.add("cut to the last " + k + " lines per log to stay under the result bound");
      }
      return new K8sPodLogsResult(cluster, ns, podName, logs.stream().map(l -> l.view(k)).toList(), n, null);
    });
    return ToolResult.ok(Texts.logs(result), result);
  }

  /** One container's logs before the result bound: already line- and byte-bounded and redacted. */
  private record Full(String container, List<String> current, List<String> previous, String previousUnavailable,
      boolean truncated) {
    K8sPodLogsResult.ContainerLog view(int lines) {
      boolean cut = truncated || current.size() > lines || previous.size() > lines;
      return new K8sPodLogsResult.ContainerLog(container, last(current, lines), last(previous, lines), previousUnavailable, cut);
    }
  }

  private Full read(Pod pod, String container, int tail, List<String> notes) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    boolean[] truncated = {false};
    List<String> current;
    try {
      // One line more than asked tells whether the log had more.
      current = lines(reads.log(ns, name, container, tail + 1, MAX_FETCH_BYTES), tail, truncated);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw e;
      }
      notes.add("container " + container + ": current log not readable: " + NamespaceReader.reason(e));
      current = List.of();
    }
    ContainerStatus status = pod.getStatus() == null ? null : list(pod.getStatus().getContainerStatuses()).stream()
        .filter(s -> container.equals(s.getName())).findFirst().orElse(null);
    int restarts = status == null || status.getRestartCount() == null ? 0 : status.getRestartCount();
    List<String> previous = List.of();
    String unavailable = null;
    try {
      previous = lines(reads.previousLog(ns, name, container, tail + 1), tail, truncated);
      if (previous.isEmpty()) {
        unavailable = "the previous instance logged nothing";
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw e;
      }
      unavailable = restarts == 0
          ? "no previous instance: the container has not restarted"
          : "previous instance's log not available (" + NamespaceReader.reason(e) + "); restartCount " + restarts;
    }
    return new Full(container, current, previous, unavailable, truncated[0]);
  }

  /** The newest {@code tail} lines, each redacted and cut to {@link #MAX_LINE_CHARS}. */
  static List<String> lines(String text, int tail, boolean[] truncated) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> all = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (all.getLast().isEmpty()) {
      all.removeLast();
    }
    if (text.length() >= MAX_FETCH_BYTES && !all.isEmpty()) {
      // The byte limit cut the newest end of the stream mid-line.
      all.removeLast();
      truncated[0] = true;
    }
    if (all.size() > tail) {
      all = all.subList(all.size() - tail, all.size());
      truncated[0] = true;
    }
    // Redacted before cut, so a secret split by the cut is still recognised whole.
    return all.stream().map(Redactor.DEFAULT::redact)
        .map(l -> l.length() <= MAX_LINE_CHARS ? l : l.substring(0, MAX_LINE_CHARS) + "…").toList();
  }

  private static List<String> last(List<String> lines, int n) {
    return lines.size() <= n ? lines : lines.subList(lines.size() - n, lines.size());
  }
}
