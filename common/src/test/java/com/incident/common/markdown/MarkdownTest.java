package com.incident.common.markdown;

import static com.incident.common.testing.MarkdownChecks.active;
import static com.incident.common.testing.MarkdownChecks.corpus;
import static com.incident.common.testing.MarkdownChecks.fencedBlocks;
import static com.incident.common.testing.MarkdownChecks.structure;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.testing.MarkdownChecks;
import com.incident.common.testing.MarkdownChecks.Entry;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;

class MarkdownTest {
  private static final String BENIGN = "평범한 값 checkout-api";
  private static final List<String> CONSOLE = List.of("console.aws.amazon.com");

  @Test
  void corpusCoversEveryBreakoutClass() {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(corpus().stream().map(Entry::kind).distinct())
        .contains("link", "image", "mention", "ref", "html", "code", "table", "mermaid", "heading", "list", "format");
  }

  @Test
  void everyCorpusEntryStaysTextInEveryMarkdownContext() {
    String benign = document(BENIGN);
    for (Entry e : corpus()) {
      String doc = document(e.value());
      assertThat(structure(doc)).as("structure with %s\n%s", e, doc).isEqualTo(structure(benign));
      assertThat(active(doc)).as("links, HTML, mentions with %s\n%s", e, doc).isEqualTo(active(benign));
      assertThat(fencedBlocks(doc, "text")).as("code block with %s", e)
          .containsExactly(e.value().replaceAll("[\\x00-\\x08\\x0E-\\x1F\\x7F\\u202A-\\u202E]", "")
              .replace("\r\n", "\n").replaceAll("[\\r\\u0085\\u2028\\u2029]", "\n").replaceAll("\\n?$", "\n"));
    }
  }

  @Test
  void codeSpansShowTheValueVerbatimOnOneLine() {
    for (Entry e : corpus()) {
      Node doc = MarkdownChecks.parse("값: " + Markdown.code(e.value()) + "\n");
      Code code = (Code) doc.getFirstChild().getLastChild();
      assertThat(code.getLiteral()).as("%s", e).isEqualTo(Markdown.oneLine(e.value()));
    }
  }

  @Test
  void mentionsReferencesAndBareUrlsGetAZeroWidthJoiner() {
    assertThat(Markdown.text("@everyone and @acme/oncall")).isEqualTo("@\u200Deveryone and @\u200Dacme/oncall");
    assertThat(Markdown.text("see #12, GH-3")).isEqualTo("see #\u200D12, GH-\u200D3");
    assertThat(Markdown.text("https://evil.example www.evil.example")).isEqualTo("https:\u200D//evil.example www\u200D.evil.example");
  }

  @Test
  void inlineSyntaxIsEscapedAndBlockMarkersOnlyWhereTheValueStarts() {
    assertThat(Markdown.text("# 제목\n- a-b")).isEqualTo("\\# 제목 - a-b");
    assertThat(Markdown.text("1. item")).isEqualTo("1\\. item");
    assertThat(Markdown.text("<b>`x`</b> | *y* [z]")).isEqualTo("\\<b>\\`x\\`\\</b> \\| \\*y\\* \\[z\\]");
    assertThat(Markdown.text("a\u202Eb\u0000c")).isEqualTo("abc");
    assertThat(Markdown.cell("  \n ")).isEqualTo("-");
  }

  @Test
  void aMegabyteOfWhitespaceAndBacktickRunsIsEscapedInOnePass() {
    // A backtracking pattern over whitespace runs would take ~10^11 steps here and never return.
    String spaces = " \t".repeat(500_000) + "x";
    String ticks = "`".repeat(1_000_000);

    assertThat(Markdown.text(spaces)).isEqualTo("x");
    assertThat(Markdown.code(ticks)).hasSize(3 * 1_000_000 + 4);
    assertThat(Markdown.codeBlock(spaces + "\r\n" + spaces, null)).startsWith("```\n \t");
  }

