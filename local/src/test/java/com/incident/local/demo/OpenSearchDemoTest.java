package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `demo --opensearch`: the same scenario with its logs in a real OpenSearch node reaches the same conclusion. */
class OpenSearchDemoTest {

  @Test
  void errorBurstFromARealIndexMatchesTheInMemoryRun() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    DemoResult memory = Demo.run(ScenarioLoader.bundled("error-burst"), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE), quiet);
    DemoResult indexed = Demo.run(ScenarioLoader.bundled("error-burst"),
        new Sandbox.Options(Sandbox.ModelMode.OFFLINE, 0, 0, 0, null, true), quiet);

    assertThat(indexed.unmet()).isEmpty();
    assertThat(indexed.analyses().getFirst().causes().getFirst().title())
        .isEqualTo(memory.analyses().getFirst().causes().getFirst().title());
    assertThat(indexed.toolOutputs()).anySatisfy(o -> assertThat(o).contains("checkout").contains("NullPointerException"));
  }
}
