package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.RemediationMode;
import com.incident.common.testing.MotoServer;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo with the series served by moto's CloudWatch through the Container Insights tool's production path. */
class MotoMetricsDemoTest {

  @Test
  void cpuSpikeEndsAsExpectedWhenTheToolReadsCloudWatch() {
    MotoServer.get();
    DemoResult r = Demo.run(ScenarioLoader.bundled("cpu-spike"),
        new Sandbox.Options(Sandbox.ModelMode.OFFLINE, 0, 0, 0, null, false, RemediationMode.AUTO, Sandbox.MetricsBackend.MOTO),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(r.unmet()).isEmpty();
    assertThat(r.toolOutputs()).as("the pod metrics came back from GetMetricData")
        .anySatisfy(t -> assertThat(t).contains("pod default/ui").contains("97.5"));
  }
}
