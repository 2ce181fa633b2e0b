package com.incident.tools.kubernetes;

import static com.incident.tools.kubernetes.Views.n;

import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.ToolResult;
import com.incident.common.tool.result.K8sEventsResult;
import com.incident.common.tool.result.ResultFit;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code k8s-get-events}: Warning (and optionally Normal) events of namespaces or of one object in a window, collapsed
 * by reason + object. An object's events include those of what it controls (a Deployment's ReplicaSets and their pods,
 * a Job's or StatefulSet's pods), found through owner references.
 */
final class GetEvents {
  static final int MAX_NAMESPACES = 10;
  static final List<String> KINDS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "Pod", "Node",
      "Service", "HorizontalPodAutoscaler");

  private final ClusterReads reads;
  private final String cluster;

  GetEvents(ClusterReads reads, String cluster) {
    this.reads = reads;
    this.cluster = cluster;
  }

  ToolResult run(ToolArguments args, Instant now) {
    Set<String> namespaces = new LinkedHashSet<>();
    args.optionalString("namespace").ifPresent(namespaces::add);
    namespaces.addAll(args.stringList("namespaces"));
    if (namespaces.isEmpty()) {
      throw new ToolException("Give 'namespace' or 'namespaces': the namespaces whose events to read");
    }
    if (namespaces.size() > MAX_NAMESPACES) {
      throw new ToolException("At most " + MAX_NAMESPACES + " namespaces per call, got " + namespaces.size());
    }
    String kind = args.optionalString("kind").orElse(null);
    String name = args.optionalString("name").orElse(null);
    if ((kind == null) != (name == null)) {
      throw new ToolException("Give both 'kind' and 'name' to read one object's events, or neither");
    }
    if (name != null && namespaces.size() > 1) {
      throw new ToolException("One object lives in one namespace: give a single 'namespace' with 'kind' and 'name'");
    }
    boolean includeNormal = args.bool("include_normal", false);
    EventWindow window = EventWindow.from(args, now);
    List<String> notes = new ArrayList<>();
    Map<String, Agg> collapsed = new LinkedHashMap<>();
    int total = 0;
    for (String ns : namespaces) {
      Set<String> objects = name == null ? null : related(ns, kind, name, notes);
      for (Event e : reads.events(ns)) {
        if (!includeNormal && !"Warning".equals(e.getType())) {
          continue;
        }
        var involved = e.getInvolvedObject();
        String ik = involved == null ? "" : String.valueOf(involved.getKind());
        String in = involved == null ? "" : String.valueOf(involved.getName());
        if (objects != null && !objects.contains(ik + "/" + in)) {
          continue;
        }
        Instant first = first(e);
        Instant last = last(e);
        if (first == null || last == null || !window.overlaps(first, last)) {
          continue;
        }
        total++;
        String iNs = involved == null || involved.getNamespace() == null ? ns : involved.getNamespace();
        String key = e.getType() + "|" + e.getReason() + "|" + ik + "|" + iNs + "|" + in;
        collapsed.computeIfAbsent(key, k -> new Agg(e.getType(), e.getReason(), ik, iNs, in)).add(e, first, last);
      }
    }
    List<K8sEventsResult.Event> events = collapsed.values().stream()
        .sorted(Comparator.comparing((Agg a) -> "Warning".equals(a.type) ? 0 : 1).thenComparing(a -> a.last, Comparator.reverseOrder()))
        .map(Agg::view)
        .toList();
    String object = name == null ? null : kind + "/" + name;
    String noData = events.isEmpty() ? "no " + (includeNormal ? "" : "Warning ") + "events " + (object == null ? "" : "for " + object + " ")
        + "in " + String.join(", ", namespaces) + " between " + window.start() + " and " + window.end()
        + " (events are kept about one hour by default)" : null;
    int count = total;
    K8sEventsResult result = ResultFit.largest(events.size(), k -> {
      List<String> n = new ArrayList<>(notes);
      if (k < events.size()) {
        n.add((events.size() - k) + " of " + events.size() + " collapsed events left out to stay under the result bound (the oldest Normal ones first)");
      }
      return new K8sEventsResult(cluster, List.copyOf(namespaces), object, window.start().toString(), window.end().toString(),
          count, events.subList(0, k), n, noData);
    });
    return ToolResult.ok(Texts.events(result), result);
  }

  /** "Kind/name" of the object and of everything it controls, through owner references. */
  private Set<String> related(String ns, String kind, String name, List<String> notes) {
    Set<String> out = new LinkedHashSet<>();
    out.add(kind + "/" + name);
    if (!Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet").contains(kind)) {
      return out;
    }
    try {
      Set<String> podOwners = new LinkedHashSet<>();
      podOwners.add(kind + "/" + name);
      if (kind.equals("Deployment")) {
        Deployment d = reads.deployment(ns, name);
        if (d != null) {
          for (ReplicaSet rs : reads.replicaSets(ns)) {
            if (Views.controlledBy(rs.getMetadata(), "Deployment", d.getMetadata())) {
              out.add("ReplicaSet/" + rs.getMetadata().getName());
              podOwners.add("ReplicaSet/" + rs.getMetadata().getName());
            }
          }
        }
      }
      for (Pod p : reads.pods(ns)) {
        Views.controller(p.getMetadata()).filter(o -> podOwners.contains(o.getKind() + "/" + o.getName()))
            .ifPresent(o -> out.add("Pod/" + p.getMetadata().getName()));
      }
    } catch (KubernetesClientException e) {
      // Without the owner chain the object's own events are still right; its pods' are then missing.
      notes.add("could not follow " + kind + " " + name + " to its pods (" + com.incident.kube.chaos.NamespaceReader.reason(e)
          + "); only its own events are listed");
    }
    return out;
  }

  static Instant first(Event e) {
    return firstNonNull(parse(e.getFirstTimestamp()), micro(e.getEventTime()), parse(e.getLastTimestamp()),
        created(e));
  }

  static Instant last(Event e) {
    return firstNonNull(e.getSeries() == null ? null : micro(e.getSeries().getLastObservedTime()), parse(e.getLastTimestamp()),
        micro(e.getEventTime()), parse(e.getFirstTimestamp()), created(e));
  }

  private static Instant created(HasMetadata o) {
    return o.getMetadata() == null ? null : parse(o.getMetadata().getCreationTimestamp());
  }

  private static Instant micro(MicroTime t) {
    return t == null ? null : parse(t.getTime());
  }

  private static Instant parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Events with the same type, reason and object. */
  private static final class Agg {
    final String type;
    final String reason;
    final String kind;
    final String namespace;
    final String name;
    String message;
    int count;
    Instant first;
    Instant last;

    Agg(String type, String reason, String kind, String namespace, String name) {
      this.type = type == null ? "Normal" : type;
      this.reason = reason == null ? "" : reason;
      this.kind = kind;
      this.namespace = namespace;
      this.name = name;
    }

    void add(Event e, Instant f, Instant l) {
      count += Math.max(1, e.getSeries() != null && e.getSeries().getCount() != null ? e.getSeries().getCount() : n(e.getCount()));
      if (last == null || l.isAfter(last)) {
        last = l;
        message = e.getMessage();
      }
      first = first == null || f.isBefore(first) ? f : first;
    }

    K8sEventsResult.Event view() {
      return new K8sEventsResult.Event(type, reason, kind, namespace, name, Views.text(message == null ? "" : message), count,
          first.toString(), last.toString());
    }
  }
}
