package com.incident.agent.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolNames;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 3: the evidence plan for an incident, run in parallel through the (redacting) gateway. */
public final class EvidenceCollector {
  private static final Logger LOG = LoggerFactory.getLogger(EvidenceCollector.class);

  /** One planned tool call. */
  public record Call(String tool, ObjectNode arguments) {}

  /** The evidence source the log tools belong to, as the issue names it. */
  public static final String LOG_SOURCE = "opensearch";
  static final String LOG_SOURCE_ABSENT =
      "로그 소스(OpenSearch)가 구성되지 않아 로그 근거 없이 메트릭과 이벤트로만 분석했습니다 (OpenSearchEndpoint 미설정).";

  /** Follow-up calls after the first fan-out, of which at most {@link #MAX_LOG_FOLLOW_UPS} read pod logs. */
  static final int MAX_FOLLOW_UPS = 6;
  static final int MAX_LOG_FOLLOW_UPS = 2;
  static final int MAX_PODS = 5;
  static final int LOG_LINES = 50;
  private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

  private final WorkflowSettings settings;

  public EvidenceCollector(WorkflowSettings settings) {
    this.settings = settings;
  }

  public List<Call> plan(IncidentFacts facts) {
    List<Call> calls = new ArrayList<>();
    String end = facts.windowEnd().truncatedTo(ChronoUnit.SECONDS).toString();
    int minutes = (int) Math.max(1, Duration.between(facts.windowStart(), facts.windowEnd()).toMinutes());
    if (facts.cluster() != null) {
      if (facts.pod() != null || facts.namespace() != null) {
        ObjectNode a = window(facts.cluster(), minutes, end);
        putIf(a, "namespace", facts.namespace());
        putIf(a, "pod_name", facts.pod());
        calls.add(new Call(ToolNames.POD_METRICS, a));
      }
      ObjectNode node = window(facts.cluster(), minutes, end);
      putIf(node, "node_name", facts.node());
      calls.add(new Call(ToolNames.NODE_METRICS, node));
      ObjectNode overview = window(facts.cluster(), minutes, end);
      settings.excludeNamespaces().forEach(overview.putArray("exclude_namespaces")::add);
      calls.add(new Call(ToolNames.CLUSTER_OVERVIEW, overview));
    }
    int hours = Math.max(settings.logHours(), (minutes + 59) / 60);
    ObjectNode errors = Json.object().put("index", settings.logIndex()).put("hours", hours).put("end_time", end);
    putIf(errors, "group_by", settings.errorGroupBy());
    calls.add(new Call(ToolNames.ERROR_SUMMARY, errors));
    calls.add(new Call(ToolNames.ANOMALY_DETECTION,
        Json.object().put("index", settings.logIndex()).put("hours", Math.max(3, hours)).put("end_time", end)));
    if (settings.datadogEnabled()) {
      ObjectNode monitors = Json.object();
      if (facts.cluster() != null) {
        monitors.putArray("tags").add("kube_cluster_name:" + facts.cluster());
      }
      calls.add(new Call(ToolNames.DATADOG_GET_MONITORS, monitors));
      ObjectNode events = Json.object().put("hours", hours).put("end_time", end);
      if (facts.namespace() != null) {
        events.putArray("tags").add("kube_namespace:" + facts.namespace());
      }
      calls.add(new Call(ToolNames.DATADOG_GET_EVENTS, events));
    }
    kubernetes(facts, minutes, end, calls);
    ObjectNode similar = Json.object().put("alarm_name", facts.alarm().alarmName()).put("limit", 3);
    putIf(similar, "service", Stream.of(facts.service(), facts.namespace()).filter(s -> s != null).findFirst().orElse(null));
    putIf(similar, "symptoms", facts.alarm().metricName());
    calls.add(new Call(ToolNames.GITHUB_FIND_SIMILAR, similar));
    return calls;
  }

