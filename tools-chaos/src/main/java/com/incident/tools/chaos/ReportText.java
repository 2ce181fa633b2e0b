package com.incident.tools.chaos;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.kube.chaos.IncidentScope;
import java.util.List;
import java.util.Map;

/** The compact text half of the answer: one line per action, the details stay in structuredContent. */
final class ReportText {
  private ReportText() {}

  static String render(ChaosCleanupResult r, IncidentScope scope) {
    StringBuilder b = new StringBuilder("chaos-cleanup ").append(r.outcome().id()).append(": ").append(r.message()).append('\n');
    b.append("mode: ").append(r.mode().id()).append("; scope: ").append(scope).append('\n');
    b.append("namespaces: ").append(String.join(", ", r.namespaces()));
    r.rejectedNamespaces().forEach(x -> b.append(" (refused ").append(x.namespace()).append(": ").append(x.reason()).append(')'));
    b.append("; scenarios: ").append(String.join(", ", r.scenarios().stream().map(ChaosScenario::id).toList())).append('\n');
    b.append("planHash: ").append(r.planHash()).append('\n');
    List<ChaosCleanupResult.Action> actions = r.actions();
    for (int i = 0; i < actions.size(); i++) {
      ChaosCleanupResult.Action a = actions.get(i);
      b.append(i + 1).append(". [").append(a.scenario().id()).append("] ").append(a.action().id()).append(' ')
          .append(a.kind()).append(' ').append(a.namespace()).append('/').append(a.name()).append(": ").append(a.status().id());
      if (a.reason() != null) {
        b.append(" (").append(a.reason()).append(')');
      }
      b.append(". Evidence: ").append(a.evidence());
      b.append(". Before: ").append(a.before()).append(". After: ").append(a.after());
      b.append(". Undo: ").append(undo(a, i)).append('.');
      if (a.verification() != null) {
        b.append(switch (a.verification().status()) {
          case AVAILABLE, PODS_GONE -> " Verified: ";
          case TIMED_OUT -> " NOT verified (timed out): ";
          case NOT_CHECKED -> " Not verified: ";
        }).append(a.verification().detail()).append('.');
      }
      b.append('\n');
    }
    if (!r.leftAlone().isEmpty()) {
      b.append("left alone:\n");
      r.leftAlone().forEach(s -> b.append("- [").append(s.scenario().id()).append("] ").append(s.kind()).append(' ')
          .append(s.namespace()).append('/').append(s.name()).append(": ").append(s.reason()).append('\n'));
    }
    return b.toString().stripTrailing();
  }

  private static String undo(ChaosCleanupResult.Action a, int index) {
    if (a.undo().manifest() != null) {
      return "re-apply the deleted manifest in structuredContent.actions[" + index + "].undo.manifest";
    }
    Map<String, String> images = a.undo().previousImages();
    return a.undo().how() + (images == null || images.isEmpty() ? "" : " (restores " + images + ")");
  }
}
