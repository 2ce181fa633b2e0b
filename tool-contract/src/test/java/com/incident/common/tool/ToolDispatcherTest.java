package com.incident.common.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.obs.MetricsSink;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDispatcherTest {
  private final List<String> metrics = new ArrayList<>();
  private final MetricsSink sink = (name, value, unit, dims) -> metrics.add(name + ":" + dims.get("tool"));

  /** A target with a tool per behaviour the dispatcher must handle. */
  private final ToolTarget target = new ToolTarget() {
    @Override
    public List<McpSchema.Tool> tools() {
      return List.of(
          ToolSchemas.tool("echo", "Echoes", ToolSchemas.object()
              .string("text", "Text", true)
              .integer("minutes", "Window", false, 1, 1440, 30)
              .build(), true),
          ToolSchemas.tool("big", "Returns a lot", ToolSchemas.object().build(), true),
          ToolSchemas.tool("slow", "Sleeps", ToolSchemas.object().build(), true),
          ToolSchemas.tool("fails", "Throws an actionable error", ToolSchemas.object().build(), true),
          ToolSchemas.tool("crashes", "Throws a bug", ToolSchemas.object().build(), true));
    }

    @Override
    public ToolResult call(String name, ToolArguments args, ToolContext ctx) throws Exception {
      return switch (name) {
        case "echo" -> ToolResult.ok(args.string("text") + "/" + args.integer("minutes", 30) + "/" + ctx.sessionId(),
            Map.of("text", args.string("text")));
        case "big" -> ToolResult.ok("한".repeat(10_000));
        case "slow" -> {
          Thread.sleep(10_000);
          yield ToolResult.ok("late");
        }
        case "fails" -> throw new ToolException("Index 'x' does not exist; pass an existing index");
        default -> throw new IllegalStateException("secret internals");
      };
    }
  };

  private final ToolDispatcher dispatcher = new ToolDispatcher(target, ToolLimits.DEFAULT, Clock.systemUTC(), sink);

  private JsonNode call(String json) throws Exception {
    return dispatcher.handle(Json.tree(json), null);
  }

  @Test
  void listsToolsWithSchemasAndAnnotations() throws Exception {
    JsonNode out = call("{\"method\":\"tools/list\"}");
    assertThat(out.path("tools")).hasSize(5);
    JsonNode echo = out.path("tools").get(0);
    assertThat(echo.path("name").asText()).isEqualTo("echo");
    assertThat(echo.path("inputSchema").path("required").get(0).asText()).isEqualTo("text");
    assertThat(echo.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
  }

  @Test
  void primingCallsNoToolAndRecordsNoMetric() throws Exception {
    List<String> called = new ArrayList<>();
    ToolTarget recording = new ToolTarget() {
      @Override
      public List<McpSchema.Tool> tools() {
        return target.tools();
      }

      @Override
      public ToolResult call(String name, ToolArguments args, ToolContext ctx) {
        called.add(name);
        return ToolResult.ok("called");
      }
    };
    ToolDispatcher primed = new ToolDispatcher(recording, ToolLimits.DEFAULT, Clock.systemUTC(), sink);

    primed.prime();

    assertThat(called).isEmpty();
    assertThat(metrics).isEmpty();
    JsonNode after = primed.handle(Json.tree("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{}}"), null);
    assertThat(after.path("content").get(0).path("text").asText()).startsWith("Invalid arguments for echo");
  }

  @Test
  void callsToolWithValidatedArgumentsAndStructuredContent() throws Exception {
    JsonNode out = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"hi\",\"minutes\":5},\"sessionId\":\"s-1\"}");
    assertThat(out.path("isError").asBoolean()).isFalse();
    assertThat(out.path("content").get(0).path("type").asText()).isEqualTo("text");
    assertThat(out.path("content").get(0).path("text").asText()).isEqualTo("hi/5/s-1");
    assertThat(out.path("structuredContent").path("text").asText()).isEqualTo("hi");
    assertThat(metrics).contains("ToolCall:echo", "ToolLatency:echo").doesNotContain("ToolError:echo");
  }

  @Test
  void aFailingMetricsSinkDoesNotFailTheToolCall() throws Exception {
    MetricsSink broken = (name, value, unit, dims) -> {
      throw new IllegalStateException("no POWERTOOLS_METRICS_NAMESPACE");
    };
    ToolDispatcher unmeasured = new ToolDispatcher(target, ToolLimits.DEFAULT, Clock.systemUTC(), broken);

    JsonNode out = unmeasured.handle(Json.tree(
        "{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"},\"sessionId\":\"s-1\"}"), null);

    assertThat(out.path("isError").asBoolean()).isFalse();
    assertThat(out.path("content").get(0).path("text").asText()).isEqualTo("hi/30/s-1");
  }

  @Test
  void rejectsArgumentsThatViolateTheSchema() throws Exception {
    JsonNode missing = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{}}");
    assertThat(missing.path("isError").asBoolean()).isTrue();
    assertThat(missing.path("content").get(0).path("text").asText()).startsWith("Invalid arguments for echo").contains("text");

    JsonNode outOfRange = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"minutes\":5000}}");
    assertThat(outOfRange.path("isError").asBoolean()).isTrue();
    assertThat(outOfRange.path("content").get(0).path("text").asText()).contains("minutes");

    JsonNode unknownField = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"bogus\":1}}");
    assertThat(unknownField.path("isError").asBoolean()).isTrue();
  }

  @Test
  void anIntegerBeyondTheDeclaredRangeIsAnArgumentErrorNamingIt() throws Exception {
    JsonNode overflow = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"minutes\":4294967297}}");
    assertThat(overflow.path("isError").asBoolean()).isTrue();
    assertThat(overflow.path("content").get(0).path("text").asText()).contains("minutes").contains("1440");

    JsonNode fraction = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"minutes\":2.5}}");
    assertThat(fraction.path("isError").asBoolean()).isTrue();
    assertThat(fraction.path("content").get(0).path("text").asText()).contains("minutes");
  }

  @Test
  void aToolWithAnUnboundedIntegerIsRefusedWhenWired() {
    Map<String, Object> unbounded = ToolSchemas.object()
        .property("count", Map.of("type", "integer", "minimum", 1), true).build();
    ToolTarget loose = new ToolTarget() {
      @Override
      public List<McpSchema.Tool> tools() {
        return List.of(ToolSchemas.tool("loose", "No maximum", unbounded, true));
      }

      @Override
      public ToolResult call(String name, ToolArguments args, ToolContext ctx) {
        return ToolResult.ok("never");
      }
    };
    assertThatThrownBy(() -> new ToolDispatcher(loose, ToolLimits.DEFAULT, Clock.systemUTC(), sink))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("loose").hasMessageContaining("count");
  }

  @Test
  void unknownToolNamesTheToolsThatExist() throws Exception {
    JsonNode out = call("{\"method\":\"tools/call\",\"name\":\"nope\",\"arguments\":{}}");
    assertThat(out.path("isError").asBoolean()).isTrue();
    assertThat(out.path("content").get(0).path("text").asText()).contains("Unknown tool 'nope'").contains("echo");
  }

  @Test
  void malformedContractPayloadsAreErrorsNotExceptions() throws Exception {
    for (String bad : List.of("[]", "{}", "{\"method\":\"tools/explode\"}", "{\"method\":\"tools/call\"}",
        "{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":[1]}",
        "{\"method\":\"tools/call\",\"name\":\"echo\",\"deadlineEpochMs\":\"soon\"}")) {
      JsonNode out = call(bad);
      assertThat(out.path("isError").asBoolean()).as(bad).isTrue();
      assertThat(out.path("content").get(0).path("text").asText()).as(bad).isNotBlank();
    }
  }

  @Test
  void capsTextOutputOnACharacterBoundaryWithAMarker() throws Exception {
    JsonNode out = call("{\"method\":\"tools/call\",\"name\":\"big\",\"arguments\":{}}");
    String text = out.path("content").get(0).path("text").asText();
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
    assertThat(text).contains("[truncated:").contains("of 30000 bytes shown");
    assertThat(text).doesNotContain("\uFFFD");
  }

  @Test
  void enforcesTheCallersDeadline() throws Exception {
    long deadline = System.currentTimeMillis() + 300;
    JsonNode out = call("{\"method\":\"tools/call\",\"name\":\"slow\",\"arguments\":{},\"deadlineEpochMs\":" + deadline + "}");
    assertThat(out.path("isError").asBoolean()).isTrue();
    assertThat(out.path("content").get(0).path("text").asText()).contains("did not finish within its deadline");
  }

  @Test
  void theLambdasRemainingTimeBoundsTheDeadlineToo() throws Exception {
    JsonNode out = dispatcher.handle(Json.tree("{\"method\":\"tools/call\",\"name\":\"slow\",\"arguments\":{}}"), 1_000L);
    assertThat(out.path("content").get(0).path("text").asText()).contains("did not finish within its deadline");
  }

  @Test
  void anExpiredDeadlineDoesNothing() throws Exception {
    JsonNode out = call("{\"method\":\"tools/call\",\"name\":\"echo\",\"arguments\":{\"text\":\"a\"},\"deadlineEpochMs\":1}");
    assertThat(out.path("content").get(0).path("text").asText()).contains("Deadline already passed");
  }

  @Test
  void toolExceptionsAreReturnedVerbatimButCrashesHideInternals() throws Exception {
    JsonNode fails = call("{\"method\":\"tools/call\",\"name\":\"fails\",\"arguments\":{},\"sessionId\":\"s-9\"}");
    assertThat(fails.path("content").get(0).path("text").asText()).isEqualTo("Index 'x' does not exist; pass an existing index");

    JsonNode crashes = call("{\"method\":\"tools/call\",\"name\":\"crashes\",\"arguments\":{},\"sessionId\":\"s-9\"}");
    String text = crashes.path("content").get(0).path("text").asText();
    assertThat(crashes.path("isError").asBoolean()).isTrue();
    assertThat(text).contains("internal error").contains("s-9").doesNotContain("secret internals").doesNotContain("at com.");
    assertThat(metrics).contains("ToolError:crashes");
  }

  @Test
  void capNeverSplitsAMultiByteCharacter() {
    String capped = ToolDispatcher.cap("가나다라마바사".repeat(100), 200);
    assertThat(capped.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
    assertThat(capped).doesNotContain("\uFFFD").contains("[truncated:");
    assertThat(ToolDispatcher.cap("short", 200)).isEqualTo("short");
  }

  @Test
  void requestRoundTripsThroughItsJson() {
    ToolRequest.CallTool call = new ToolRequest.CallTool("echo", Json.object().put("text", "x"), "s", 42L);
    assertThat(ToolRequest.parse(call.toJson())).isEqualTo(call);
    assertThat(ToolRequest.parse(new ToolRequest.ListTools().toJson())).isInstanceOf(ToolRequest.ListTools.class);
    assertThat(Duration.ofMillis(1)).isPositive();
  }
}