  @Test
  void fencesAreLongerThanAnyBacktickRunInTheValue() {
    assertThat(Markdown.code("a``b")).isEqualTo("```a``b```");
    assertThat(Markdown.code("`x")).isEqualTo("`` `x ``");
    assertThat(Markdown.codeBlock("```\nx\n`````", "json")).isEqualTo("``````json\n```\nx\n`````\n``````\n");
    assertThat(Markdown.codeBlock("plain", "a`b c")).isEqualTo("```abc\nplain\n```\n");
  }

  @Test
  void aTableCellWithAPipeIsEscapedTextNotCode() {
    assertThat(Markdown.codeCell("ns/ui")).isEqualTo("`ns/ui`");
    assertThat(Markdown.codeCell("a|b")).isEqualTo("a\\|b");
  }

  @Test
  void linksGoOnlyToAllowedHttpsHosts() {
    assertThat(Markdown.link("알람 [x]", "https://us-west-2.console.aws.amazon.com/cloudwatch/home#a:(b)", CONSOLE))
        .isEqualTo("[알람 \\[x\\]](<https://us-west-2.console.aws.amazon.com/cloudwatch/home#a:(b)>)");
    assertThat(Markdown.link("알람", "https://us-west-2.evil.example/x?.console.aws.amazon.com", CONSOLE)).isEqualTo("알람");
    assertThat(Markdown.link("알람", "http://console.aws.amazon.com/", CONSOLE)).isEqualTo("알람");
    assertThat(Markdown.link("알람", "https://user@console.aws.amazon.com/", CONSOLE)).isEqualTo("알람");
    assertThat(Markdown.link("알람", "javascript:alert(1)", CONSOLE)).isEqualTo("알람");
    assertThat(Markdown.link("알람", "https://evilconsole.aws.amazon.com.example/", CONSOLE)).isEqualTo("알람");
  }

  @Test
  void mermaidLabelsStayOneEntryOnOneLine() {
    Pattern breakers = Pattern.compile("[\\n\\r:;#%\"<>&`{}|\\\\]");
    Set<String> keywords = Set.of("title", "section", "end", "acctitle", "accdescr", "timeline", "gantt");
    for (Entry e : corpus()) {
      String label = Markdown.mermaidLabel(e.value());
      assertThat(label.replaceAll("#\\d+;", "")).as("%s", e).doesNotContainPattern(breakers);
      assertThat(label).as("%s", e).isNotBlank();
      assertThat(keywords).as("%s", e).doesNotContain(label.split("[^\\p{L}]", 2)[0].toLowerCase());
    }
    assertThat(Markdown.mermaidLabel("section 주입")).isEqualTo("s\u200Dection 주입");
    assertThat(Markdown.mermaidLabel("a : b")).isEqualTo("a #58; b");
    // Mermaid turns #35; back into # in the SVG: the reader sees "이슈 #1 생성", the lexer never sees a comment.
    assertThat(Markdown.mermaidLabel("이슈 #1 생성")).isEqualTo("이슈 #35;1 생성");
    assertThat(Markdown.mermaidLabel("#59;")).isEqualTo("#35;59#59;");
  }

  /** Every context, in a document shaped like the issue: heading, prose, lists, a table, a link, a code block. */
  private static String document(String v) {
    return "## 제목 " + Markdown.text(v) + "\n\n"
        + "문단 " + Markdown.text(v) + " 코드 " + Markdown.code(v) + "\n\n"
        + "- " + Markdown.text(v) + "\n- [ ] " + Markdown.text(v) + "\n\n"
        + "1. **" + Markdown.text(v) + "**: " + Markdown.text(v) + "\n\n"
        + "| 항목 | 값 | 코드 |\n|---|---|---|\n"
        + "| 텍스트 | " + Markdown.cell(v) + " | " + Markdown.codeCell(v) + " |\n"
        + "| 둘째 | " + Markdown.cell(v) + " | " + Markdown.codeCell(v) + " |\n\n"
        + "- " + Markdown.link("콘솔 " + v, "https://us-east-1.console.aws.amazon.com/cloudwatch/home", CONSOLE) + "\n\n"
        + "<details>\n<summary>원문</summary>\n\n" + Markdown.codeBlock(v, "text") + "\n</details>\n";
  }
}
