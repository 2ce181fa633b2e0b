package com.incident.kube.chaos;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.ToolArguments;
import com.incident.common.tool.ToolException;
import com.incident.common.tool.result.ChaosCleanupResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments chaos-cleanup and its read-only twin k8s-find-chaos share: the incident scope (from the alarm's
 * dimensions) and the faults to look for. Read once here so both tools accept and refuse exactly the same calls.
 */
public final class ScanArguments {
  /** The faults the planner knows, in the order tools list them. */
  public static final List<ChaosScenario> SCENARIOS = List.of(ChaosScenario.STRESS_WORKLOAD, ChaosScenario.BAD_IMAGE,
      ChaosScenario.SCALED_TO_ZERO);

  private ScanArguments() {}

  /**
   * The incident scope; a call without a namespace or a node is refused, as it could reach anything.
   *
   * @param refusal appended to the refusal, e.g. what the tool did not do
   */
  public static IncidentScope scope(ToolArguments args, String refusal) {
    String namespace = args.optionalString("namespace").orElse(null);
    String node = args.optionalString("node").orElse(null);
    if (namespace == null && node == null) {
      throw new ToolException("Give the incident's scope: namespace (and workload or pod) and/or node, from the alarm's "
          + "dimensions; " + refusal);
    }
    Resource resource = args.optionalString("resource").map(r -> Resource.fromId(r)
        .filter(x -> x != Resource.IO)
        .orElseThrow(() -> new ToolException("resource must be cpu or memory"))).orElse(null);
    return new IncidentScope(namespace, args.optionalString("workload").orElse(null), args.optionalString("pod").orElse(null),
        node, resource);
  }

  /** The requested faults; all of {@link #SCENARIOS} when none is named. */
  public static Set<ChaosScenario> scenarios(ToolArguments args) {
    List<String> requested = args.stringList("scenarios");
    if (requested.isEmpty()) {
      return EnumSet.copyOf(SCENARIOS);
    }
    Set<ChaosScenario> out = EnumSet.noneOf(ChaosScenario.class);
    for (String id : requested) {
      out.add(SCENARIOS.stream().filter(x -> x.id().equals(id)).findFirst()
          .orElseThrow(() -> new ToolException("Unknown scenario '" + id + "'; expected stress-workload, bad-image or scaled-to-zero")));
    }
    return out;
  }

  /** The scope as the tools report it. */
  public static ChaosCleanupResult.Scope reported(IncidentScope s) {
    return new ChaosCleanupResult.Scope(s.namespace(), s.workload(), s.pod(), s.node(),
        s.resource() == null ? null : s.resource().id());
  }
}
