package com.incident.tools.kubernetes;

import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.K8sChaosScanResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.K8sNodeStatusResult;
import com.incident.common.tool.result.K8sPodLogsResult;
import com.incident.common.tool.result.K8sWorkloadResult;
import java.util.List;

/** The compact text half of each answer; the details stay in structuredContent. */
final class Texts {
  private Texts() {}

  static String workloads(K8sWorkloadResult r) {
    StringBuilder b = new StringBuilder();
    if (r.noDataReason() != null) {
      b.append("k8s-describe-workload: ").append(r.noDataReason()).append('\n');
    }
    for (K8sWorkloadResult.Workload w : r.workloads()) {
      var rep = w.replicas();
      b.append(w.kind()).append(' ').append(w.namespace()).append('/').append(w.name()).append(": desired ")
          .append(rep.desired() == null ? "-" : rep.desired()).append(", ready ").append(rep.ready()).append(", available ")
          .append(rep.available()).append(", updated ").append(rep.updated());
      if (rep.lastChange() != null) {
        b.append(" (last change ").append(rep.lastChange()).append(')');
      }
      if (w.lastAppliedReplicas() != null) {
        b.append("; last-applied replicas ").append(w.lastAppliedReplicas());
      }
      b.append('\n');
      for (K8sWorkloadResult.Revision v : w.revisions()) {
        b.append("  rev ").append(v.revision()).append(' ').append(v.name()).append(" images ").append(v.images())
            .append(" replicas ").append(v.readyReplicas()).append('/').append(v.replicas());
        if (v.desiredReplicas() != null) {
          b.append(" desired-replicas ").append(v.desiredReplicas());
        }
        b.append(" created ").append(v.created());
        if (v.changeCause() != null) {
          b.append(" cause \"").append(v.changeCause()).append('"');
        }
        b.append('\n');
      }
      for (K8sWorkloadResult.Pod p : w.pods()) {
        b.append("  pod ").append(p.name()).append(' ').append(p.phase()).append(p.ready() ? " ready" : " not-ready");
        for (K8sWorkloadResult.Container c : p.containers()) {
          b.append("; ").append(c.name()).append(' ').append(c.state());
          if (c.reason() != null) {
            b.append(' ').append(c.reason());
          }
          b.append(" image ").append(c.image()).append(" restarts ").append(c.restartCount());
          if (c.lastTermination() != null) {
            b.append(" last ").append(c.lastTermination().reason()).append(" exit ").append(c.lastTermination().exitCode());
          }
          if (c.loadGenerator() != null) {
            b.append(" LOAD GENERATOR: ").append(c.loadGenerator().evidence());
          }
        }
        b.append('\n');
      }
      w.services().forEach(s -> b.append("  service ").append(s.name()).append(": ").append(s.readyAddresses())
          .append(" ready, ").append(s.notReadyAddresses()).append(" not ready endpoints\n"));
      if (w.hpa() != null) {
        b.append("  hpa ").append(w.hpa().name()).append(" min ").append(w.hpa().minReplicas()).append(" max ")
            .append(w.hpa().maxReplicas()).append('\n');
      }
    }
    return notes(b, r.notes());
  }

  static String events(K8sEventsResult r) {
    StringBuilder b = new StringBuilder("k8s-get-events ").append(String.join(",", r.namespaces()))
        .append(r.object() == null ? "" : " " + r.object()).append(' ').append(r.windowStart()).append("..").append(r.windowEnd())
        .append(": ").append(r.events().size()).append(" collapsed of ").append(r.total()).append(" events\n");
    if (r.noDataReason() != null) {
      b.append(r.noDataReason()).append('\n');
    }
    r.events().forEach(e -> b.append(e.type()).append(' ').append(e.reason()).append(' ').append(e.kind()).append(' ')
        .append(e.namespace()).append('/').append(e.name()).append(" x").append(e.count()).append(' ').append(e.firstSeen())
        .append("..").append(e.lastSeen()).append(": ").append(e.message()).append('\n'));
    return notes(b, r.notes());
  }

  static String logs(K8sPodLogsResult r) {
    StringBuilder b = new StringBuilder("k8s-pod-logs ").append(r.namespace()).append('/').append(r.pod()).append('\n');
    if (r.noDataReason() != null) {
      b.append(r.noDataReason()).append('\n');
    }
    for (K8sPodLogsResult.ContainerLog c : r.containers()) {
      b.append("== ").append(c.container()).append(" (current)\n");
      c.current().forEach(l -> b.append(l).append('\n'));
      b.append("== ").append(c.container()).append(" (previous)");
      if (c.previousUnavailable() != null) {
        b.append(": ").append(c.previousUnavailable());
      }
      b.append('\n');
      c.previous().forEach(l -> b.append(l).append('\n'));
    }
    return notes(b, r.notes());
  }

  static String nodes(K8sNodeStatusResult r) {
    StringBuilder b = new StringBuilder();
    if (r.noDataReason() != null) {
      b.append("k8s-node-status: ").append(r.noDataReason()).append('\n');
    }
    for (K8sNodeStatusResult.Node n : r.nodes()) {
      b.append("node ").append(n.name()).append(n.ready() ? " Ready" : " NOT Ready").append(n.unschedulable() ? " cordoned" : "");
      n.conditions().stream().filter(c -> NodeStatus.PRESSURE.contains(c.type()) && "True".equals(c.status()))
          .forEach(c -> b.append(' ').append(c.type()));
      b.append("; cpu requested ").append(n.cpuMillicores().requested()).append("m of ").append(n.cpuMillicores().allocatable())
          .append("m (").append(n.cpuMillicores().requestedPercent()).append("%), memory requested ")
          .append(n.memoryBytes().requestedPercent()).append("%; ").append(n.pods()).append(" pods\n");
      n.topPods().forEach(p -> b.append("  ").append(p.namespace()).append('/').append(p.name()).append(" cpu ")
          .append(p.cpuRequestMillicores()).append("m mem ").append(p.memoryRequestBytes()).append(' ').append(p.phase())
          .append(p.loadGenerator() == null ? "" : " LOAD GENERATOR: " + p.loadGenerator().evidence()).append('\n'));
    }
    return notes(b, r.notes());
  }

  static String chaos(K8sChaosScanResult r) {
    StringBuilder b = new StringBuilder("k8s-find-chaos (read-only) namespaces ").append(r.namespaces());
    r.rejectedNamespaces().forEach(x -> b.append(" (not read ").append(x.namespace()).append(": ").append(x.reason()).append(')'));
    b.append('\n');
    if (r.noDataReason() != null) {
      b.append(r.noDataReason()).append('\n');
    }
    for (ChaosCleanupResult.Action a : r.matches()) {
      b.append("[").append(a.scenario().id()).append("] chaos-cleanup would ").append(a.action().id()).append(' ')
          .append(a.kind()).append(' ').append(a.namespace()).append('/').append(a.name()).append(" (").append(a.status().id())
          .append("). Evidence: ").append(a.evidence()).append(". Before: ").append(a.before()).append(". After: ")
          .append(a.after()).append('\n');
    }
    r.leftAlone().forEach(s -> b.append("left alone [").append(s.scenario().id()).append("] ").append(s.kind()).append(' ')
        .append(s.namespace()).append('/').append(s.name()).append(": ").append(s.reason()).append('\n'));
    return notes(b, r.notes());
  }

  private static String notes(StringBuilder b, List<String> notes) {
    notes.forEach(n -> b.append("note: ").append(n).append('\n'));
    return b.toString().stripTrailing();
  }
}
