package com.incident.common.obs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSinkTest {

  @Test
  void recordNeverThrowsWhateverTheSinkDoes() {
    MetricsSink broken = (name, value, unit, dimensions) -> {
      throw new IllegalStateException("namespace missing");
    };

    assertThatCode(() -> broken.record("ToolCall", 1, MetricsSink.Unit.COUNT, Map.of())).doesNotThrowAnyException();
  }

  @Test
  void recordPassesTheMetricThrough() {
    List<String> seen = new ArrayList<>();
    MetricsSink sink = (name, value, unit, dimensions) -> seen.add(name + "=" + value + " " + unit + dimensions);

    sink.record("ToolLatency", 12, MetricsSink.Unit.MILLISECONDS, Map.of("tool", "echo"));

    assertThat(seen).containsExactly("ToolLatency=12.0 MILLISECONDS{tool=echo}");
  }
}
