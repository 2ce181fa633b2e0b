package com.incident.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure grouping rule. An alarm joins an open group when it falls within the window of the group's first alarm
 * and either (a) it is a composite alarm whose rule names one of the group's alarms, or one of the group's
 * composite alarms names it; or (b) it is in the same cluster and shares a namespace, a workload or a node; or (c)
 * in the same cluster, one side is about a node and the other about workloads whose placement the alarm does not
 * carry, when the node alarm came first (a node fault surfaces in the pods on it; the grouping says so and can be
 * split; a node alarm after a workload's own incident is a fault of its own until a relation says otherwise). Explicit overlaps win
 * over (c); among equals the oldest group wins, so concurrent deciders agree.
 */
public final class Correlation {
  private Correlation() {}

  /** One open incident as the correlation index keeps it. */
  public record Group(String incidentId, Instant anchorAt, String cluster, Set<String> namespaces,
      Set<String> workloads, Set<String> nodes, Set<String> alarms, Set<String> children) {
    public Group {
      namespaces = Set.copyOf(namespaces);
      workloads = Set.copyOf(workloads);
      nodes = Set.copyOf(nodes);
      alarms = Set.copyOf(alarms);
      children = Set.copyOf(children);
    }

    public static Group of(String incidentId, AlarmScope s) {
      String cluster = s.cluster();
      return new Group(incidentId, s.at(), cluster, s.namespaces(), s.workloads(), s.nodes(),
          Set.of(s.alarmName()), s.children());
    }

    /** The group with the alarm added to its scope. */
    public Group with(AlarmScope s) {
      return new Group(incidentId, anchorAt, cluster != null ? cluster : s.cluster(), union(namespaces, s.namespaces()),
          union(workloads, s.workloads()), union(nodes, s.nodes()), union(alarms, Set.of(s.alarmName())),
          union(children, s.children()));
    }

    /** The group without the alarm (its scope stays: the other alarms still share it). */
    public Group without(String alarmName) {
      Set<String> rest = new HashSet<>(alarms);
      rest.remove(alarmName);
      return new Group(incidentId, anchorAt, cluster, namespaces, workloads, nodes, rest, children);
    }
  }

  /**
   * Why an alarm joined a group, and whether it widened the group's scope (a new namespace or node).
   *
   * @param assumedNodes the group's nodes, when the alarm joined only because it did not say where its pods run
   *     (the agent checks the placement in the cluster and splits the alarm off when its pods run elsewhere); empty
   *     for a join on an explicit overlap
   */
  public record Match(Group group, String reason, boolean widens, Set<String> assumedNodes) {
    public Match {
      assumedNodes = Set.copyOf(assumedNodes);
    }
  }

  public static Optional<Match> decide(List<Group> open, AlarmScope alarm, Duration window) {
    Optional<Match> best = Optional.empty();
    int bestRank = Integer.MAX_VALUE;
    for (Group g : open.stream().sorted(Comparator.comparing(Group::anchorAt).thenComparing(Group::incidentId)).toList()) {
      if (Duration.between(g.anchorAt(), alarm.at()).abs().compareTo(window) > 0) {
        continue;
      }
      String reason = null;
      int rank;
      Set<String> childHit = intersect(alarm.children(), g.alarms());
      Set<String> parentHit = g.children().contains(alarm.alarmName()) ? Set.of(alarm.alarmName()) : Set.of();
      if (!childHit.isEmpty()) {
        reason = "복합 알람 규칙에 이 인시던트의 알람이 포함됨 (" + String.join(", ", childHit) + ")";
        rank = 0;
      } else if (!parentHit.isEmpty()) {
        reason = "이 인시던트의 복합 알람 규칙에 포함된 하위 알람";
        rank = 0;
      } else if (alarm.cluster() == null || !alarm.cluster().equals(g.cluster())) {
        continue;
      } else if (!intersect(alarm.workloads(), g.workloads()).isEmpty()) {
        reason = "같은 클러스터 " + g.cluster() + ", 같은 워크로드 " + String.join(", ", intersect(alarm.workloads(), g.workloads()));
        rank = 1;
      } else if (!intersect(alarm.nodes(), g.nodes()).isEmpty()) {
        reason = "같은 클러스터 " + g.cluster() + ", 같은 노드 " + String.join(", ", intersect(alarm.nodes(), g.nodes()));
        rank = 1;
      } else if (!intersect(alarm.namespaces(), g.namespaces()).isEmpty()) {
        reason = "같은 클러스터 " + g.cluster() + ", 같은 네임스페이스 "
            + String.join(", ", intersect(alarm.namespaces(), g.namespaces()));
        rank = 2;
      } else if (alarm.placementUnknown() && !g.nodes().isEmpty()) {
        reason = "같은 클러스터 " + g.cluster() + "의 노드 알람(" + String.join(", ", new TreeSet<>(g.nodes()))
            + ")과 같은 구간에 발생한 파드 알람 (알람에 파드 배치 노드 정보 없음)";
        rank = 3;
      } else {
        continue;
      }
      if (rank < bestRank) {
        bestRank = rank;
        boolean widens = !g.namespaces().containsAll(alarm.namespaces()) || !g.nodes().containsAll(alarm.nodes());
        best = Optional.of(new Match(g, reason + " (첫 알람과 " + minutes(g.anchorAt(), alarm.at()) + " 차이)", widens,
            rank == 3 ? g.nodes() : Set.of()));
      }
    }
    return best;
  }

  /** Groups a later alarm could still join at {@code now}: kept for two windows so late deliveries still match. */
  public static List<Group> live(List<Group> groups, Instant now, Duration window) {
    return groups.stream().filter(g -> !g.alarms().isEmpty() && !g.anchorAt().plus(window.multipliedBy(2)).isBefore(now))
        .toList();
  }

  private static String minutes(Instant a, Instant b) {
    long s = Duration.between(a, b).abs().toSeconds();
    return s < 60 ? s + "초" : (s / 60) + "분" + (s % 60 == 0 ? "" : " " + (s % 60) + "초");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new TreeSet<>(a);
    u.addAll(b);
    return u;
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> i = new TreeSet<>(a);
    i.retainAll(b);
    return i;
  }
}
