package com.incident.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where an incident's chat thread is kept: per destination, first message wins, only on an existing incident. */
class ChatThreadStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");
  private static final Duration TTL = Duration.ofDays(3650);

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final IncidentStore store = new DynamoIncidentStore(local.client(), local.newIncidentTable(),
      new DynamoIncidentStore.Expiry(TTL, TTL, Duration.ofDays(7)));

  @Test
  void theFirstMessageOfEachDestinationIsTheThreadAndStaysIt() {
    store.openOrJoin("cpu-spike", "inc-1", "s-1", NOW, NOW);

    assertThat(store.chatThread("inc-1", "slack")).isEmpty();
    assertThat(store.recordChatThread("inc-1", "slack", new ChatThread("C024BE91L", "1763694920.000100"), NOW)).isTrue();
    assertThat(store.recordChatThread("inc-1", "slack", new ChatThread("C024BE91L", "1763694999.000200"), NOW)).isFalse();
    assertThat(store.recordChatThread("inc-1", "discord", new ChatThread("1100", "1200"), NOW)).isTrue();

    assertThat(store.chatThread("inc-1", "slack")).contains(new ChatThread("C024BE91L", "1763694920.000100"));
    assertThat(store.chatThread("inc-1", "discord")).contains(new ChatThread("1100", "1200"));
    assertThat(store.incident("inc-1")).get().extracting(Incident::alarmName).isEqualTo("cpu-spike");
  }

  @Test
  void anIncidentTheTableDoesNotHoldGetsNoThread() {
    assertThat(store.recordChatThread("inc-unknown", "slack", new ChatThread("C1", "1.2"), NOW)).isFalse();

    assertThat(store.incident("inc-unknown")).isEmpty();
    assertThat(store.chatThread("inc-unknown", "slack")).isEmpty();
  }

  @Test
  void aDestinationNameThatIsNotAPlainWordIsRefused() {
    assertThatThrownBy(() -> store.chatThread("inc-1", "slack.thread")).isInstanceOf(IllegalArgumentException.class);
  }
}
