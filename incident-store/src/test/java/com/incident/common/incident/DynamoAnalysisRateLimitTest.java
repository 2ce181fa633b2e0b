package com.incident.common.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.DynamoDbLocal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DynamoAnalysisRateLimitTest {
  // Near the real time: DynamoDB Local deletes counters whose TTL (two hours after their hour) has passed.
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final DynamoDbLocal dynamo = DynamoDbLocal.shared();
  private final String table = dynamo.newIncidentTable();

  private AnalysisRateLimit limit(int perAlarm, int global) {
    return new DynamoAnalysisRateLimit(dynamo.client(), table, new AnalysisRateLimit.Limits(perAlarm, global));
  }

  @Test
  void concurrentSessionsNeverOvershootTheAlarmsBudget() throws Exception {
    AnalysisRateLimit limit = limit(3, 100);
    List<Callable<Optional<String>>> calls = IntStream.range(0, 12)
        .<Callable<Optional<String>>>mapToObj(i -> () -> limit.acquire("a", "s-" + i, NOW)).toList();

    List<Optional<String>> results;
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      results = pool.invokeAll(calls).stream().map(DynamoAnalysisRateLimitTest::get).toList();
    }

    assertThat(results.stream().filter(Optional::isEmpty)).hasSize(3);
    assertThat(results.stream().flatMap(Optional::stream)).allSatisfy(r -> assertThat(r)
        .contains("RATE_LIMIT_PER_ALARM_PER_HOUR"));
  }

  @Test
  void aSessionIsCountedOnceHoweverOftenItAsks() {
    AnalysisRateLimit limit = limit(2, 2);

    assertThat(limit.acquire("a", "s-1", NOW)).isEmpty();
    assertThat(limit.acquire("a", "s-1", NOW)).isEmpty();
    assertThat(limit.acquire("a", "s-1", NOW)).isEmpty();
    assertThat(limit.acquire("a", "s-2", NOW)).isEmpty();
    assertThat(limit.acquire("a", "s-3", NOW)).isPresent();
  }

  @Test
  void aGlobalRefusalGivesTheAlarmsSlotBack() {
    AnalysisRateLimit limit = limit(2, 1);
    assertThat(limit.acquire("a", "s-1", NOW)).isEmpty();

    assertThat(limit.acquire("b", "s-2", NOW)).get().asString().contains("RATE_LIMIT_GLOBAL_PER_HOUR");

    // Under a roomier global budget b still has both of its slots: the refused request kept none.
    AnalysisRateLimit roomy = limit(2, 10);
    assertThat(roomy.acquire("b", "s-3", NOW)).isEmpty();
    assertThat(roomy.acquire("b", "s-4", NOW)).isEmpty();
    assertThat(roomy.acquire("b", "s-5", NOW)).get().asString().contains("RATE_LIMIT_PER_ALARM_PER_HOUR");
  }

  private static Optional<String> get(Future<Optional<String>> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