  /**
   * The read-only Kubernetes calls, scoped by what the alarm names: its workload, its namespace's events and chaos
   * signatures, its node. An alarm without Kubernetes dimensions (ALB target group, metric math, composite) gets a
   * namespace-wide scan of the monitored namespaces; who is involved is only known from those answers, so the
   * workloads are described in {@link #followUps}.
   */
  private void kubernetes(IncidentFacts facts, int minutes, String end, List<Call> calls) {
    String workload = Remediator.workload(facts);
    if (facts.namespace() != null && workload != null) {
      calls.add(new Call(ToolNames.K8S_DESCRIBE_WORKLOAD, Json.object().put("namespace", facts.namespace())
          .put("name", workload).put("max_pods", MAX_PODS)));
    }
    List<String> namespaces = facts.namespace() != null ? List.of(facts.namespace())
        : facts.node() != null ? List.of() : settings.monitoredNamespaces();
    for (String namespace : namespaces) {
      // Normal events too: a scale-down or a rollout is a Normal event and often the cause.
      calls.add(new Call(ToolNames.K8S_GET_EVENTS, Json.object().put("namespace", namespace).put("minutes", minutes)
          .put("end_time", end).put("include_normal", true)));
    }
    if (facts.namespace() != null || facts.node() != null) {
      ObjectNode scope = Json.object();
      putIf(scope, "namespace", facts.namespace());
      putIf(scope, "workload", facts.namespace() == null ? null : workload);
      putIf(scope, "node", facts.node());
      putIf(scope, "resource", Remediator.resource(facts.alarm()));
      calls.add(new Call(ToolNames.K8S_FIND_CHAOS, scope));
    } else {
      namespaces.forEach(n -> calls.add(new Call(ToolNames.K8S_FIND_CHAOS, Json.object().put("namespace", n))));
    }
    ObjectNode node = Json.object();
    putIf(node, "node_name", facts.node());
    calls.add(new Call(ToolNames.K8S_NODE_STATUS, node));
  }

  /**
   * The bounded second fan-out: what the first answers point at. Workloads that events, the chaos scan or a node's
   * top pods name and that were not described yet; the logs of pods that restarted. At most {@link #MAX_FOLLOW_UPS}
   * calls, those of the alarmed workload's pods first.
   */
  public List<Call> followUps(Evidence evidence) {
    Set<String> described = new HashSet<>();
    List<K8sWorkloadResult.Workload> workloads = new ArrayList<>();
    evidence.results(ToolNames.K8S_DESCRIBE_WORKLOAD, K8sWorkloadResult.class).forEach(r -> r.workloads().forEach(w -> {
      workloads.add(w);
      described.add(w.namespace() + "/" + w.name());
      w.pods().forEach(p -> described.add(w.namespace() + "/" + p.name()));
    }));
    List<Call> logs = new ArrayList<>();
    for (K8sWorkloadResult.Workload w : workloads) {
      for (K8sWorkloadResult.Pod p : w.pods()) {
        if (logs.size() < MAX_LOG_FOLLOW_UPS && p.containers().stream().anyMatch(EvidenceCollector::restarted)) {
          logs.add(new Call(ToolNames.K8S_POD_LOGS, Json.object().put("namespace", w.namespace()).put("pod_name", p.name())
              .put("tail_lines", LOG_LINES)));
        }
      }
    }
    Map<String, Call> describe = new LinkedHashMap<>();
    evidence.results(ToolNames.K8S_FIND_CHAOS, K8sChaosScanResult.class).forEach(r -> r.matches().forEach(
        a -> describe.putIfAbsent(a.namespace() + "/" + a.name(), describeCall(a.namespace(), a.kind(), a.name()))));
    evidence.results(ToolNames.K8S_NODE_STATUS, K8sNodeStatusResult.class).forEach(r -> r.nodes().forEach(n -> n.topPods()
        .stream().filter(p -> p.loadGenerator() != null)
        .forEach(p -> describeOwner(describe, p))));
    // Warning events on pods and workloads, and Normal ones on workloads (scaling, rollouts).
    evidence.results(ToolNames.K8S_GET_EVENTS, K8sEventsResult.class).forEach(r -> r.events().stream()
        .filter(e -> WORKLOAD_KINDS.contains(e.kind()) || "Pod".equals(e.kind()) && "Warning".equals(e.type()))
        .forEach(e -> describe.putIfAbsent(e.namespace() + "/" + e.name(), describeCall(e.namespace(), e.kind(), e.name()))));
    described.forEach(describe::remove);
    List<Call> calls = new ArrayList<>(logs);
    describe.values().stream().limit(MAX_FOLLOW_UPS - logs.size()).forEach(calls::add);
    return calls;
  }

  /**
   * The plan's fan-out, then the bounded follow-up on its answers: every call made, in order, and what they returned.
   * {@code wanted} narrows both (the recurrence and recovery paths need less).
   */
  public Collected gather(Gateway gateway, IncidentFacts facts, Set<String> offered, Deadline deadline,
      Predicate<Call> wanted) {
    List<Call> first = plan(facts).stream().filter(wanted).toList();
    Evidence evidence = collect(gateway, first, offered, deadline);
    List<Call> second = followUps(evidence).stream().filter(wanted).toList();
    if (second.isEmpty()) {
      return new Collected(first, evidence);
    }
    Evidence more = collect(gateway, second, offered, deadline);
    List<Call> all = new ArrayList<>(first);
    all.addAll(second);
    return new Collected(List.copyOf(all), evidence.plus(more));
  }

  /** Every call made for an incident and what they returned. */
  public record Collected(List<Call> calls, Evidence evidence) {}

