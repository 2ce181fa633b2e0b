package com.incident.kube.chaos;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The exact fault signatures chaos-cleanup acts on, read from what a container actually runs. Names, labels and
 * annotations are never evidence: a pod labelled {@code chaos: "true"} or called {@code stress-test-ui} that runs
 * nginx is an application pod, and so is a container whose shell script merely mentions stress.
 */
public final class Signatures {
  /** Binaries (and image repository names) of the load generators used by the chaos scenarios. */
  static final Set<String> STRESS_BINARIES = Set.of("stress-ng", "stress");
  static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
  /** Launchers that run their arguments as the real process. */
  static final Set<String> WRAPPERS = Set.of("nohup", "tini", "dumb-init", "env", "nice", "timeout", "setsid", "exec");
  /** Arguments that make a load generator print something and exit instead of loading anything. */
  static final Set<String> PROBE_ARGS = Set.of("--version", "-V", "--help", "-h", "--usage", "--ver");
  static final Set<String> IMAGE_PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");
  /** Stressor options of stress-ng and stress, by the resource they consume. */
  static final Map<String, Resource> STRESSORS = stressors();

  private Signatures() {}

  /**
   * A container that runs a load generator as its long-running process.
   *
   * @param process the resolved argv of that process
   * @param stresses the resources its stressor options consume; empty when they cannot be read from its command line
   */
  public record Stress(String container, List<String> process, Set<Resource> stresses, String evidence) {}

  /** The containers of the spec that run a load generator as their long-running process. */
  public static List<Stress> stressContainers(PodSpec spec) {
    List<Stress> out = new ArrayList<>();
    if (spec == null || spec.getContainers() == null) {
      return out;
    }
    for (Container c : spec.getContainers()) {
      stress(c).ifPresent(out::add);
    }
    return out;
  }

  /** Whether this container's long-running process is a load generator, and what it loads. */
  public static Optional<Stress> stress(Container c) {
    boolean stressImage = STRESS_BINARIES.contains(imageRepositoryName(c.getImage()));
    List<String> argv = entrypoint(c, stressImage);
    Optional<List<String>> process = runningProcess(argv, env(c), 0);
    if (process.isEmpty() || !STRESS_BINARIES.contains(basename(process.get().getFirst()))) {
      return Optional.empty();
    }
    List<String> p = process.get();
    List<String> options = p.subList(1, p.size());
    if (!options.isEmpty() && options.stream().allMatch(PROBE_ARGS::contains)) {
      return Optional.empty();
    }
    Set<Resource> stresses = EnumSet.noneOf(Resource.class);
    for (String o : options) {
      Resource r = STRESSORS.get(o.contains("=") ? o.substring(0, o.indexOf('=')) : o);
      if (r != null) {
        stresses.add(r);
      }
      if (o.equals("--all") || o.equals("-a") || o.startsWith("--all=") || o.equals("--sequential") || o.startsWith("--sequential=")) {
        stresses.addAll(EnumSet.allOf(Resource.class));
      }
    }
    if (!options.isEmpty() && stresses.isEmpty()) {
      // stress-ng or stress with options but no stressor prints its usage or a probe answer and exits.
      return Optional.empty();
    }
    String how = c.getCommand() == null || c.getCommand().isEmpty()
        ? (stressImage ? "image " + c.getImage() + " runs" : "runs")
        : "entrypoint runs";
    String evidence = "container " + c.getName() + " " + how + " `" + String.join(" ", p) + "`"
        + (stresses.isEmpty() ? " (stressors not visible in its command line)" : " (stresses " + ids(stresses) + ")");
    return Optional.of(new Stress(c.getName(), List.copyOf(p), Set.copyOf(stresses), evidence));
  }

  /**
   * command + args when the pod overrides the entrypoint; otherwise the load generator image's own entrypoint (the
   * binary the image is named after) with args, or the args alone for any other image.
   */
  static List<String> entrypoint(Container c, boolean stressImage) {
    List<String> command = nullSafe(c.getCommand());
    List<String> args = nullSafe(c.getArgs());
    if (!command.isEmpty()) {
      return Stream.concat(command.stream(), args.stream()).toList();
    }
    if (stressImage) {
      return Stream.concat(Stream.of(imageRepositoryName(c.getImage())), args.stream()).toList();
    }
    return args;
  }

  /** Follows shells ({@code sh -c}) and launchers ({@code nohup}, {@code tini --}) to the process that keeps running. */
  static Optional<List<String>> runningProcess(List<String> argv, Map<String, String> env, int nesting) {
    if (argv.isEmpty() || nesting > 3) {
      return Optional.empty();
    }
    String bin = basename(argv.getFirst());
    if (SHELLS.contains(bin)) {
      int script = scriptIndex(argv);
      if (script < 0) {
        return Optional.empty();
      }
      return ShellScript.finalProcess(argv.get(script), env).flatMap(p -> runningProcess(p, env, nesting + 1));
    }
    if (WRAPPERS.contains(bin)) {
      int i = 1;
      while (i < argv.size() && (argv.get(i).startsWith("-") || argv.get(i).contains("=")
          || (bin.equals("timeout") && i == firstOperand(argv)) || (bin.equals("nice") && argv.get(i - 1).equals("-n")))) {
        i++;
      }
      return runningProcess(argv.subList(Math.min(i, argv.size()), argv.size()), env, nesting + 1);
    }
    return Optional.of(argv);
  }

  /** The script of {@code sh [-e...] -c SCRIPT}: the word after the option cluster that contains c. */
  private static int scriptIndex(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("-")) {
        return -1;
      }
      if (a.startsWith("-") && !a.startsWith("--") && a.contains("c")) {
        return i + 1 < argv.size() ? i + 1 : -1;
      }
    }
    return -1;
  }

  private static int firstOperand(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      if (!argv.get(i).startsWith("-")) {
        return i;
      }
    }
    return -1;
  }

  /** The container's literal env values (valueFrom is unknown here and stays unset). */
  private static Map<String, String> env(Container c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EnvVar e : nullSafe(c.getEnv())) {
      if (e.getValue() != null) {
        out.put(e.getName(), e.getValue());
      }
    }
    return out;
  }

  /** Whether the pod runs and the named container is in state running: a load generator that is not running consumes nothing. */
  public static boolean running(Pod pod, String container) {
    if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
      return false;
    }
    return nullSafe(pod.getStatus().getContainerStatuses()).stream()
        .anyMatch(s -> container.equals(s.getName()) && s.getState() != null && s.getState().getRunning() != null);
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

  static String ids(Set<Resource> resources) {
    return String.join("+", resources.stream().sorted().map(Resource::id).toList());
  }

  private static Map<String, Resource> stressors() {
    Map<String, Resource> m = new LinkedHashMap<>();
    for (String o : List.of("--cpu", "-c", "--cpu-load", "--matrix", "--crypt", "--hash", "--fft", "--qsort", "--zlib", "--bsearch")) {
      m.put(o, Resource.CPU);
    }
    for (String o : List.of("--vm", "-m", "--malloc", "--bigheap", "--brk", "--stack", "--memrate", "--mmap", "--vm-bytes")) {
      m.put(o, Resource.MEMORY);
    }
    for (String o : List.of("--io", "-i", "--hdd", "-d", "--iomix")) {
      m.put(o, Resource.IO);
    }
    return Map.copyOf(m);
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
