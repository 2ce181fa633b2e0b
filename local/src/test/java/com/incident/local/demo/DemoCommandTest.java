package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.incident.RemediationMode;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final Sandbox.Options OFFLINE = Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE);
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final DemoCommand demo = new DemoCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
      new PrintStream(stderr, true, StandardCharsets.UTF_8));

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path out;

  @Test
  void jsonModePrintsOneObjectAndWritesTheHtmlPage() throws Exception {
    int code = demo.run(ScenarioLoader.bundled("error-burst"), OFFLINE, out, true);

    assertThat(code).isZero();
    JsonNode r = Json.tree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(r.path("scenario").asText()).isEqualTo("error-burst");
    assertThat(r.path("expectedMet").asBoolean()).isTrue();
    assertThat(r.path("issues").get(0).path("title").asText()).contains("retail-checkout-5xx");
    assertThat(r.path("issues").get(0).path("comments").size()).isGreaterThanOrEqualTo(2);
    assertThat(r.path("analysis").path("causes").get(0).path("category").asText()).isEqualTo("app-error-after-deploy");
    assertThat(r.path("remediation").path("actions").isEmpty()).isTrue();
    assertThat(r.path("stats").path("toolCalls").asInt()).isPositive();
    assertThat(r.path("stats").path("wallMs").asLong()).isPositive();
    String html = Files.readString(out.resolve("error-burst.html"));
    assertThat(html).contains("<table>").contains("mermaid").contains("<h1>");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("error-burst.html");
  }

  @Test
  void markdownModeEndsWithTheVerdictAndThePagePath() {
    int code = demo.run(ScenarioLoader.bundled("cpu-spike"), OFFLINE, out, false);

    assertThat(code).isZero();
    String text = stdout.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("# #1 [인시던트] netaiops-cpu-spike").contains("scenario cpu-spike: expected met")
        .contains("- 복구 모드: `auto`")
        .contains("HTML: " + out.resolve("cpu-spike.html").toAbsolutePath());
  }

  @Test
  void theHtmlPageRendersItsTimelineTablesAndTaskListsOfflineInHeadlessChromium() throws Exception {
    int code = demo.run(ScenarioLoader.bundled("cpu-spike"), OFFLINE, out, false);
    assertThat(code).isZero();
    Path page = out.resolve("cpu-spike.html");
    String html = Files.readString(page);
    assertThat(html).as("no script or style from a network").doesNotContainPattern("<(script|link|img)[^>]*(src|href)=\"https?:")
        .contains("<script src=\"mermaid.min.js\"></script>");
    assertThat(out.resolve("mermaid.min.js")).isRegularFile();
    assertThat(html).contains("<input type=\"checkbox\"").as("task lists render as checkboxes");

    var chromium = HeadlessChromium.find();
    org.junit.jupiter.api.Assumptions.assumeTrue(chromium.isPresent(), () -> {
      System.err.println("SKIPPED: Chromium is not installed (apt-get install chromium); the demo page was not opened");
      return "Chromium not installed";
    });
    String dom = HeadlessChromium.dumpDom(chromium.get(), page, Files.createDirectories(out.resolve("profile")));
    assertThat(dom).as("Mermaid replaced the code block with its SVG, from the bundled script")
        .containsPattern("<div class=\"mermaid\"[^>]*>\\s*<svg").doesNotContain("<pre><code class=\"language-mermaid\"");
    assertThat(dom).doesNotContain("Syntax error in text");
  }

  @Test
  void remediationModeOffTouchesNothingAndTheJsonSaysTheExpectationIsNotMet() throws Exception {
    int code = demo.run(ScenarioLoader.bundled("cpu-spike"),
        new Sandbox.Options(Sandbox.ModelMode.OFFLINE, 0, 0, 0, null, false, RemediationMode.OFF), out, true);

    assertThat(code).isZero();
    JsonNode r = Json.tree(stdout.toString(StandardCharsets.UTF_8));
    assertThat(r.at("/remediation/actions").isEmpty()).as("the agent does not call chaos-cleanup").isTrue();
    assertThat(r.at("/remediation/changed").isEmpty()).isTrue();
    assertThat(r.path("expectedMet").asBoolean()).isFalse();
    assertThat(r.path("unmet").toString()).contains("expected remediation stress-workload done, done: []");
    assertThat(r.at("/issues/0/state").asText()).isEqualTo("open");
    assertThat(r.at("/issues/0/comments").toString()).contains("RemediationMode=off");
  }
}
