package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.tool.ToolNames;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's Datadog data reaches the agent through the real Datadog tool, keys from (local) SSM. */
class DatadogSandboxTest {

  @Test
  void scenarioDatadogDataIsServedToTheDatadogToolsAndBecomesEvidence() {
    Scenario scenario = ScenarioLoader.bundled("error-burst");
    try (Sandbox sandbox = Sandbox.start(scenario, Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      for (Scenario.FollowUp n : scenario.notifications()) {
        sandbox.deliver(n, Duration.ofSeconds(120));
      }

      List<ToolRecorder.Call> monitors = sandbox.tools().calls().stream()
          .filter(c -> c.tool().equals(ToolNames.DATADOG_GET_MONITORS)).toList();
      List<ToolRecorder.Call> events = sandbox.tools().calls().stream()
          .filter(c -> c.tool().equals(ToolNames.DATADOG_GET_EVENTS)).toList();
      assertThat(monitors).isNotEmpty().allSatisfy(c -> {
        assertThat(c.response().path("isError").asBoolean()).as(c.response().toString()).isFalse();
        assertThat(c.response().path("content").get(0).path("text").asText()).contains("checkout error rate");
      });
      assertThat(events).isNotEmpty().allSatisfy(c ->
          assertThat(c.response().path("content").get(0).path("text").asText()).contains("checkout 1.3.0"));
    }
  }
}
