package com.incident.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.tool.OutputSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analyzer tests' evidence is only as real as these results: each conforms to its tool's published outputSchema. */
class ToolResultsTest {

  @Test
  void everyFixtureConformsToItsToolsOutputSchema() {
    List<Record> results = List.of(
        ToolResults.nodeMetrics("ip-10-0-1-23.us-west-2.compute.internal", 98.5, 60),
        ToolResults.podMetrics(Map.of("default/ui", 92.4)),
        ToolResults.clusterOverview("default/stress-ng-7f9c4", "default/ui"),
        ToolResults.errorSummary("upstream connect error", Map.of("checkout", 180L)),
        ToolResults.errorSummary("none", Map.of()),
        ToolResults.searchLogs("orders", "container terminated: OOMKilled"),
        ToolResults.datadogEvents("Back-off pulling image catalog:1.4.0: ImagePullBackOff"));

    assertThat(results).allSatisfy(r ->
        assertThat(OutputSchemas.violation(OutputSchemas.of(r.getClass()), r)).as(r.getClass().getSimpleName()).isNull());
  }
}
