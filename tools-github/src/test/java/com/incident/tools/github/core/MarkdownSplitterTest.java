package com.incident.tools.github.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSplitterTest {
  private final MarkdownSplitter splitter = new MarkdownSplitter(300);

  @Test
  void textWithinTheLimitIsReturnedUntouched() {
    String text = "짧은 본문\r\n\r\n그대로";
    assertThat(splitter.split(text)).containsExactly(text);
  }

  @Test
  void splitsAtParagraphBoundariesAndKeepsEveryParagraphWhole() {
    String p1 = "첫 번째 문단입니다. ".repeat(10).strip();
    String p2 = "두 번째 문단입니다. ".repeat(10).strip();
    String p3 = "세 번째 문단입니다. ".repeat(10).strip();

    List<String> pieces = splitter.split(p1 + "\n\n" + p2 + "\n\n" + p3);

    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(300));
    assertThat(String.join("\n\n", pieces)).isEqualTo(p1 + "\n\n" + p2 + "\n\n" + p3);
    assertThat(pieces).allSatisfy(p -> assertThat(List.of(p1, p2, p3)).anyMatch(p::contains));
  }

  @Test
  void aTableIsNeverCutWhenItFitsInAPiece() {
    String intro = "소개 문단 ".repeat(45).strip();
    String table = "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |";

    List<String> pieces = splitter.split(intro + "\n\n" + table);

    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(1)).isEqualTo(table);
  }

  @Test
  void aCodeBlockWithBlankLinesInsideStaysInOnePiece() {
    String intro = "소개 문단 ".repeat(45).strip();
    String code = "```yaml\nkey: 1\n\n\nother: 2\n```";

    List<String> pieces = splitter.split(intro + "\n\n" + code + "\n\n" + intro);

    assertThat(pieces).hasSize(2).anyMatch(p -> p.contains(code));
  }

  @Test
  void anOversizedCodeBlockIsReFencedInEveryPiece() {
    StringBuilder code = new StringBuilder("```java\n");
    for (int i = 0; i < 40; i++) {
      code.append("int value").append(i).append(" = ").append(i).append(";\n");
    }
    code.append("```");

    List<String> pieces = splitter.split(code.toString());

    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(pieces).allSatisfy(p -> {
      assertThat(p).startsWith("```java\n").endsWith("\n```");
      assertThat(p.length()).isLessThanOrEqualTo(300);
    });
    assertThat(String.join("", pieces)).contains("int value0 = 0;").contains("int value39 = 39;");
  }

  @Test
  void anOversizedTableRepeatsItsHeaderInEveryPiece() {
    StringBuilder table = new StringBuilder("| 시각 | 이벤트 |\n|---|---|");
    for (int i = 0; i < 40; i++) {
      table.append("\n| 03:").append(i).append(" | 이벤트 ").append(i).append(" |");
    }

    List<String> pieces = splitter.split(table.toString());

    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(pieces).allSatisfy(p -> assertThat(p).startsWith("| 시각 | 이벤트 |\n|---|---|\n"));
    assertThat(pieces.stream().mapToLong(p -> p.lines().count() - 2).sum()).isEqualTo(40);
  }

  @Test
  void aSingleHugeLineIsCutBetweenCodePointsNotInsideAnEmoji() {
    String line = "🚨".repeat(400);

    List<String> pieces = splitter.split(line);

    assertThat(pieces).allSatisfy(p -> {
      assertThat(p.length()).isLessThanOrEqualTo(300);
      assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
    });
    assertThat(String.join("", pieces)).isEqualTo(line);
  }

  @Test
  void aLongLineWithSpacesIsWrappedBetweenWordsAndEveryPieceKnowsWhereItEndsInTheSource() {
    String line = "checkout-api 파드의 CPU 사용률이 급증했습니다. ".repeat(40);

    List<MarkdownSplitter.Piece> pieces = splitter.pieces(line);

    assertThat(pieces).hasSizeGreaterThan(1);
    int start = 0;
    for (MarkdownSplitter.Piece p : pieces) {
      assertThat(p.text()).isEqualTo(line.substring(start, p.end()));
      assertThat(p.end() == line.length() || line.charAt(p.end() - 1) == ' ').as("ends after a space").isTrue();
      start = p.end();
    }
    assertThat(start).isEqualTo(line.length());
  }

  @Test
  void rejectsAUselesslySmallLimit() {
    assertThatThrownBy(() -> new MarkdownSplitter(10)).isInstanceOf(IllegalArgumentException.class);
  }
}
