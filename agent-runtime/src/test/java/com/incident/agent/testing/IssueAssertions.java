package com.incident.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.core.Hangul;
import java.util.ArrayList;
import java.util.List;

/** The language policy as an assertion: every paragraph a person reads contains Hangul. */
public final class IssueAssertions {
  private IssueAssertions() {}

  public static void assertKoreanParagraphs(String markdown) {
    for (String paragraph : humanParagraphs(markdown)) {
      assertThat(Hangul.contains(paragraph)).as("paragraph without Hangul: %s", paragraph).isTrue();
      assertThat(paragraph).as("a particle seam reads as machine text: %s", paragraph)
          .doesNotContain("이(가)", "을(를)", "은(는)", "와(과)", "(으)로", "(이)");
    }
  }

  /** Paragraphs outside fenced code blocks, HTML comments and the collapsed JSON block's tags. */
  static List<String> humanParagraphs(String markdown) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      String t = line.strip();
      if (fenced || t.startsWith("<!--") || t.equals("<details>") || t.equals("</details>") || t.equals("---")) {
        continue;
      }
      if (t.isEmpty()) {
        flush(current, out);
      } else {
        current.append(t).append('\n');
      }
    }
    flush(current, out);
    return out;
  }

  private static void flush(StringBuilder current, List<String> out) {
    if (!current.isEmpty() && current.chars().anyMatch(Character::isLetter)) {
      out.add(current.toString());
    }
    current.setLength(0);
  }
}
