package com.incident.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.common.lambda.FunctionUrl;
import com.incident.local.SamTemplate;
import com.incident.local.demo.Demo;
import com.incident.local.demo.DemoResult;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.sandbox.ToolRecorder;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import com.incident.webhook.core.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * {@code incident-local bench}: measures cold starts (fresh JVMs on each function's Lambda jar, against the
 * sandbox's backends, with a trivial handler as the floor), per-scenario figures, and the parallel evidence
 * fan-out, and writes docs/benchmarks.md.
 */
public final class Bench {
  /** The sample event each function is cold-started on (tools: the cheap tools/list contract call). */
  static final Map<String, String> EVENTS = Map.of(
      "AlarmTriggerFunction", "sns-alarm-pod-cpu.json",
      "GitHubWebhookFunction", "github-issue-comment.json",
      "AgentRuntimeFunction", "agent-runtime-request.json",
      "McpGatewayFunction", "mcp-initialize.json");
  /** What a child JVM runs next to a function jar; LocalContext is testkit's, so no function jar carries it. */
  static final List<String> PROBE_CLASSES = List.of("com/incident/local/bench/ColdStartProbe",
      "com/incident/local/bench/TrivialHandler", "com/incident/common/lambda/LocalContext",
      "com/incident/common/lambda/LocalContext$1");
  static final String LAMBDA_JVM_FLAGS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
  private static final Pattern FIGURES = Pattern.compile(
      "jvmToMainMs=(\\d+) initMs=(\\d+) invokeMs=(\\d+) totalMs=(\\d+) primeMs=(\\d+) outcome=(\\S+)");

  private final Path root;
  private final PrintStream err;
  private final int runs;

  public Bench(Path root, PrintStream err, int runs) {
    this.root = root;
    this.err = err;
    this.runs = runs;
  }

  /** Medians of one function's fresh-JVM runs, unprimed (as without SnapStart) and primed (as after a restore). */
  record ColdStart(String function, long jarBytes, Runs unprimed, Runs primed, ClassLoadAttribution attribution,
      ClassLoadAttribution restoredAttribution) {}

  /** Medians of {@code runs} fresh JVMs in one mode; {@code prime} is the priming time between init and invoke. */
  record Runs(long total, long jvm, long init, long prime, long invoke, String outcome) {
    /**
     * A SnapStart cold path on this machine: a JVM reaching main (what a restore replaces start-up and init with;
     * the restore itself is not measurable off Lambda) plus the first request of a primed function.
     */
    long restoredPath() {
      return jvm + invoke;
    }
  }

  public Path run(Path output) throws Exception {
    SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), "us-east-1");
    List<ColdStart> cold = new ArrayList<>();
    Path work = Files.createTempDirectory("incident-bench");
    Path probe = extractProbe(work);
    try (Sandbox sandbox = Sandbox.start(ScenarioLoader.bundled("cpu-spike"), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE), err)) {
      Path floorJar = null;
      for (String id : template.functions().keySet()) {
        SamTemplate.FunctionSpec spec = template.function(id).orElseThrow();
        Path jar = lambdaJar(spec.handlerClass());
        if (jar == null) {
          err.println("incident-local bench: no Lambda jar holds " + spec.handlerClass() + "; build the modules first (mvn package)");
          continue;
        }
        floorJar = floorJar == null ? jar : floorJar;
        err.println("incident-local bench: cold start " + id + " (" + runs + " fresh JVMs unprimed, " + runs + " primed)");
        cold.add(coldStart(id, spec, jar, probe, work, sandbox));
      }
      if (floorJar != null) {
        cold.add(coldStart("(trivial Java handler)", new SamTemplate.FunctionSpec("Trivial",
            TrivialHandler.class.getName(), "handleRequest", 30, 1024, Map.of(), List.of()), floorJar, probe, work, sandbox));
      }
    }
    List<DemoResult> scenarios = new ArrayList<>();
    for (String name : ScenarioLoader.BUNDLED) {
      err.println("incident-local bench: scenario " + name + " (scripted model)");
      scenarios.add(Demo.run(ScenarioLoader.bundled(name), Sandbox.Options.defaults(Sandbox.ModelMode.SCRIPTED), err));
    }
    err.println("incident-local bench: parallel evidence collection (1000 ms injected per tool call)");
    FanOut fanOut = fanOut(Duration.ofMillis(1000));
    String markdown = BenchReport.markdown(cold, scenarios, fanOut, runs);
    // RedactorBench writes its own sections; keep them
    String redaction = Files.exists(output) ? RedactorBench.existingSections(Files.readString(output, StandardCharsets.UTF_8)) : "";
    Files.createDirectories(output.getParent());
    Files.writeString(output, redaction.isEmpty() ? markdown : markdown.stripTrailing() + "\n\n" + redaction,
        StandardCharsets.UTF_8);
    return output;
  }

  private ColdStart coldStart(String id, SamTemplate.FunctionSpec spec, Path jar, Path probe, Path work, Sandbox sandbox)
      throws Exception {
    Runs unprimed = runs(id, spec, jar, probe, work, sandbox, false);
    Runs primed = runs(id, spec, jar, probe, work, sandbox, true);
    // One more run of each with the class-load log, to say which libraries the cold path spends its time on and
    // what a restored snapshot's first request still loads.
    return new ColdStart(id, Files.size(jar), unprimed, primed, attribute(id, spec, jar, probe, work, sandbox, false),
        attribute(id, spec, jar, probe, work, sandbox, true));
  }

  private ClassLoadAttribution attribute(String id, SamTemplate.FunctionSpec spec, Path jar, Path probe, Path work,
      Sandbox sandbox, boolean primed) throws Exception {
    Path log = work.resolve(id.replaceAll("\\W", "") + (primed ? "-primed" : "") + "-class-load.log");
    Matcher figures = probeRun(id, spec, jar, probe, work, sandbox, primed,
        List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos"));
    if (figures == null || !Files.exists(log)) {
      return null;
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    long total = Long.parseLong(figures.group(4));
    return primed
        ? ClassLoadAttribution.of(lines, total - Long.parseLong(figures.group(3)), total, ClassLoadAttribution.BEFORE_REQUEST)
        : ClassLoadAttribution.of(lines, Long.parseLong(figures.group(1)), total);
  }

  private Runs runs(String id, SamTemplate.FunctionSpec spec, Path jar, Path probe, Path work, Sandbox sandbox,
      boolean primed) throws Exception {
    List<long[]> figures = new ArrayList<>();
    String outcome = "no figures";
    for (int i = 0; i < runs; i++) {
      Matcher m = probeRun(id, spec, jar, probe, work, sandbox, primed, List.of());
      if (m != null) {
        figures.add(new long[] {Long.parseLong(m.group(4)), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
            Long.parseLong(m.group(5)), Long.parseLong(m.group(3))});
        outcome = m.group(6).replace('_', ' ');
      }
    }
    return new Runs(median(figures, 0), median(figures, 1), median(figures, 2), median(figures, 3),
        median(figures, 4), outcome);
  }

  /** One fresh JVM running the probe on the function; its figures, or null when it printed none. */
  private Matcher probeRun(String id, SamTemplate.FunctionSpec spec, Path jar, Path probe, Path work, Sandbox sandbox,
      boolean primed, List<String> extraJvmFlags) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    env.putAll(localEnv(id));
    env.putAll(sandbox.environments().getOrDefault(id, Map.of()));
    // No Lambda service here: the agent launches its session on a local virtual thread instead of self-invoking.
    env.remove("AGENT_FUNCTION_NAME");
    if (env.containsKey("INCIDENT_TABLE")) {
      env.put("INCIDENT_TABLE", sandbox.newTable());
    }
    env.put("AWS_REGION", "us-east-1");
    Path event = event(id, sandbox, work);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(LAMBDA_JVM_FLAGS.split(" ")));
    cmd.addAll(extraJvmFlags);
    sandbox.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-cp", probe + java.io.File.pathSeparator + jar, ColdStartProbe.class.getName(),
        spec.handlerClass(), event.toString()));
    if (primed) {
      cmd.add("primed");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    // The function's variables in the process environment, where Lambda puts them and its constructor reads them.
    pb.environment().putAll(env);
    Process p = pb.start();
    String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    Matcher m = FIGURES.matcher(line);
    if (m.find()) {
      return m;
    }
    err.println("incident-local bench: " + id + " printed no figures (exit " + p.exitValue() + ")");
    return null;
  }

  /** local/env.json (sam's --env-vars format): values for variables that name deployed resources. */
  private Map<String, String> localEnv(String id) throws IOException {
    Path file = root.resolve("local").resolve("env.json");
    Map<String, String> out = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      JsonNode tree = Json.tree(Files.readString(file, StandardCharsets.UTF_8));
      for (String section : List.of("Parameters", id)) {
        tree.path(section).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      }
    }
    return out;
  }

  /** The sample event, with a fresh SNS message id and the sandbox's token where the function verifies one. */
  private Path event(String id, Sandbox sandbox, Path work) throws IOException {
    Path sample = root.resolve("events").resolve(EVENTS.getOrDefault(id, "tool-list.json"));
    JsonNode tree = Json.tree(Files.readString(sample, StandardCharsets.UTF_8));
    if (tree.has("Records")) {
      ((ObjectNode) tree.get("Records").get(0).get("Sns")).put("MessageId", UUID.randomUUID().toString());
    }
    if (tree.has("headers") && id.equals("GitHubWebhookFunction")) {
      // A new delivery (the webhook answers a repeated one from its dedup record), signed with the sandbox's secret.
      ObjectNode headers = (ObjectNode) tree.get("headers");
      headers.put("x-github-delivery", UUID.randomUUID().toString());
      headers.put(Signature.HEADER.toLowerCase(java.util.Locale.ROOT),
          Signature.header(sandbox.webhookSecret(), FunctionUrl.Request.from(tree).bodyBytes()));
    } else if (tree.has("headers")) {
      ((ObjectNode) tree.get("headers")).put("authorization", "Bearer " + sandbox.cognito().accessToken());
    }
    if (tree.has("body") && id.equals("AgentRuntimeFunction")) {
      ObjectNode body = (ObjectNode) Json.tree(tree.get("body").asText());
      body.put("sessionId", "bench-" + UUID.randomUUID());
      ((ObjectNode) tree).put("body", Json.write(body));
    }
    Path out = work.resolve(id + "-" + UUID.randomUUID() + ".json");
    Files.writeString(out, Json.write(tree), StandardCharsets.UTF_8);
    return out;
  }

  record FanOut(int calls, long sumMs, long wallMs, long slowestMs, List<String> tools) {}

  /** cpu-spike with latency injected into every tool call: the evidence batch's wall time vs its slowest call. */
  static FanOut fanOut(Duration latency) {
    Scenario scenario = ScenarioLoader.bundled("cpu-spike");
    List<ToolRecorder.Call> calls;
    try (Sandbox sandbox = Sandbox.start(scenario, Sandbox.Options.defaults(Sandbox.ModelMode.SCRIPTED), System.err)) {
      sandbox.tools().injectLatency(latency);
      sandbox.deliver(scenario.notifications().getFirst(), Duration.ofSeconds(300));
      calls = sandbox.tools().calls();
    }
    // The planned evidence calls are launched together; anything started half a latency later belongs to a later step.
    List<ToolRecorder.Call> candidates = calls.stream()
        .filter(c -> !c.tool().equals("github-create-issue") && !c.tool().equals("github-list-issues"))
        .sorted(java.util.Comparator.comparingLong(ToolRecorder.Call::startedNanos)).toList();
    long first = candidates.isEmpty() ? 0 : candidates.getFirst().startedNanos();
    List<ToolRecorder.Call> batch = candidates.stream()
        .filter(c -> c.startedNanos() - first < latency.toNanos() / 2).toList();
    long start = batch.stream().mapToLong(ToolRecorder.Call::startedNanos).min().orElse(0);
    long end = batch.stream().mapToLong(c -> c.startedNanos() + c.durationNanos()).max().orElse(0);
    long slowest = batch.stream().mapToLong(ToolRecorder.Call::durationNanos).max().orElse(0);
    long sum = batch.stream().mapToLong(ToolRecorder.Call::durationNanos).sum();
    return new FanOut(batch.size(), sum / 1_000_000, (end - start) / 1_000_000, slowest / 1_000_000,
        batch.stream().map(ToolRecorder.Call::tool).toList());
  }

  private Path lambdaJar(String handlerClass) throws IOException {
    String entry = handlerClass.replace('.', '/') + ".class";
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path target = module.resolve("target");
        if (!Files.isDirectory(target)) {
          continue;
        }
        try (Stream<Path> jars = Files.list(target)) {
          for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith("-lambda.jar")
              && !j.getFileName().toString().startsWith("original-")).toList()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
              if (zip.getEntry(entry) != null) {
                return jar;
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** The probe's few class files, copied out of this jar so a child JVM can run them next to a function jar. */
  public static Path extractProbe(Path work) throws IOException {
    Path dir = work.resolve("probe");
    for (String name : PROBE_CLASSES) {
      String resource = name + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = Bench.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException(resource + " is not on the classpath");
        }
        Files.copy(in, target);
      }
    }
    return dir;
  }

  static long median(List<long[]> rows, int column) {
    if (rows.isEmpty()) {
      return -1;
    }
    long[] v = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
    return v[v.length / 2];
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException ignored) {
      // Not Linux: the CPU model stays unknown.
    }
    long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM, %s %s", cpu, Runtime.getRuntime().availableProcessors(),
        mem / (1024.0 * 1024 * 1024), System.getProperty("os.name"), System.getProperty("os.version"));
  }

  static String jdk() {
    return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
  }

  static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
