package com.incident.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code incident-local}: run the suite's functions on this machine. */
public final class Main {
  static final String USAGE = """
      usage: java -jar local/target/incident-local.jar <command> ...

        demo [scenario] [--json] [--scenario-file PATH] [--model offline|bedrock|scripted] [--opensearch] [--region R]
             [--remediation-mode auto|dry-run|off] [--metrics memory|moto] [--verbose]
            Runs the whole suite offline on a scenario (default cpu-spike; bundled: cpu-spike, pod-restarts,
            node-cpu-high, replicas-zero, oom-crashloop, error-burst, flapping, bedrock-down, stress-decoys,
            intentional-zero, orphaned-job-pod, statefulset-no-endpoints, wrong-fix), prints the
            resulting GitHub issue timeline as markdown (or one JSON object with --json) and writes
            target/demo/<scenario>.html. --model bedrock calls Amazon Bedrock with the default AWS credentials;
            --opensearch serves the logs from an embedded OpenSearch node (adds ~15-30 s of start-up);
            --metrics moto puts the series into moto's CloudWatch (moto_server on PATH) and runs the Container
            Insights tool's production GetMetricData path (default memory: the fast in-memory source).

        invoke <LogicalId> <event.json> [--env-vars env.json] [--template template.yaml] [--region REGION]
            Runs that function's handler in-process, as `sam local invoke` does; prints the response JSON
            and exits 0, or prints {"errorType","errorMessage"} and exits 1 when the handler throws.

        invoke <LogicalId> <event.json> --sandbox [--scenario NAME | --scenario-file PATH] [--model ...]
            Runs that function on your event against a fresh sandbox (the demo's backends: local Cognito,
            DynamoDB Local, fake GitHub, sandbox cluster, scenario metrics/logs) instead of AWS; Function URL
            events get a sandbox token; the agent sessions it starts are waited for.

        serve [scenario] [--model ...] [--agent-port 8081] [--gateway-port 8082] [--cognito-port 8090] [--idle]
            Starts the sandbox, prints the gateway and agent URLs, the token endpoint with client id/secret, a
            fresh access token and the cluster's Kubernetes API URL, plays the scenario (unless --idle) and
            keeps running for MCP clients, curl and kubectl until Ctrl-C.

        scenario lint FILE...
            Validates scenario files against scenarios/schema.json and the format's rules, lists every problem at
            once, and notes what the analyzer will have nothing to read from. Exits 1 when a file has problems.

        bench [--runs 5] [--root DIR] [--out docs/benchmarks.md]
            Measures cold starts (fresh JVMs on each function's Lambda jar), per-scenario figures and the
            parallel evidence fan-out, and writes docs/benchmarks.md. Build the function modules first.

      """ + com.incident.local.eval.EvalCommand.USAGE;

