package com.incident.local;

import com.incident.local.sandbox.LocalCognito;
import com.incident.local.scenario.ScenarioException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code incident-local}: run the suite's functions on this machine. Parsing, help, suggestions and exit codes are
 * picocli's: 0 done, 1 the command failed (one line says why), 2 bad usage (the problem, a usage line, and "did you
 * mean" for a mistyped option or command). The subcommands are in {@link Commands}, registered in {@link #commandLine}.
 */
@Command(name = "incident-local", synopsisSubcommandLabel = "COMMAND",
    description = "Runs the incident suite's functions on this machine: a whole scenario offline (demo), a sandbox for "
        + "your own clients (serve), one function on an event (invoke), cold-start benchmarks (bench), the accuracy eval (eval).",
    footer = "%nRun 'incident-local COMMAND --help' for a command's options.")
public final class Main implements Callable<Integer> {
  /** Inherited: every subcommand has --help. */
  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  final PrintStream out;
  final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    keepSandboxKeyBesideJar();
    int code = new Main(System.out, System.err).run(args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Run from the jar, the local Cognito's signing key is kept beside it (as the class-data archive is), so only the
   * first run pays for generating it.
   */
  private static void keepSandboxKeyBesideJar() {
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (location.toString().endsWith(".jar")) {
        LocalCognito.keepSigningKeyIn(location.resolveSibling("incident-local-signing-key.jwk"));
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // Not from a file (a test's class path): every run generates its key.
    }
  }

  int run(String[] args) {
    return commandLine().execute(args);
  }

  /** Every command of incident-local, in one place. */
  CommandLine commandLine() {
    CommandLine cli = new CommandLine(this)
        .addSubcommand(new Commands.Demo(this))
        .addSubcommand(new Commands.Serve(this))
        .addSubcommand(new Commands.Invoke(this))
        .addSubcommand(new Commands.Bench(this))
        .addSubcommand(new Commands.Eval(this))
        .addSubcommand(new Commands.Examples(this))
        .addSubcommand(new CommandLine(new Commands.ScenarioGroup()).addSubcommand(new Commands.Lint(this)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler((e, command, parsed) -> failed(e, command));
    return cli;
  }

  /** Without a command: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return CommandLine.ExitCode.USAGE;
  }

  /** The problem, "did you mean" for a typo, the command's synopsis and where its help is; exit 2. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter w = command.getErr();
    w.println("incident-local: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, w);
    w.print("usage: " + command.getHelp().synopsis(0).stripLeading().replaceFirst("^Usage: ", ""));
    w.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    w.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * A command that threw: one line (an invalid scenario lists its problems), no stack trace; exit 2 for a scenario
   * that cannot be loaded (bad input), 1 otherwise.
   */
  private static int failed(Exception e, CommandLine command) {
    PrintWriter w = command.getErr();
    w.println("incident-local: " + Commands.oneLine(e));
    w.flush();
    return e instanceof ScenarioException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
  }
}
