package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.store.ChatThread;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** However long the incident's texts, the messages stay within the platforms' documented limits. */
class MessageLimitsTest {
  private static final String LONG = "<*_@everyone_*>&".repeat(400);
  private static final Notice HUGE = new Notice("inc-1", Notice.Kind.NEEDS_ACTION, "⚠️ " + LONG, LONG,
      IntStream.range(0, 30).mapToObj(i -> new Notice.Field("이름" + i + LONG, LONG)).toList(), LONG,
      "https://github.com/acme/incidents/issues/12", ChatFixture.NOW);

  @Test
  void aDiscordEmbedStaysWithinEveryFieldLimitAndTheTotal() {
    JsonNode embed = DiscordMessages.payload(HUGE, new ChatThread("1", "2")).at("/embeds/0");

    assertThat(embed.path("title").asText()).hasSizeLessThanOrEqualTo(256);
    assertThat(embed.path("description").asText()).hasSizeLessThanOrEqualTo(4096);
    assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
    int total = embed.path("title").asText().length() + embed.path("description").asText().length()
        + embed.at("/footer/text").asText().length();
    for (JsonNode f : embed.path("fields")) {
      assertThat(f.path("name").asText()).hasSizeLessThanOrEqualTo(256);
      assertThat(f.path("value").asText()).hasSizeLessThanOrEqualTo(1024);
      total += f.path("name").asText().length() + f.path("value").asText().length();
    }
    assertThat(total).isLessThanOrEqualTo(6000);
  }

  @Test
  void slackBlocksStayWithinBlockKitLimits() {
    ObjectNode body = SlackMessages.payload("C1", HUGE, null);

    JsonNode blocks = body.path("blocks");
    assertThat(blocks.at("/0/text/text").asText()).hasSizeLessThanOrEqualTo(150);
    assertThat(blocks.at("/1/text/text").asText()).hasSizeLessThanOrEqualTo(3000);
    assertThat(blocks.at("/2/fields").size()).isLessThanOrEqualTo(10);
    blocks.at("/2/fields").forEach(f -> assertThat(f.path("text").asText()).hasSizeLessThanOrEqualTo(2000));
    assertThat(body.path("text").asText()).hasSizeLessThanOrEqualTo(3000).doesNotContain("<", ">");
    assertThat(List.of(blocks.at("/1/text/text").asText())).allSatisfy(t -> assertThat(t).endsWith("…"));
  }
}