  private final PrintStream out;
  private final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = new Main(System.out, System.err).run(args);
    System.out.flush();
    System.exit(code);
  }

  int run(String[] args) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      return switch (args[0]) {
        case "invoke" -> invoke(List.of(args).subList(1, args.length));
        case "demo" -> demo(List.of(args).subList(1, args.length));
        case "serve" -> serve(List.of(args).subList(1, args.length));
        case "bench" -> bench(List.of(args).subList(1, args.length));
        case "eval" -> new com.incident.local.eval.EvalCommand(out, err).run(List.of(args).subList(1, args.length));
        case "scenario" -> args.length > 1 && args[1].equals("lint")
            ? new com.incident.local.scenario.LintCommand(out, err).run(List.of(args).subList(2, args.length))
            : usage("scenario needs a subcommand: lint FILE...");
        default -> usage("unknown command '" + args[0] + "'");
      };
    } catch (IOException e) {
      err.println("incident-local: " + e.getMessage());
      return 2;
    }
  }

  /** Flags that take no value. */
  static final java.util.Set<String> SWITCHES = java.util.Set.of("--json", "--sandbox", "--opensearch", "--verbose", "--idle");

  private int demo(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    String problem = parse(args, options, positional);
    if (problem != null) {
      return usage(problem);
    }
    PrintStream stdout = System.out;
    // Stray stdout writes (EMF metric lines) go to stderr: stdout carries only the timeline or the JSON.
    System.setOut(err);
    try {
      quietLogs(options.containsKey("--verbose"));
      return new com.incident.local.demo.DemoCommand(out, err).run(positional, options, options.containsKey("--json"));
    } finally {
      System.setOut(stdout);
    }
  }

  private int serve(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    String problem = parse(args, options, positional);
    if (problem != null) {
      return usage(problem);
    }
    quietLogs(options.containsKey("--verbose"));
    try {
      return new SandboxCommands(out, err).serve(positional, options);
    } catch (com.incident.local.scenario.ScenarioException e) {
      err.println("incident-local: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private int bench(List<String> args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    String problem = parse(args, options, positional);
    if (problem != null) {
      return usage(problem);
    }
    Path root = options.containsKey("--root") ? Path.of(options.get("--root")) : findTemplate().getParent();
    Path output = Path.of(options.getOrDefault("--out", root.resolve("docs").resolve("benchmarks.md").toString()));
    PrintStream stdout = System.out;
    System.setOut(err);
    try {
      quietLogs(options.containsKey("--verbose"));
      Path written = new com.incident.local.bench.Bench(root, err, Integer.parseInt(options.getOrDefault("--runs", "5")))
          .run(output);
      out.println("wrote " + written.toAbsolutePath());
      return 0;
    } catch (Exception e) {
      err.println("incident-local: bench failed: " + e);
      return 1;
    } finally {
      System.setOut(stdout);
    }
  }

  private static void quietLogs(boolean verbose) {
    org.apache.logging.log4j.core.config.Configurator.setRootLevel(
        verbose ? org.apache.logging.log4j.Level.INFO : org.apache.logging.log4j.Level.ERROR);
  }

  static String parse(List<String> args, Map<String, String> options, List<String> positional) {
    for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
      String a = it.next();
      if (SWITCHES.contains(a)) {
        options.put(a, "true");
      } else if (a.startsWith("--")) {
        if (!it.hasNext()) {
          return "option " + a + " needs a value";
        }
        options.put(a, it.next());
      } else {
        positional.add(a);
      }
    }
    return null;
  }

  private int invoke(List<String> args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    String problem = parse(args, options, positional);
    if (problem != null) {
      return usage(problem);
    }
    if (positional.size() != 2) {
      return usage("invoke needs <LogicalId> <event.json>");
    }
    if (options.containsKey("--sandbox")) {
      PrintStream stdout = System.out;
      System.setOut(err);
      try {
        quietLogs(options.containsKey("--verbose"));
        return new SandboxCommands(out, err).invoke(positional.get(0), Path.of(positional.get(1)), options);
      } catch (com.incident.local.scenario.ScenarioException e) {
        err.println("incident-local: " + e.getMessage());
        return 2;
      } finally {
        System.setOut(stdout);
      }
    }
    String region = options.getOrDefault("--region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
    Path templatePath = options.containsKey("--template") ? Path.of(options.get("--template")) : findTemplate();
    SamTemplate template = SamTemplate.load(templatePath, region);
    String logicalId = positional.get(0);
    SamTemplate.FunctionSpec spec = template.function(logicalId).orElse(null);
    if (spec == null) {
      return usage("no function '" + logicalId + "' in " + templatePath + "; functions: " + String.join(", ", template.functions().keySet()));
    }
    byte[] event = Files.readAllBytes(Path.of(positional.get(1)));
    Map<String, String> env = environment(spec, options.get("--env-vars"), region);
    LocalInvoker.Result result = new LocalInvoker(err).invoke(spec, env, event);
    out.write(result.response());
    out.println();
    return result.failed() ? 1 : 0;
  }

  /** Template variables, then the sam-format env-vars file ("Parameters" for all, then the function's own). */
  private Map<String, String> environment(SamTemplate.FunctionSpec spec, String envVarsFile, String region) throws IOException {
    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    List<String> declared = new ArrayList<>(spec.environment().keySet());
    declared.addAll(spec.unresolved());
    if (envVarsFile != null) {
      JsonNode file = Json.tree(Files.readString(Path.of(envVarsFile), StandardCharsets.UTF_8));
      for (String section : List.of("Parameters", spec.logicalId())) {
        file.path(section).fields().forEachRemaining(e -> {
          if (declared.contains(e.getKey())) {
            env.put(e.getKey(), e.getValue().asText());
          } else {
            err.println("incident-local: ignoring " + e.getKey() + " from " + envVarsFile + ": not declared for " + spec.logicalId() + " in the template");
          }
        });
      }
    }
    for (String name : spec.unresolved()) {
      if (!env.containsKey(name)) {
        err.println("incident-local: " + name + " refers to a deployed resource and is not set; pass it with --env-vars");
      }
    }
    env.put("AWS_REGION", region);
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memoryMb()));
    if (System.getProperty("aws.region") == null) {
      System.setProperty("aws.region", region);
    }
    return env;
  }

  private static Path findTemplate() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IOException("template.yaml not found in this directory or its parents; pass --template");
  }

  private int usage(String problem) {
    err.println("incident-local: " + problem);
    err.print(USAGE);
    return 2;
  }
}
