package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What `serve` tells the user to paste works when pasted: each "Try" line runs in bash against the running sandbox. */
class ServeTryLinesTest {
  @Test
  void everyPrintedTryLineSucceedsInBashAgainstTheRunningSandbox() throws Exception {
    assumeTrue(onPath("bash"), "SKIPPED: bash is not on the PATH, the Try lines cannot be run");
    assumeTrue(onPath("curl") && onPath("kubectl") && onPath("openssl"),
        "SKIPPED: the Try lines need curl, kubectl and openssl on the PATH");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Main main = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    AtomicInteger code = new AtomicInteger(-1);
    Thread serve = Thread.ofPlatform().name("serve").start(() -> code.set(main.run(new String[] {
        "serve", "cpu-spike", "--idle", "--agent-port", "0", "--gateway-port", "0", "--cognito-port", "0"})));
    try {
      String banner = awaitBanner(stdout, serve);
      List<String> lines = tryLines(banner);
      assertThat(lines).as(banner).hasSize(5);
      assertThat(lines.getFirst()).startsWith("export TOKEN=");

      List<String> exports = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      for (String line : lines) {
        Process p = new ProcessBuilder("bash", "-c", String.join("\n", exports) + "\n" + line)
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("bash -c %s%n%s", line, output).isZero();
        outputs.add(output);
        if (line.startsWith("export ")) {
          exports.add(line);
        }
      }
      assertThat(outputs.get(1)).contains("\"tools\"").contains("container-insight-pod-metrics");
      assertThat(outputs.get(2)).contains("\"kind\":\"Deployment\"").contains("\"name\":\"ui\"");
      assertThat(outputs.get(3).strip()).startsWith("[");
      // Signed correctly (a wrong signature is a 401, which fails curl); idle, so issue #1 is no incident yet.
      assertThat(outputs.get(4)).contains("\"outcome\":\"ignored\"", "issue #1 is not an incident issue");
    } finally {
      serve.interrupt();
      serve.join();
    }
    assertThat(code.get()).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** The lines between "Try" and "Ctrl-C", as printed (indented). */
  private static List<String> tryLines(String banner) {
    List<String> lines = banner.lines().toList();
    int from = 0;
    while (!lines.get(from).startsWith("Try")) {
      from++;
    }
    List<String> out = new ArrayList<>();
    for (int i = from + 1; !lines.get(i).startsWith("Ctrl-C"); i++) {
      out.add(lines.get(i).strip());
    }
    return out;
  }

  private static String awaitBanner(ByteArrayOutputStream stdout, Thread serve) throws InterruptedException {
    while (serve.isAlive()) {
      String text = stdout.toString(StandardCharsets.UTF_8);
      if (text.contains("Ctrl-C stops the sandbox.")) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve ended before printing its banner:\n" + stdout.toString(StandardCharsets.UTF_8));
  }

  private static boolean onPath(String program) throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
