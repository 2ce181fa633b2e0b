package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatTextTest {
  @Test
  void timesReadAsKstWithUtcInParenthesesAndTheUtcDayWhenItDiffers() {
    assertThat(ChatText.kst(Instant.parse("2026-11-21T03:15:00Z"))).isEqualTo("2026-11-21 12:15 KST(03:15 UTC)");
    assertThat(ChatText.kst(Instant.parse("2026-11-21T16:05:00Z"))).isEqualTo("2026-11-22 01:05 KST(2026-11-21 16:05 UTC)");
  }

  @Test
  void durationsReadInTheLargestTwoUnits() {
    assertThat(ChatText.duration(Duration.ofSeconds(750))).isEqualTo("12분 30초");
    assertThat(ChatText.duration(Duration.ofMinutes(12))).isEqualTo("12분");
    assertThat(ChatText.duration(Duration.ofSeconds(45))).isEqualTo("45초");
    assertThat(ChatText.duration(Duration.ofMinutes(65).plusSeconds(9))).isEqualTo("1시간 5분");
  }

  @Test
  void slackEscapesOnlyWhatItReservesAndACutNeverSplitsAnEntity() {
    assertThat(ChatText.slack("a <!channel> & <http://x|y>")).isEqualTo("a &lt;!channel&gt; &amp; &lt;http://x|y&gt;");
    assertThat(ChatText.slack("abc<def", 6)).isEqualTo("abc…");
    assertThat(ChatText.slack("abc", 3)).isEqualTo("abc");
  }

  @Test
  void discordEscapesFormattingLinksAndMentions() {
    assertThat(ChatText.discord("**x** [a](http://e) @here # h > q `c`"))
        .isEqualTo("\\*\\*x\\*\\* \\[a\\]\\(http://e\\) \\@here \\# h \\> q \\`c\\`");
    assertThat(ChatText.discord("ab_cd", 4)).isEqualTo("ab…");
  }
}
