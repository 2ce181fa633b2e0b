package com.incident.local.eval;

import com.incident.local.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code incident-local eval}: generates the incidents for the seed, runs them all through the sandbox and writes the
 * report. The options are parsed by the CLI (local Commands.Eval); exit code 0 when the thresholds are met, 1 when
 * not, 2 when the report cannot be written.
 */
public final class EvalCommand {
  private final PrintStream out;
  private final PrintStream err;

  public EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** @param target the report; null: docs/evaluation.md of the repository the command runs in */
  public int run(Sandbox.ModelMode model, long seed, Path target, boolean verbose) {
    Path report = target != null ? target : repositoryRoot().resolve("docs").resolve("evaluation.md");
    String modelId = model.name().toLowerCase(java.util.Locale.ROOT);
    String command = "./incident-local eval --model " + modelId + " --seed " + seed;
    PrintStream stdout = System.out;
    // Stray stdout writes (EMF metric lines, DynamoDB Local's banner) go to stderr: stdout carries the summary.
    System.setOut(err);
    try {
      org.apache.logging.log4j.core.config.Configurator.setRootLevel(verbose
          ? org.apache.logging.log4j.Level.INFO : org.apache.logging.log4j.Level.ERROR);
      List<GeneratedIncident> incidents = new ScenarioGenerator(seed).generate();
      err.println("incident-local: eval: " + incidents.size() + " incidents, seed " + seed + ", model " + modelId);
      EvalResult result = Eval.run(incidents, model, seed, err);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, EvalReport.markdown(result, command), StandardCharsets.UTF_8);
      out.println(EvalReport.summary(result));
      out.println("wrote " + report.toAbsolutePath());
      return result.thresholdsMet() ? 0 : 1;
    } catch (IOException e) {
      err.println("incident-local: eval: cannot write " + report + ": " + e.getMessage());
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
}
