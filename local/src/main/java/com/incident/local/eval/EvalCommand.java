package com.incident.local.eval;

import com.incident.local.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code incident-local eval [--model offline|scripted|bedrock] [--seed N] [--out FILE] [--verbose]}: generates the
 * incidents for the seed, runs them all through the sandbox and writes the report (default docs/evaluation.md of the
 * repository the command runs in). Exit code 0 when the thresholds are met, 1 when not, 2 on a usage error.
 */
public final class EvalCommand {
  public static final String USAGE = """
        eval [--model offline|scripted|bedrock] [--seed N] [--out FILE] [--verbose]
            Generates the accuracy eval's incidents (seed default %d, the shipped one), runs each through the sandbox
            like demo and writes docs/evaluation.md: top-1/top-3 per category, remediation exactness, false
            remediations, abstentions, model turns, tokens and cost. Exits 1 when a threshold is missed.
      """.formatted(ScenarioGenerator.SHIPPED_SEED);

  private final PrintStream out;
  private final PrintStream err;

  public EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
      String a = it.next();
      if (a.equals("--verbose")) {
        options.put(a, "true");
      } else if (List.of("--model", "--seed", "--out").contains(a) && it.hasNext()) {
        options.put(a, it.next());
      } else {
        return usage("eval: unexpected argument '" + a + "'");
      }
    }
    Sandbox.ModelMode model = switch (options.getOrDefault("--model", "offline")) {
      case "offline" -> Sandbox.ModelMode.OFFLINE;
      case "scripted" -> Sandbox.ModelMode.SCRIPTED;
      case "bedrock" -> Sandbox.ModelMode.BEDROCK;
      default -> null;
    };
    if (model == null) {
      return usage("--model must be offline, scripted or bedrock");
    }
    long seed;
    try {
      seed = Long.parseLong(options.getOrDefault("--seed", String.valueOf(ScenarioGenerator.SHIPPED_SEED)));
    } catch (NumberFormatException e) {
      return usage("--seed must be an integer");
    }
    Path target = options.containsKey("--out") ? Path.of(options.get("--out")) : repositoryRoot().resolve("docs").resolve("evaluation.md");
    StringBuilder command = new StringBuilder("./incident-local eval --model ").append(options.getOrDefault("--model", "offline"))
        .append(" --seed ").append(seed);
    PrintStream stdout = System.out;
    // Stray stdout writes (EMF metric lines, DynamoDB Local's banner) go to stderr: stdout carries the summary.
    System.setOut(err);
    try {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(options.containsKey("--verbose")
          ? org.apache.logging.log4j.Level.INFO : org.apache.logging.log4j.Level.ERROR);
      List<GeneratedIncident> incidents = new ScenarioGenerator(seed).generate();
      err.println("incident-local: eval: " + incidents.size() + " incidents, seed " + seed + ", model " + options.getOrDefault("--model", "offline"));
      EvalResult result = Eval.run(incidents, model, seed, err);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.writeString(target, EvalReport.markdown(result, command.toString()), StandardCharsets.UTF_8);
      out.println(EvalReport.summary(result));
      out.println("wrote " + target.toAbsolutePath());
      return result.thresholdsMet() ? 0 : 1;
    } catch (IOException e) {
      err.println("incident-local: eval: cannot write " + target + ": " + e.getMessage());
      return 2;
    } finally {
      System.setOut(stdout);
    }
  }

  /** The directory holding template.yaml, from here upwards; the working directory when there is none. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private int usage(String problem) {
    err.println("incident-local: " + problem);
    err.print(USAGE);
    return 2;
  }
}
