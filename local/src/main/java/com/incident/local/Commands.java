package com.incident.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.local.demo.DemoCommand;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.LintCommand;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** incident-local's subcommands (registered in {@link Main#commandLine}): options, validation, then the work. */
final class Commands {
  private Commands() {}

  /** What a failed command prints after "incident-local: ": the exception's own sentence, never a stack. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** --verbose: the functions' INFO logs on stderr; by default only errors. */
  static final class Diagnostics {
    @Option(names = "--verbose", description = "Log the functions' INFO lines to stderr.")
    boolean verbose;

    void apply() {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(
          verbose ? org.apache.logging.log4j.Level.INFO : org.apache.logging.log4j.Level.ERROR);
    }
  }

  /** How the sandbox's functions reach a model and the logs. */
  static final class SandboxFlags {
    @Option(names = "--model", paramLabel = "offline|bedrock|scripted", converter = ModelConverter.class,
        description = "offline (default): the built-in analysis, no model; scripted: a local Converse endpoint that "
            + "plays a scripted tool loop; bedrock: Amazon Bedrock with the default AWS credentials.")
    Sandbox.ModelMode model = Sandbox.ModelMode.OFFLINE;

    @Option(names = "--region", paramLabel = "REGION", description = "Bedrock's region with --model bedrock.")
    String region;

    @Option(names = "--opensearch",
        description = "Serve the logs from an embedded OpenSearch node (adds ~15-30 s of start-up).")
    boolean opensearch;
  }

