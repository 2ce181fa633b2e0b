package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** incident-local at its edges: help everywhere, usage errors with exit 2 and suggestions, ports that cannot be used. */
class CommandLineTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Main main = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8),
      new PrintStream(stderr, true, StandardCharsets.UTF_8));

  @TempDir
  Path dir;

  @Test
  void everyCommandAndSubcommandAnswersHelpWithItsOwnUsage() {
    List<List<String>> commands = new ArrayList<>();
    collect(main.commandLine(), List.of(), commands);
    assertThat(commands).contains(List.of(), List.of("demo"), List.of("serve"), List.of("invoke"), List.of("bench"),
        List.of("scenario"), List.of("scenario", "lint"));

    for (List<String> command : commands) {
      stdout.reset();
      List<String> args = new ArrayList<>(command);
      args.add("--help");

      int code = main.run(args.toArray(String[]::new));

      assertThat(code).as("%s --help", command).isZero();
      assertThat(out()).as("%s --help", command)
          .startsWith("Usage: " + String.join(" ", List.of("incident-local", String.join(" ", command))).strip())
          .contains("-h, --help");
    }
    assertThat(err()).isEmpty();
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
    into.add(path);
    cli.getSubcommands().forEach((name, sub) -> {
      List<String> next = new ArrayList<>(path);
      next.add(name);
      collect(sub, next, into);
    });
  }

  @Test
  void aMistypedOptionIsAUsageErrorThatSuggestsTheRealOne() {
    int code = main.run(new String[] {"demo", "--modle", "scripted"});

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("Unknown option: '--modle'").contains("--model")
        .contains("usage: incident-local demo").contains("Try 'incident-local demo --help'");
    assertThat(out()).isEmpty();
  }

  @Test
  void aMistypedCommandSuggestsTheRealOne() {
    int code = main.run(new String[] {"invok"});

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("'invok'").contains("Did you mean: incident-local invoke");
  }

  @Test
  void noCommandPrintsTheUsageAsAnError() {
    assertThat(main.run(new String[0])).isEqualTo(2);
    assertThat(err()).contains("Usage: incident-local").contains("demo").contains("serve").contains("invoke");
  }

  @Test
  void badValuesAreUsageErrorsThatNameTheOptionAndTheAllowedValues() {
    assertThat(main.run(new String[] {"demo", "--model", "gpt"})).isEqualTo(2);
    assertThat(main.run(new String[] {"demo", "--remediation-mode", "yes"})).isEqualTo(2);
    assertThat(main.run(new String[] {"demo", "--metrics", "prometheus"})).isEqualTo(2);
    assertThat(main.run(new String[] {"serve", "--gateway-port", "99999"})).isEqualTo(2);
    assertThat(main.run(new String[] {"serve", "--agent-port", "http"})).isEqualTo(2);
    assertThat(main.run(new String[] {"bench", "--runs", "0"})).isEqualTo(2);
    assertThat(main.run(new String[] {"eval", "--seed", "abc"})).isEqualTo(2);
    assertThat(main.run(new String[] {"eval", "--frobnicate"})).isEqualTo(2);
    assertThat(main.run(new String[] {"invoke", "AgentRuntimeFunction"})).isEqualTo(2);
    assertThat(main.run(new String[] {"invoke", "AgentRuntimeFunction", "e.json", "--scenario", "cpu-spike"})).isEqualTo(2);
    assertThat(main.run(new String[] {"scenario"})).isEqualTo(2);
    assertThat(main.run(new String[] {"scenario", "lint"})).isEqualTo(2);

    assertThat(err()).contains("--model", "must be offline, bedrock or scripted, not 'gpt'")
        .contains("must be auto, dry-run, approval or off, not 'yes'")
        .contains("must be memory or moto, not 'prometheus'")
        .contains("--gateway-port", "must be a port number from 0 to 65535, not '99999'")
        .contains("not 'http'")
        .contains("must be a whole number above 0, not '0'")
        .contains("Invalid value for option '--seed': 'abc' is not a long")
        .contains("Unknown option: '--frobnicate'")
        .contains("Missing required parameter: 'EVENT'")
        .contains("--scenario, --scenario-file, --model, --opensearch and --keep-times need --sandbox")
        .contains("scenario needs a subcommand: lint FILE...")
        .contains("Missing required parameter: 'FILE'")
        .doesNotContain("Exception", "\tat ");
    assertThat(out()).isEmpty();
  }

  @Test
  void aScenarioThatCannotBeLoadedIsAUsageErrorThatSaysWhy() throws IOException {
    Path file = dir.resolve("mine.json");
    Files.writeString(file, "{\"name\": \"mine\"}");

    assertThat(main.run(new String[] {"demo", "no-such"})).isEqualTo(2);
    assertThat(main.run(new String[] {"demo", "--scenario-file", file.toString()})).isEqualTo(2);

    assertThat(err()).contains("no bundled scenario named 'no-such'").contains("required property 'alarm'")
        .doesNotContain("\tat ");
  }

  @Test
  void aBusyPortEndsServeWithOneLineAndReleasesWhatItHadStarted() throws IOException {
    int cognito = freePort();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code = main.run(new String[] {"serve", "--idle", "--cognito-port", String.valueOf(cognito),
          "--gateway-port", String.valueOf(busy.getLocalPort()), "--agent-port", "0"});

      assertThat(code).isEqualTo(1);
      assertThat(err().lines().filter(l -> l.startsWith("incident-local:")).toList())
          .containsExactly("incident-local: cannot listen on 127.0.0.1:" + busy.getLocalPort() + ": Address already in use");
      assertThat(err()).doesNotContain("\tat ");
    }
    // The token endpoint, started before the gateway failed, was closed: its port can be bound again.
    try (ServerSocket again = new ServerSocket(cognito, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(cognito);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
