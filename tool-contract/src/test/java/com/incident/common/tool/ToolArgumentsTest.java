package com.incident.common.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-21T03:15:00Z"), ZoneOffset.UTC);
  private static final Map<String, Object> SCHEMA = ToolSchemas.object()
      .integer("issue_number", "Issue", true, 1, Integer.MAX_VALUE, null)
      .integer("hours", "Hours", false, 1, 168, 1)
      .build();

  private static ToolArguments args(String json) throws Exception {
    return new ToolArguments((ObjectNode) Json.tree(json), SCHEMA, NOW);
  }

  @Test
  void anIssueNumberBeyondTheIntRangeIsRejectedNotTruncatedToIssueOne() throws Exception {
    assertThatThrownBy(() -> args("{\"issue_number\":4294967297}").integer("issue_number", -1))
        .isInstanceOf(ToolException.class)
        .hasMessage("Argument 'issue_number' must be an integer from 1 to 2147483647, got 4294967297");
  }

  @Test
  void integersOutsideTheSchemaBoundsAreRejectedWithTheAllowedRange() throws Exception {
    assertThatThrownBy(() -> args("{\"hours\":169}").integer("hours", 1))
        .hasMessage("Argument 'hours' must be an integer from 1 to 168, got 169");
    assertThatThrownBy(() -> args("{\"hours\":0}").integer("hours", 1)).hasMessageContaining("from 1 to 168");
    assertThatThrownBy(() -> args("{\"hours\":-9223372036854775809}").integer("hours", 1))
        .hasMessageContaining("from 1 to 168");
    assertThatThrownBy(() -> args("{\"hours\":99999999999999999999999999}").integer("hours", 1))
        .hasMessageContaining("from 1 to 168");
  }

  @Test
  void nonIntegralAndNonNumericValuesAreRejected() throws Exception {
    for (String bad : new String[] {"1.5", "1e400", "\"3 hours\"", "true", "[1]", "{\"v\":1}"}) {
      assertThatThrownBy(() -> args("{\"hours\":" + bad + "}").integer("hours", 1)).as(bad)
          .isInstanceOf(ToolException.class).hasMessageStartingWith("Argument 'hours' must be an integer from 1 to 168");
    }
  }

  @Test
  void integralValuesInRangeAreRead() throws Exception {
    assertThat(args("{\"hours\":168}").integer("hours", 1)).isEqualTo(168);
    assertThat(args("{\"hours\":2.0}").integer("hours", 1)).isEqualTo(2);
    assertThat(args("{\"hours\":\" 7 \"}").integer("hours", 1)).isEqualTo(7);
    assertThat(args("{}").integer("hours", 1)).isEqualTo(1);
    assertThat(args("{\"issue_number\":2147483647}").integer("issue_number", -1)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void withoutASchemaTheIntRangeIsTheBound() {
    assertThatThrownBy(() -> ToolArguments.of(Map.of("n", 2_147_483_648L)).integer("n", 0))
        .hasMessage("Argument 'n' must be an integer from -2147483648 to 2147483647, got 2147483648");
  }

  @Test
  void timesBefore2000OrMoreThanADayAheadAreArgumentErrors() throws Exception {
    assertThatThrownBy(() -> args("{\"end_time\":\"1999-12-31T23:59:59Z\"}").instant("end_time"))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("Argument 'end_time' must be between 2000-01-01T00:00:00Z and 24 hours from now");
    assertThatThrownBy(() -> args("{\"end_time\":\"2026-11-22T03:15:01Z\"}").instant("end_time"))
        .hasMessageContaining("2026-11-22T03:15:00Z");
    assertThatThrownBy(() -> args("{\"end_time\":\"+1000000000-12-31T23:59:59Z\"}").instant("end_time"))
        .isInstanceOf(ToolException.class);
    assertThat(args("{\"end_time\":\"2026-11-22T03:15:00Z\"}").instant("end_time"))
        .contains(Instant.parse("2026-11-22T03:15:00Z"));
  }

  @Test
  void unparsableTimesAndEpochSecondsOutOfRangeAreArgumentErrors() throws Exception {
    assertThatThrownBy(() -> args("{\"end_time\":\"yesterday\"}").instant("end_time"))
        .hasMessageContaining("must be an ISO-8601 instant");
    assertThatThrownBy(() -> args("{\"to\":\"99999999999999999999\"}").instantOrEpochSeconds("to"))
        .isInstanceOf(ToolException.class).hasMessageContaining("Argument 'to'");
    assertThatThrownBy(() -> args("{\"to\":\"1763694900000\"}").instantOrEpochSeconds("to"))
        .isInstanceOf(ToolException.class).hasMessageContaining("hours from now");
    assertThatThrownBy(() -> args("{\"to\":\"0\"}").instantOrEpochSeconds("to")).hasMessageContaining("2000-01-01");
    assertThat(args("{\"to\":\"1795230900\"}").instantOrEpochSeconds("to")).contains(Instant.ofEpochSecond(1795230900L));
  }

  @Test
  void numbersMustBeFinite() throws Exception {
    assertThatThrownBy(() -> args("{\"threshold\":1e400}").number("threshold", 0))
        .hasMessage("Argument 'threshold' must be a finite number, got \"Infinity\"");
    assertThat(args("{\"threshold\":0.75}").number("threshold", 0)).isEqualTo(0.75);
  }

  @Test
  void longCallerValuesAreEchoedOnlyAsAPrefix() throws Exception {
    String longText = "x".repeat(5000);
    assertThatThrownBy(() -> args("{\"end_time\":\"" + longText + "\"}").instant("end_time"))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }
}