  /** Runs {@code work} with stray stdout writes (EMF lines, DynamoDB Local's banner) sent to stderr. */
  private static <T> T stdoutToStderr(PrintStream err, Callable<T> work) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(err);
    try {
      return work.call();
    } finally {
      System.setOut(stdout);
    }
  }

  static Scenario scenario(String name, Path file) {
    return file != null ? ScenarioLoader.file(file) : ScenarioLoader.bundled(name == null ? "cpu-spike" : name);
  }

  @Command(name = "demo", sortOptions = false,
      description = {"Runs the whole suite offline on a scenario, prints the resulting GitHub issue timeline as "
          + "markdown (or one JSON object with --json) and writes target/demo/<scenario>.html.",
          "Bundled scenarios: ${COMPLETION-CANDIDATES}."})
  static final class Demo implements Callable<Integer> {
    private final Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", completionCandidates = Bundled.class,
        description = "A bundled scenario (default cpu-spike).")
    String name;

    @Option(names = "--scenario-file", paramLabel = "PATH", description = "A scenario file of your own instead.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of the markdown timeline.")
    boolean json;

    @Mixin
    SandboxFlags sandbox;

    @Option(names = {"--remediation-mode", "--remediation"}, paramLabel = "auto|dry-run|approval|off",
        converter = RemediationConverter.class,
        description = "REMEDIATION_MODE of the agent and the chaos tool (default auto).")
    RemediationMode remediationMode = RemediationMode.AUTO;

    @Option(names = "--approve-as", paramLabel = "LOGIN", converter = LoginConverter.class,
        description = "With --remediation approval: once a plan waits, LOGIN comments /approve on the issue (a signed "
            + "webhook delivery; LOGIN gets write access on the fake repository).")
    String approveAs;

    @Option(names = "--metrics", paramLabel = "memory|moto", converter = MetricsConverter.class,
        description = "memory (default): the in-memory series; moto: moto's CloudWatch through the Container "
            + "Insights tool's GetMetricData path (moto_server on PATH).")
    Sandbox.MetricsBackend metrics = Sandbox.MetricsBackend.MEMORY;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the HTML page goes (default target/demo).")
    Path out = Path.of("target", "demo");

    @Mixin
    Diagnostics diagnostics;

    Demo(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Scenario scenario = scenario(name, file);
      return stdoutToStderr(main.err, () -> {
        diagnostics.apply();
        return new DemoCommand(main.out, main.err).run(scenario, new Sandbox.Options(sandbox.model, 0, 0, 0,
            sandbox.region, sandbox.opensearch, remediationMode, metrics), approveAs, out, json);
      });
    }
  }

  @Command(name = "serve", sortOptions = false,
      description = {"Starts the sandbox (local Cognito, DynamoDB Local, fake GitHub, a Kubernetes API seeded with the "
          + "scenario's cluster, the gateway and agent on local Function URLs), prints how to connect, plays the "
          + "scenario (unless --idle) and keeps running for MCP clients, curl and kubectl until Ctrl-C."})
  static final class Serve implements Callable<Integer> {
    private final Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", completionCandidates = Bundled.class,
        description = "A bundled scenario (default cpu-spike): ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--scenario-file", paramLabel = "PATH", description = "A scenario file of your own instead.")
    Path file;

    @Mixin
    SandboxFlags sandbox;

    @Option(names = "--agent-port", paramLabel = "PORT", converter = PortConverter.class,
        description = "The agent runtime's Function URL port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int agentPort = 8081;

    @Option(names = "--gateway-port", paramLabel = "PORT", converter = PortConverter.class,
        description = "The MCP gateway's port (default ${DEFAULT-VALUE}).")
    int gatewayPort = 8082;

    @Option(names = "--cognito-port", paramLabel = "PORT", converter = PortConverter.class,
        description = "The token endpoint's port (default ${DEFAULT-VALUE}).")
    int cognitoPort = 8090;

    @Option(names = "--idle", description = "Start and wait; do not play the scenario's alarms.")
    boolean idle;

    @Mixin
    Diagnostics diagnostics;

    Serve(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Scenario scenario = scenario(name, file);
      diagnostics.apply();
      return new SandboxCommands(main.out, main.err).serve(scenario, new Sandbox.Options(sandbox.model, agentPort,
          gatewayPort, cognitoPort, sandbox.region, sandbox.opensearch), !idle);
    }
  }

  @Command(name = "invoke", sortOptions = false,
      description = {"Runs one function's handler in-process, as `sam local invoke` does; prints the response JSON and "
          + "exits 0, or prints {\"errorType\",\"errorMessage\"} and exits 1 when the handler throws.",
          "With --sandbox, runs it against a fresh sandbox (the demo's backends) instead of AWS: Function URL events "
              + "get a sandbox token, sample events' times follow the sandbox clock, the agent sessions it starts are "
              + "waited for, and the GitHub issues it wrote are printed and saved under target/sandbox/."})
  static final class Invoke implements Callable<Integer> {
    private final Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LogicalId", description = "The function's logical id in template.yaml.")
    String logicalId;

    @Parameters(index = "1", paramLabel = "EVENT", description = "The event JSON file (see events/).")
    Path event;

    @Option(names = "--env-vars", paramLabel = "PATH", description = "sam-format environment file.")
    Path envVars;

    @Option(names = "--template", paramLabel = "PATH", description = "The SAM template (default: template.yaml here or above).")
    Path template;

    @Option(names = "--sandbox", description = "Run against a fresh local sandbox instead of AWS.")
    boolean sandboxed;

    @Option(names = "--scenario", paramLabel = "NAME", completionCandidates = Bundled.class,
        description = "With --sandbox: the bundled scenario (default cpu-spike).")
    String scenarioName;

    @Option(names = "--scenario-file", paramLabel = "PATH", description = "With --sandbox: a scenario file instead.")
    Path scenarioFile;

    @Option(names = "--keep-times", description = "With --sandbox: leave the event's times as they are. By default they "
        + "move by the offset that puts the sample incident's alarm (2026-11-21T03:15:12Z, see events/README.md) on "
        + "the sandbox's minute 0, so the samples read the data the sandbox has.")
    boolean keepTimes;

    @Mixin
    SandboxFlags sandbox;

    @Mixin
    Diagnostics diagnostics;

    Invoke(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      if (!sandboxed && (scenarioName != null || scenarioFile != null || sandbox.opensearch || keepTimes
          || sandbox.model != Sandbox.ModelMode.OFFLINE)) {
        throw new ParameterException(spec.commandLine(),
            "--scenario, --scenario-file, --model, --opensearch and --keep-times need --sandbox");
      }
      if (sandboxed) {
        Scenario scenario = scenario(scenarioName, scenarioFile);
        return stdoutToStderr(main.err, () -> {
          diagnostics.apply();
          return new SandboxCommands(main.out, main.err).invoke(logicalId, event, scenario,
              new Sandbox.Options(sandbox.model, 0, 0, 0, sandbox.region, sandbox.opensearch), keepTimes);
        });
      }
      String region = sandbox.region != null ? sandbox.region
          : System.getenv().getOrDefault("AWS_REGION", "us-east-1");
      Path templatePath = template != null ? template : findTemplate();
      SamTemplate samTemplate = SamTemplate.load(templatePath, region);
      SamTemplate.FunctionSpec function = samTemplate.function(logicalId).orElse(null);
      if (function == null) {
        throw new ParameterException(spec.commandLine(), "no function '" + logicalId + "' in " + templatePath
            + "; functions: " + String.join(", ", samTemplate.functions().keySet()));
      }
      byte[] bytes = Files.readAllBytes(event);
      LocalInvoker.Result result = new LocalInvoker(main.err).invoke(function, environment(function, region), bytes);
      main.out.write(result.response());
      main.out.println();
      return result.failed() ? 1 : 0;
    }

    /** Template variables, then the sam-format env-vars file ("Parameters" for all, then the function's own). */
    private Map<String, String> environment(SamTemplate.FunctionSpec function, String region) throws IOException {
      Map<String, String> env = new LinkedHashMap<>(function.environment());
      List<String> declared = new ArrayList<>(function.environment().keySet());
      declared.addAll(function.unresolved());
      if (envVars != null) {
        JsonNode tree = Json.tree(Files.readString(envVars, StandardCharsets.UTF_8));
        for (String section : List.of("Parameters", function.logicalId())) {
          tree.path(section).fields().forEachRemaining(e -> {
            if (declared.contains(e.getKey())) {
              env.put(e.getKey(), e.getValue().asText());
            } else {
              main.err.println("incident-local: ignoring " + e.getKey() + " from " + envVars + ": not declared for "
                  + function.logicalId() + " in the template");
            }
          });
        }
      }
      for (String name : function.unresolved()) {
        if (!env.containsKey(name)) {
          main.err.println("incident-local: " + name + " refers to a deployed resource and is not set; pass it with --env-vars");
        }
      }
      env.put("AWS_REGION", region);
      env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
      if (System.getProperty("aws.region") == null) {
        System.setProperty("aws.region", region);
      }
      return env;
    }
  }

  @Command(name = "bench", sortOptions = false,
      description = {"Measures cold starts (fresh JVMs on each function's Lambda jar), per-scenario figures and the "
          + "parallel evidence fan-out, and writes docs/benchmarks.md. Build the function modules first."})
  static final class Bench implements Callable<Integer> {
    private final Main main;

    @Option(names = "--runs", paramLabel = "N", converter = PositiveConverter.class,
        description = "Cold starts per function (default ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--root", paramLabel = "DIR", description = "The repository (default: where template.yaml is).")
    Path root;

    @Option(names = "--out", paramLabel = "PATH", description = "The report (default DIR/docs/benchmarks.md).")
    Path out;

    @Mixin
    Diagnostics diagnostics;

    Bench(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Path repo = root != null ? root : findTemplate().getParent();
      Path report = out != null ? out : repo.resolve("docs").resolve("benchmarks.md");
      Path written = stdoutToStderr(main.err, () -> {
        diagnostics.apply();
        return new com.incident.local.bench.Bench(repo, main.err, runs).run(report);
      });
      main.out.println("wrote " + written.toAbsolutePath());
      return 0;
    }
  }

  @Command(name = "eval", sortOptions = false,
      description = {"Generates incidents the project has never seen (random names, namespaces, images, alarm shapes "
          + "and decoys), runs each through the sandbox like demo and writes docs/evaluation.md: top-1/top-3 accuracy "
          + "per category, remediation exactness, false remediations, abstentions, model turns, tokens and cost. "
          + "Exits 1 when a threshold is missed."})
  static final class Eval implements Callable<Integer> {
    private final Main main;

    @Option(names = "--model", paramLabel = "offline|scripted|bedrock", converter = ModelConverter.class,
        description = "offline (default): the rule-based analysis; scripted: the local Converse endpoint (tests the "
            + "plumbing, not accuracy); bedrock: Amazon Bedrock with the default AWS credentials.")
    Sandbox.ModelMode model = Sandbox.ModelMode.OFFLINE;

    @Option(names = "--seed", paramLabel = "N", description = "The generator's seed (default ${DEFAULT-VALUE}, the shipped eval).")
    long seed = com.incident.local.eval.ScenarioGenerator.SHIPPED_SEED;

    @Option(names = "--out", paramLabel = "PATH", description = "The report (default docs/evaluation.md).")
    Path out;

    @Mixin
    Diagnostics diagnostics;

    Eval(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return new com.incident.local.eval.EvalCommand(main.out, main.err).run(model, seed, out, diagnostics.verbose);
    }
  }

  @Command(name = "examples", sortOptions = false,
      description = {"Runs every shipped scenario offline (rule-based analysis) and writes its full rendered issue to "
          + "docs/examples/, with an index, so a team can read the output before deploying. The scenario suite fails "
          + "when a file there is out of date."})
  static final class Examples implements Callable<Integer> {
    private final Main main;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: docs/examples of the repository).")
    Path out;

    @Mixin
    Diagnostics diagnostics;

    Examples(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : findTemplate().toAbsolutePath().getParent().resolve("docs").resolve("examples");
      List<Path> written = stdoutToStderr(main.err, () -> {
        diagnostics.apply();
        return com.incident.local.demo.Examples.writeAll(dir, main.err);
      });
      main.out.println("wrote " + written.size() + " files to " + dir.toAbsolutePath());
      return 0;
    }
  }

  @Command(name = "scenario", synopsisSubcommandLabel = "COMMAND", description = "Works on scenario files.")
  static final class ScenarioGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "scenario needs a subcommand: lint FILE...");
    }
  }

  @Command(name = "lint",
      description = {"Validates scenario files against scenarios/schema.json and the format's rules, lists every "
          + "problem at once, and notes what the analyzer will have nothing to read from. Exits 1 when a file has "
          + "problems."})
  static final class Lint implements Callable<Integer> {
    private final Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files.")
    List<Path> files;

    Lint(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return new LintCommand(main.out, main.err).run(files.stream().map(Path::toString).toList());
    }
  }

  static Path findTemplate() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IOException("template.yaml not found in this directory or its parents; pass --template");
  }

  /** The bundled scenario names, for help and suggestions. */
  static final class Bundled extends ArrayList<String> {
    Bundled() {
      super(ScenarioLoader.BUNDLED);
    }
  }

  static final class ModelConverter implements ITypeConverter<Sandbox.ModelMode> {
    @Override
    public Sandbox.ModelMode convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "offline" -> Sandbox.ModelMode.OFFLINE;
        case "bedrock" -> Sandbox.ModelMode.BEDROCK;
        case "scripted" -> Sandbox.ModelMode.SCRIPTED;
        default -> throw new TypeConversionException("must be offline, bedrock or scripted, not '" + value + "'");
      };
    }
  }

  static final class MetricsConverter implements ITypeConverter<Sandbox.MetricsBackend> {
    @Override
    public Sandbox.MetricsBackend convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "memory" -> Sandbox.MetricsBackend.MEMORY;
        case "moto" -> Sandbox.MetricsBackend.MOTO;
        default -> throw new TypeConversionException("must be memory or moto, not '" + value + "'");
      };
    }
  }

  static final class RemediationConverter implements ITypeConverter<RemediationMode> {
    @Override
    public RemediationMode convert(String value) {
      try {
        return RemediationMode.parse(value);
      } catch (IllegalStateException e) {
        throw new TypeConversionException("must be auto, dry-run, approval or off, not '" + value + "'");
      }
    }
  }

  /** A GitHub login: what the webhook forwards as a comment's author. */
  static final class LoginConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
        throw new TypeConversionException("must be a GitHub login (letters, digits, '-'), not '" + value + "'");
      }
      return value;
    }
  }

  /** A TCP port: 0 (any free one) to 65535. */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // falls through to the same message
      }
      throw new TypeConversionException("must be a port number from 0 to 65535, not '" + value + "'");
    }
  }

  static final class PositiveConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the same message
      }
      throw new TypeConversionException("must be a whole number above 0, not '" + value + "'");
    }
  }
}
