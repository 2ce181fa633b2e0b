package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `invoke --sandbox` shows the whole issue the run wrote, not only its title, and keeps it under target/sandbox/. */
class InvokeSandboxTest {
  @Test
  void anAlarmInvokedAgainstTheSandboxPrintsAndWritesTheFullIssue() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Path written = SandboxCommands.OUTPUT.resolve("issues.md");
    Files.deleteIfExists(written);

    int code = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8))
        .run(new String[] {"invoke", "AlarmTriggerFunction", "../events/sns-alarm-pod-cpu.json", "--sandbox"});

    assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8);
    String firstLine = out.lines().findFirst().orElseThrow();
    assertThat(Json.tree(firstLine).path("results").get(0).path("action").asText()).isEqualTo("started");
    String issue = out.substring(firstLine.length()).strip();
    assertThat(issue).startsWith("# #1 [인시던트] netaiops-cpu-spike")
        .contains("`incident`")
        .contains("<!-- comment 1 of ");
    assertThat(issue.lines().count()).as("title, labels, body and comments").isGreaterThan(20);
    assertThat(Files.readString(written).strip()).isEqualTo(issue);
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(written.toAbsolutePath().toString());
  }
}
