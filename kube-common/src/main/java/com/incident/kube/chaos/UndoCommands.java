package com.incident.kube.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exact kubectl command that reverses a chaos-cleanup action, for a person to paste. Each command names the
 * namespace and the object as {@code <resource>/<name>}, and is built only for the kinds kubectl accepts it for;
 * anything else is an {@link IllegalArgumentException}, never a command that fails when someone runs it at 3 a.m.
 */
public final class UndoCommands {
  /** The file name the person saves a deleted object's manifest as; {@link #apply} applies it. */
  public static final String MANIFEST_FILE = "manifest.yaml";
  /** `kubectl rollout undo` reads the controller's revision history: Deployments, StatefulSets and DaemonSets only. */
  private static final Set<String> ROLLOUT = Set.of("Deployment", "StatefulSet", "DaemonSet");
  /** The /scale subresource kubectl scale uses (of the kinds chaos-cleanup knows). */
  private static final Set<String> SCALE = Set.of("Deployment", "StatefulSet");
  /** Kinds whose container images can be changed in place; a Job's pod template is immutable. */
  private static final Set<String> SET_IMAGE = Set.of("Deployment", "StatefulSet", "DaemonSet", "Pod");
  private static final Set<String> KNOWN = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "Pod");

  private UndoCommands() {}

  /** Returns the object to the pod template of {@code revision} from its own history. */
  public static String rolloutUndo(ObjectRef ref, long revision) {
    require(ref, ROLLOUT, "rollout undo");
    if (revision <= 0) {
      throw new IllegalArgumentException("rollout undo needs a revision > 0, got " + revision + " for " + ref);
    }
    return prefix(ref) + "rollout undo " + resource(ref) + " --to-revision=" + revision;
  }

  public static String scale(ObjectRef ref, int replicas) {
    require(ref, SCALE, "scale");
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0, got " + replicas + " for " + ref);
    }
    return prefix(ref) + "scale " + resource(ref) + " --replicas=" + replicas;
  }

  /** Sets each named container back to its image, in the order given. */
  public static String setImage(ObjectRef ref, Map<String, String> images) {
    require(ref, SET_IMAGE, "set image");
    if (images.isEmpty()) {
      throw new IllegalArgumentException("set image needs at least one container image for " + ref);
    }
    return prefix(ref) + "set image " + resource(ref) + " " + images.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  /** Re-creates a deleted object from its manifest saved as {@link #MANIFEST_FILE}. */
  public static String apply(ObjectRef ref) {
    require(ref, KNOWN, "apply");
    return prefix(ref) + "apply -f " + MANIFEST_FILE;
  }

  private static String prefix(ObjectRef ref) {
    return "kubectl -n " + ref.namespace() + " ";
  }

  /** kubectl's resource name for the kind: deployment/orders, statefulset/db, daemonset/agent, job/load, pod/x. */
  private static String resource(ObjectRef ref) {
    return ref.kind().toLowerCase(Locale.ROOT) + "/" + ref.name();
  }

  private static void require(ObjectRef ref, Set<String> kinds, String verb) {
    if (!kinds.contains(ref.kind())) {
      throw new IllegalArgumentException("kubectl " + verb + " does not apply to " + ref.kind() + " (" + ref + "); it does to "
          + List.copyOf(new java.util.TreeSet<>(kinds)));
    }
    if (ref.namespace() == null || ref.namespace().isBlank()) {
      throw new IllegalArgumentException("an undo command needs the object's namespace: " + ref);
    }
  }
}
