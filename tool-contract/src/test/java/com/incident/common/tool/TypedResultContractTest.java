package com.incident.common.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedResultContractTest {
  enum Phase { RUNNING, PENDING }

  record Container(String name, int restarts, @Nullable String waitingReason) {}

  record PodState(String pod, Phase phase, Instant since, List<Container> containers, Map<String, Double> usage) {}

  private final List<String> metrics = new ArrayList<>();
  private final MetricsSink sink = (name, value, unit, dims) -> metrics.add(name + ":" + dims.get("tool"));

  private Object emitted;
  private final ToolTarget target = new ToolTarget() {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(ToolSchemas.tool("pod-state", "State of one pod", ToolSchemas.object().build(), true, PodState.class));
    }

    @Override
    public ToolResult call(String name, ToolArguments args, ToolContext ctx) {
      return ToolResult.ok("pod state", emitted);
    }
  };
  private final ToolDispatcher dispatcher = new ToolDispatcher(target, ToolLimits.DEFAULT, Clock.systemUTC(), sink);

  private JsonNode call() throws Exception {
    return dispatcher.handle(Json.tree("{\"method\":\"tools/call\",\"name\":\"pod-state\",\"arguments\":{}}"), null);
  }

  @Test
  void publishesTheResultRecordAsOutputSchema() throws Exception {
    JsonNode schema = dispatcher.handle(Json.tree("{\"method\":\"tools/list\"}"), null).at("/tools/0/outputSchema");

    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("required").toString()).isEqualTo("[\"pod\",\"phase\",\"since\",\"containers\",\"usage\"]");
    assertThat(schema.at("/properties/phase/enum").toString()).isEqualTo("[\"RUNNING\",\"PENDING\"]");
    assertThat(schema.at("/properties/since/format").asText()).isEqualTo("date-time");
    assertThat(schema.at("/properties/containers/items/required").toString()).isEqualTo("[\"name\",\"restarts\"]");
    assertThat(schema.at("/properties/usage/additionalProperties/type").asText()).isEqualTo("number");
  }

  @Test
  void aConformingRecordIsSentAsStructuredContent() throws Exception {
    emitted = new PodState("orders-1", Phase.RUNNING, Instant.parse("2026-11-30T01:00:00Z"),
        List.of(new Container("app", 3, null)), Map.of("cpu", 97.5));

    JsonNode result = call();

    assertThat(result.path("isError").asBoolean()).isFalse();
    assertThat(result.at("/structuredContent/containers/0/restarts").asInt()).isEqualTo(3);
    assertThat(result.at("/structuredContent/containers/0").has("waitingReason")).isFalse();
  }

  @Test
  void aResultThatBreaksTheSchemaIsRefusedAsTheToolsBug() throws Exception {
    emitted = Map.of("pod", "orders-1", "renamedField", 1);

    JsonNode result = call();

    assertThat(result.path("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asText()).contains("does not match its published outputSchema");
    assertThat(metrics).contains("ToolContractViolation:pod-state");
  }

  @Test
  void aTypedToolMustReturnStructuredContent() throws Exception {
    emitted = null;

    assertThat(call().path("isError").asBoolean()).isTrue();
  }

  @Test
  void schemaViolationsAreExplained() throws Exception {
    assertThat(OutputSchemas.violation(OutputSchemas.of(Container.class), Map.of("name", "app"))).contains("restarts");
    assertThat(OutputSchemas.violation(OutputSchemas.of(Container.class), new Container("app", 0, "ImagePullBackOff")))
        .isNull();
  }
}
