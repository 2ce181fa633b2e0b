package com.incident.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.notify.ChatNotifier;
import com.incident.notify.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatListenerTest {
  private static final IncidentEvent.Ref INCIDENT =
      new IncidentEvent.Ref("incident-1", "netaiops-cpu-spike", 7, "https://github.com/acme/ops/issues/7");

  @Test
  void aSlowDestinationDoesNotHoldTheOtherBackAndEveryEventWaitsForBoth() throws Exception {
    CountDownLatch discordSent = new CountDownLatch(1);
    List<String> log = new CopyOnWriteArrayList<>();
    // Slack only answers once Discord has sent: one after the other, this would wait for the latch's whole timeout.
    ChatNotifier slack = destination("Slack", log, notice -> await(discordSent));
    ChatNotifier discord = destination("Discord", log, notice -> {
      discordSent.countDown();
      return "released";
    });
    ChatListener listener = new ChatListener(List.of(slack, discord));

    listener.on(new IncidentEvent.NeedsAction(INCIDENT, Instant.parse("2026-11-21T03:20:00Z"), "승인 대기"));
    listener.on(new IncidentEvent.Resolved(INCIDENT, Instant.parse("2026-11-21T03:30:00Z"), Duration.ofMinutes(10), "auto"));

    assertThat(log).hasSize(4);
    assertThat(log.subList(0, 2)).containsExactlyInAnyOrder("Slack:released", "Discord:released");
    assertThat(log.subList(2, 4)).containsExactlyInAnyOrder("Slack:released", "Discord:released");
  }

  private static String await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private interface Send {
    String apply(Notice notice);
  }

  private static ChatNotifier destination(String name, List<String> log, Send send) {
    return new ChatNotifier() {
      @Override
      public String destination() {
        return name;
      }

      @Override
      public boolean send(Notice notice) {
        log.add(name + ":" + send.apply(notice));
        return true;
      }
    };
  }
}