  /** A node's pod by its controller when that is a workload (one call for all its pods), else by the pod. */
  private static void describeOwner(Map<String, Call> describe, K8sNodeStatusResult.NodePod p) {
    String[] owner = p.owner() == null ? new String[0] : p.owner().split("/", 2);
    if (owner.length == 2 && WORKLOAD_KINDS.contains(owner[0])) {
      describe.putIfAbsent(p.namespace() + "/" + owner[1], describeCall(p.namespace(), owner[0], owner[1]));
    } else {
      describe.putIfAbsent(p.namespace() + "/" + p.name(), describeCall(p.namespace(), "Pod", p.name()));
    }
  }

  private static Call describeCall(String namespace, String kind, String name) {
    ObjectNode a = Json.object().put("namespace", namespace);
    if ("Pod".equals(kind)) {
      a.put("pod_name", name);
    } else {
      a.put("kind", kind).put("name", name);
    }
    return new Call(ToolNames.K8S_DESCRIBE_WORKLOAD, a.put("max_pods", MAX_PODS));
  }

  private static boolean restarted(K8sWorkloadResult.Container c) {
    return c.restartCount() > 0 || c.lastTermination() != null;
  }

  /** Runs {@code calls} in parallel; tools the gateway does not offer and failed calls become gaps. */
  public Evidence collect(Gateway gateway, List<Call> calls, Set<String> offered, Deadline deadline) {
    List<Evidence.Item> items = new ArrayList<>();
    List<Evidence.Gap> gaps = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<Call, Future<Object>> futures = new LinkedHashMap<>();
      boolean noLogSource = offered.stream().noneMatch(EvidenceCollector::isLogTool);
      boolean logSourceNoted = false;
      for (Call call : calls) {
        if (!offered.contains(call.tool())) {
          // No log target at all (OpenSearchEndpoint empty) is a configuration, not a failure: one gap for the
          // whole source, said once in the issue, and nothing logged per call.
          if (noLogSource && isLogTool(call.tool())) {
            if (!logSourceNoted) {
              gaps.add(new Evidence.Gap(LOG_SOURCE, null, LOG_SOURCE_ABSENT));
              logSourceNoted = true;
            }
            continue;
          }
          gaps.add(new Evidence.Gap(call.tool(), call.arguments(), "tool not offered by the gateway"));
          continue;
        }
        futures.put(call, pool.submit(() -> run(gateway, call, deadline)));
      }
      for (Map.Entry<Call, Future<Object>> f : futures.entrySet()) {
        Object r = join(f.getKey(), f.getValue());
        if (r instanceof Evidence.Item item) {
          items.add(item);
        } else if (r instanceof Evidence.Gap gap) {
          gaps.add(gap);
        }
      }
    }
    return new Evidence(List.copyOf(items), List.copyOf(gaps));
  }

  private Object run(Gateway gateway, Call call, Deadline deadline) {
    Duration budget = deadline.budget(settings.toolTimeout(), settings.finalReserve());
    if (budget.isZero()) {
      return new Evidence.Gap(call.tool(), call.arguments(), "skipped: deadline reached");
    }
    try {
      // The workflow's gateway is a RedactingGateway: the outcome is already redacted with the incident's numbering.
      ToolOutcome outcome = gateway.call(call.tool(), call.arguments(), budget);
      if (outcome.error()) {
        LOG.warn("Evidence tool {} failed: {}", call.tool(), abbreviate(outcome.text()));
        return new Evidence.Gap(call.tool(), call.arguments(), abbreviate(outcome.text()));
      }
      return new Evidence.Item(call.tool(), call.arguments(), outcome.text(), outcome.structured());
    } catch (GatewayException e) {
      String reason = Redactor.DEFAULT.redact(e.getMessage());
      LOG.warn("Evidence tool {} unreachable: {}", call.tool(), reason);
      return new Evidence.Gap(call.tool(), call.arguments(), abbreviate(reason));
    }
  }

  private static Object join(Call call, Future<Object> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Evidence.Gap(call.tool(), call.arguments(), "interrupted");
    } catch (ExecutionException e) {
      LOG.error("Evidence tool {} crashed", call.tool(), e.getCause());
      return new Evidence.Gap(call.tool(), call.arguments(), "internal error: " + e.getCause());
    }
  }

  private static boolean isLogTool(String tool) {
    return ToolNames.Target.forTool(tool).filter(t -> t == ToolNames.Target.OPENSEARCH).isPresent();
  }

  private ObjectNode window(String cluster, int minutes, String end) {
    return Json.object().put("cluster_name", cluster).put("minutes", minutes)
        .put("period", settings.periodSeconds()).put("end_time", end);
  }

  private static void putIf(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }

  /** A tool's failure text as a gap's reason: one line, at most 300 characters, cut between words. */
  static String abbreviate(String s) {
    return Truncate.words(s, 300);
  }
}
