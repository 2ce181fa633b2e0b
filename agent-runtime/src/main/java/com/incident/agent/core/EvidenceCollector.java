package com.incident.agent.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayException;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    ObjectNode similar = Json.object().put("alarm_name", facts.alarm().alarmName()).put("limit", 3);
    putIf(similar, "service", Stream.of(facts.service(), facts.namespace()).filter(s -> s != null).findFirst().orElse(null));
    putIf(similar, "symptoms", facts.alarm().metricName());
    calls.add(new Call(ToolNames.GITHUB_FIND_SIMILAR, similar));
    return calls;
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

  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
