package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.secrets.StaticSecretProvider;
import com.incident.common.tool.ToolNames;
import com.incident.tools.github.core.BoundedMarkdown;
import com.incident.tools.github.fake.FakeGitHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One create or comment call posts at most the issue body plus GITHUB_MAX_CONTINUATION_COMMENTS comments. */
class BoundedIssueTest {
  private static final Pattern TAIL = Pattern.compile("\\n*…(\\n`{3,})?\\n\\n⚠️ 본문이 길어 ([\\d,]+)자 생략됨$");

  private final GitHubFixture fixture = new GitHubFixture();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void oversizedReportIsCutAfterTheIssueAndFiveCommentsAtABoundaryWithAKoreanNotice() {
    String report = String.join("\n\n", List.of(LongReportTest.longReport(), LongReportTest.longReport(),
        LongReportTest.longReport(), LongReportTest.longReport(), LongReportTest.longReport()));
    assertThat(report.length()).isGreaterThan(6 * 65_536);

    JsonNode result = call(fixture.handler(), ToolNames.GITHUB_CREATE_ISSUE, Map.of(
        "title", "[장애] 아주 긴 보고서", "body", report, "dedup_key", "INC-HUGE"));

    assertThat(isError(result)).as(text(result)).isFalse();
    List<String> pieces = posted(1);
    assertThat(pieces).hasSize(6);
    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(65_536));
    assertThat(pieces).allSatisfy(p -> assertThat(p.lines().filter(l -> l.startsWith("```")).count() % 2).isZero());
    assertThat(IssueMarkers.dedupKey(pieces.getFirst())).contains("INC-HUGE");
    assertThat(pieces.getFirst()).contains("게시 한도를 넘는 끝부분은 생략했습니다");

    String last = pieces.getLast();
    Matcher tail = TAIL.matcher(last);
    assertThat(tail.find()).as("notice at the end of %s", last.substring(Math.max(0, last.length() - 300))).isTrue();
    List<String> kept = new ArrayList<>(pieces.stream().map(BoundedIssueTest::withoutHeaderAndMarker).toList());
    kept.set(kept.size() - 1, TAIL.matcher(kept.getLast()).replaceFirst(""));
    String rejoined = String.join("\n\n", kept);
    assertThat(report).startsWith(rejoined);
    assertThat(Character.isWhitespace(report.charAt(rejoined.length()))).as("cut at a line or word boundary").isTrue();

    int omitted = report.length() - rejoined.length();
    assertThat(tail.group(2)).isEqualTo(String.format("%,d", omitted));
    JsonNode s = result.path("structuredContent");
    assertThat(s.path("bodyOmittedChars").asInt()).isEqualTo(omitted);
    assertThat(s.path("parts").asInt()).isEqualTo(6);
    assertThat(s.path("maxParts").asInt()).isEqualTo(6);
    assertThat(s.path("titleOmittedChars").asInt()).isZero();
    assertThat(text(result)).contains("body cut: " + omitted + " characters left out");
  }

  @Test
  void cutInsideACodeBlockClosesTheFenceSoTheNoticeIsText() {
    StringBuilder log = new StringBuilder("## 로그 원문\n\n```text\n");
    for (int i = 0; log.length() < 300_000; i++) {
      log.append("2026-11-21T03:14:").append(i % 60).append("Z ERROR checkout-api request ").append(i).append(" failed\n");
    }
    log.append("```\n\n끝.");

    JsonNode result = call(handler(0), ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "로그", "body", log.toString()));

    assertThat(isError(result)).as(text(result)).isFalse();
    assertThat(fixture.github.comments(1)).isEmpty();
    String body = fixture.github.issue(1).body;
    assertThat(body.length()).isLessThanOrEqualTo(65_536);
    Node doc = Parser.builder().build().parse(body);
    FencedCodeBlock code = (FencedCodeBlock) doc.getFirstChild().getNext();
    assertThat(code.getClosingFenceLength()).as("fence closed").isEqualTo(3);
    assertThat(code.getLiteral()).endsWith(" failed\n…\n");
    assertThat(doc.getLastChild()).isInstanceOf(Paragraph.class);
    assertThat(((Text) doc.getLastChild().getFirstChild()).getLiteral())
        .isEqualTo(BoundedMarkdown.notice(result.path("structuredContent").path("bodyOmittedChars").asInt()));
  }

  @Test
  void oversizedCommentIsBoundedTheSameWay() {
    GitHubHandler handler = handler(1);
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    JsonNode result = call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", LongReportTest.longReport()));

    assertThat(isError(result)).as(text(result)).isFalse();
    List<FakeGitHub.Comment> comments = fixture.github.comments(1);
    assertThat(comments).hasSize(2);
    assertThat(comments.getLast().body()).containsPattern(TAIL);
    assertThat(result.path("structuredContent").path("bodyOmittedChars").asInt()).isPositive();
    assertThat(result.path("structuredContent").path("comments")).hasSize(2);
  }

  private GitHubHandler handler(int maxContinuationComments) {
    Map<String, String> env = fixture.env();
    env.put("GITHUB_MAX_CONTINUATION_COMMENTS", String.valueOf(maxContinuationComments));
    return fixture.handler(env, new StaticSecretProvider(Map.of(GitHubFixture.TOKEN_PARAM, GitHubFixture.TOKEN)));
  }

  private List<String> posted(int number) {
    List<String> pieces = new ArrayList<>();
    pieces.add(fixture.github.issue(number).body);
    fixture.github.comments(number).forEach(c -> pieces.add(c.body()));
    return pieces;
  }

  private static String withoutHeaderAndMarker(String piece) {
    String s = piece.replaceFirst("^\\*\\*\\(\\d+/\\d+\\)\\*\\*[^\\n]*\\n\\n", "");
    return s.replaceFirst("\\n\\n<!-- incident-dedup-key: \\S+ -->\\n$", "");
  }
}
