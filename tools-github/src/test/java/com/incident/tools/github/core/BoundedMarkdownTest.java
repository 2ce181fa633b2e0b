package com.incident.tools.github.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMarkdownTest {
  private final BoundedMarkdown bounded = new BoundedMarkdown(1_000);

  @Test
  void aBodyWithinTheBoundsIsPostedUnchanged() {
    String body = "## 개요\n\n" + "짧은 문단입니다. ".repeat(100);

    BoundedMarkdown.Body fitted = bounded.fit(body, 2);

    assertThat(fitted.omittedChars()).isZero();
    assertThat(fitted.pieces()).hasSize(2);
    assertThat(String.join("\n\n", fitted.pieces())).isEqualTo(body);
  }

  @Test
  void theCutClosesAnOpenDetailsBlockSoTheNoticeIsVisible() {
    String body = "## 복구\n\n<details>\n<summary>원문</summary>\n\n" + "- 삭제한 파드 stress-ng-" + "x".repeat(10) + "\n".repeat(1)
        + "- 항목 줄입니다\n".repeat(400) + "\n</details>\n";

    BoundedMarkdown.Body fitted = bounded.fit(body, 1);

    String only = fitted.pieces().getFirst();
    assertThat(fitted.pieces()).hasSize(1);
    assertThat(only.length()).isLessThanOrEqualTo(1_000);
    assertThat(only).endsWith("…\n\n</details>\n\n" + BoundedMarkdown.notice(fitted.omittedChars()));
    assertThat(body).startsWith(only.substring(0, only.indexOf("\n\n…")));
  }

  @Test
  void aLongTokenIsLeftOutWholeAndOnlyAWindowFullOfOneTokenIsCutInside() {
    BoundedMarkdown.Body dropped = bounded.fit("로그: " + "A".repeat(10_000), 1);
    BoundedMarkdown.Body cutInside = bounded.fit("A".repeat(10_000), 1);

    assertThat(dropped.pieces()).containsExactly("로그:…\n\n" + BoundedMarkdown.notice(10_001));
    assertThat(cutInside.pieces()).hasSize(1);
    assertThat(cutInside.pieces().getFirst()).startsWith("AAAA").hasSizeLessThanOrEqualTo(1_000)
        .endsWith("A…\n\n" + BoundedMarkdown.notice(cutInside.omittedChars()));
  }

  @Test
  void titlesAreCutBetweenWordsWithAnEllipsisCountingCodePoints() {
    String title = "[인시던트] " + "🚨 결제-api-지연 ".repeat(30) + "알람 발생";

    BoundedMarkdown.Title t = BoundedMarkdown.title(title, 256);

    assertThat(t.text().codePointCount(0, t.text().length())).isLessThanOrEqualTo(256);
    assertThat(t.text()).endsWith("…");
    String kept = t.text().substring(0, t.text().length() - 1);
    assertThat(title).startsWith(kept);
    assertThat(title.charAt(kept.length())).isEqualTo(' ');
    assertThat(t.omittedChars()).isEqualTo(title.codePointCount(0, title.length()) - kept.codePointCount(0, kept.length()));
    assertThat(BoundedMarkdown.title(" 짧은 제목 ", 256)).isEqualTo(new BoundedMarkdown.Title("짧은 제목", 0));
  }

  @Test
  void theNoticeSaysHowManyCharactersWereLeftOut() {
    assertThat(BoundedMarkdown.notice(12_345)).isEqualTo("⚠️ 본문이 길어 12,345자 생략됨");
    assertThat(List.of(BoundedMarkdown.notice(0))).containsExactly("⚠️ 본문이 길어 0자 생략됨");
  }
}
