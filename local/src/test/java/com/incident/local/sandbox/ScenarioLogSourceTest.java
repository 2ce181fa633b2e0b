package com.incident.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.scenario.Scenario;
import com.incident.tools.opensearch.LogSource;
import com.incident.tools.opensearch.TimeWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioLogSourceTest {
  static final Instant ANCHOR = Instant.parse("2026-11-21T03:15:00Z");
  final Timeline timeline = new Timeline(ANCHOR, 5);
  final ScenarioLogSource source = new ScenarioLogSource(List.of(
      new Scenario.LogLine(-2, "ERROR", "checkout", "default", "checkout-1", "NullPointerException in DiscountEngine", 4, 500),
      new Scenario.LogLine(-1, "INFO", "ui", "default", "", "GET /home 200", null, 200),
      new Scenario.LogLine(3, "ERROR", "checkout", "default", "checkout-1", "later failure", 1, 500)), "eks-app-logs", timeline);

  @Test
  void repeatsEachLineAcrossItsMinuteAndHidesTheFuture() {
    assertThat(source.events()).hasSize(5);
    assertThat(source.events().getFirst().timestamp()).isEqualTo(Instant.parse("2026-11-21T03:13:00Z"));
    assertThat(source.events().get(1).timestamp()).isEqualTo(Instant.parse("2026-11-21T03:13:15Z"));
    assertThat(source.events().get(4).pod()).isNull();

    timeline.advanceTo(3);
    assertThat(source.events()).hasSize(6);
  }

  @Test
  void answersThroughTheToolsOwnBackend() {
    TimeWindow window = new TimeWindow(ANCHOR.minusSeconds(600), ANCHOR.plusSeconds(60));

    LogSource.ErrorBreakdown errors = source.errors("eks-app-logs", window, LogSource.GroupBy.SERVICE, 5, 3);

    assertThat(errors.total()).isEqualTo(4);
    assertThat(errors.groups().getFirst().key()).isEqualTo("checkout");
    assertThat(source.search("eks-app-logs", "NullPointerException", window, 10).total()).isEqualTo(4);
  }
}
