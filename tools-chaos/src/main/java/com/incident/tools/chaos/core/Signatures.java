package com.incident.tools.chaos.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The exact fault signatures chaos-cleanup acts on. Names are never evidence: a pod called
 * {@code stress-test-ui} that runs nginx is an application pod.
 */
public final class Signatures {
  /** Binaries (and image repository names) of the load generators used by the chaos scenarios. */
  static final Set<String> STRESS_BINARIES = Set.of("stress-ng", "stress");
  static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
  /** Label values of {@code app} that mark a chaos experiment workload. */
  static final Set<String> CHAOS_APP_LABELS = Set.of("chaos-test", "chaos-experiment", "chaos-stress");
  /** Label or annotation keys that mark a chaos experiment when their value is "true". */
  static final List<String> CHAOS_MARKERS = List.of("chaos", "chaos-experiment", "incident.chaos/experiment");
  static final Set<String> IMAGE_PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");

  /** Annotation that leaves a zero-replica Deployment alone. */
  public static final String INTENTIONAL_SCALE_DOWN = "incident.chaos/intentional-scale-down";
  /** Annotations that record the replicas a Deployment had before it was scaled down, newest convention first. */
  public static final List<String> ORIGINAL_REPLICAS = List.of("incident.chaos/original-replicas", "downscaler/original-replicas");

  private Signatures() {}

  /** Why this pod is a stress/chaos pod, or empty when it is not. */
  public static Optional<String> stressEvidence(Pod pod) {
    Optional<String> marked = chaosMarker(pod.getMetadata());
    if (marked.isPresent()) {
      return marked;
    }
    return stressContainers(pod.getSpec()).stream().findFirst();
  }

  /** One piece of evidence per container of the spec that runs a load generator. */
  public static List<String> stressContainers(PodSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec == null || spec.getContainers() == null) {
      return out;
    }
    for (Container c : spec.getContainers()) {
      stressEvidence(c).ifPresent(out::add);
    }
    return out;
  }

  static Optional<String> stressEvidence(Container c) {
    String repo = imageRepositoryName(c.getImage());
    if (STRESS_BINARIES.contains(repo)) {
      return Optional.of("container " + c.getName() + " runs image " + c.getImage());
    }
    List<String> argv = Stream.concat(nullSafe(c.getCommand()).stream(), nullSafe(c.getArgs()).stream()).toList();
    if (!argv.isEmpty() && STRESS_BINARIES.contains(basename(argv.get(0)))) {
      return Optional.of("container " + c.getName() + " runs command " + basename(argv.get(0)));
    }
    if (argv.size() >= 3 && SHELLS.contains(basename(argv.get(0))) && argv.get(1).equals("-c") && scriptRunsStress(argv.get(2))) {
      return Optional.of("container " + c.getName() + " runs a shell script that starts stress-ng/stress");
    }
    return Optional.empty();
  }

  /** The chaos label/annotation on this object, if any. */
  public static Optional<String> chaosMarker(ObjectMeta meta) {
    if (meta == null) {
      return Optional.empty();
    }
    Map<String, String> labels = nullSafe(meta.getLabels());
    Map<String, String> annotations = nullSafe(meta.getAnnotations());
    String app = labels.get("app");
    if (app != null && CHAOS_APP_LABELS.contains(app)) {
      return Optional.of("labelled app=" + app);
    }
    for (String key : CHAOS_MARKERS) {
      if ("true".equalsIgnoreCase(labels.get(key))) {
        return Optional.of("labelled " + key + "=true");
      }
      if ("true".equalsIgnoreCase(annotations.get(key))) {
        return Optional.of("annotated " + key + "=true");
      }
    }
    return Optional.empty();
  }

  /** The waiting reasons that prove the pod cannot pull its image, as "container: reason (image)". */
  public static List<String> imagePullFailures(Pod pod) {
    List<String> out = new ArrayList<>();
    if (pod.getStatus() == null) {
      return out;
    }
    List<ContainerStatus> statuses = new ArrayList<>(nullSafe(pod.getStatus().getInitContainerStatuses()));
    statuses.addAll(nullSafe(pod.getStatus().getContainerStatuses()));
    for (ContainerStatus s : statuses) {
      if (s.getState() != null && s.getState().getWaiting() != null
          && IMAGE_PULL_FAILURES.contains(s.getState().getWaiting().getReason())) {
        out.add(s.getName() + ": " + s.getState().getWaiting().getReason() + " (" + s.getImage() + ")");
      }
    }
    return out;
  }

  public static boolean intentionallyScaledDown(ObjectMeta meta) {
    return "true".equalsIgnoreCase(nullSafe(meta.getAnnotations()).get(INTENTIONAL_SCALE_DOWN));
  }

  /** "registry:5000/team/stress-ng:0.17@sha256:..." -> "stress-ng". */
  static String imageRepositoryName(String image) {
    if (image == null) {
      return "";
    }
    String s = image;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int slash = s.lastIndexOf('/');
    String last = s.substring(slash + 1);
    int colon = last.indexOf(':');
    return colon >= 0 ? last.substring(0, colon) : last;
  }

  static boolean scriptRunsStress(String script) {
    for (String segment : script.split("[;&|\\n]+")) {
      List<String> words = new ArrayList<>(List.of(segment.trim().split("\\s+")));
      while (!words.isEmpty() && (words.get(0).isEmpty() || words.get(0).equals("exec") || words.get(0).equals("nohup")
          || words.get(0).contains("="))) {
        words.remove(0);
      }
      if (!words.isEmpty() && STRESS_BINARIES.contains(basename(words.get(0)))) {
        return true;
      }
    }
    return false;
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <K, V> Map<K, V> nullSafe(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
