package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruncateTest {

  @Test
  void shortTextIsKeptOnOneLine() {
    assertThat(Truncate.words("a\n  b", 10)).isEqualTo("a b");
  }

  @Test
  void longTextIsCutAtAWordBoundaryNeverInsideAToken() {
    String s = "POST /checkout/submit 500: java.lang.NullPointerException at com.amazon.sample.checkout.DiscountEngine.apply(DiscountEngine.java:57)";

    String cut = Truncate.words(s, 60);

    assertThat(cut).isEqualTo("POST /checkout/submit 500: java.lang.NullPointerException at…");
    assertThat(s).startsWith(cut.substring(0, cut.length() - 1));
  }

  @Test
  void aCutNeverLeavesACodeSpanOpenNorEndsOnPunctuation() {
    assertThat(Truncate.words("이미지 `registry.example.com/team/checkout:1.3.0-rc1 with` 다음 단어들", 30))
        .isEqualTo("이미지…");
    assertThat(Truncate.words("첫째, 둘째, 셋째, 넷째", 9)).isEqualTo("첫째, 둘째…");
  }

  @Test
  void aSingleLongTokenIsCutBetweenItsParts() {
    assertThat(Truncate.words("ghcr.io/colinianking/stress-ng:0.18.06", 20)).isEqualTo("ghcr.io/colinianking…");
  }
}
