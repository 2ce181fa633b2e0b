package com.incident.tools.github;

import static com.incident.tools.github.GitHubFixture.call;
import static com.incident.tools.github.GitHubFixture.isError;
import static com.incident.tools.github.GitHubFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.tool.ToolNames;
import com.incident.tools.github.fake.FakeGitHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongReportTest {
  private static final String TABLE_HEADER = "| 시각 (UTC) | 이벤트 | 지표 |\n|---|---|---|";

  private final GitHubFixture fixture = new GitHubFixture();
  private final GitHubHandler handler = fixture.handler();

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void longKoreanReportIsSplitIntoNumberedCommentsNeverInsideATableOrCodeBlock() {
    String report = longReport();
    assertThat(report.length()).isGreaterThan(3 * 65_536);

    JsonNode result = call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of(
        "title", "[장애] 긴 분석 보고서", "body", report, "labels", List.of("incident"), "dedup_key", "INC-LONG"));

    assertThat(isError(result)).as(text(result)).isFalse();
    FakeGitHub.Issue issue = fixture.github.issue(1);
    List<String> pieces = new ArrayList<>();
    pieces.add(issue.body);
    fixture.github.comments(1).forEach(c -> pieces.add(c.body()));
    int n = pieces.size();
    assertThat(n).isGreaterThanOrEqualTo(4);
    assertThat(text(result)).contains("split into " + n + " numbered parts");
    assertThat(IssueMarkers.dedupKey(issue.body)).contains("INC-LONG");
    for (int i = 0; i < n; i++) {
      String piece = pieces.get(i);
      assertThat(piece.length()).isLessThanOrEqualTo(65_536);
      assertThat(piece).startsWith("**(" + (i + 1) + "/" + n + ")**");
      assertThat(piece.lines().filter(l -> l.startsWith("```")).count() % 2).as("balanced fences in part %d", i + 1).isZero();
      assertThat(piece.lines().filter(l -> l.startsWith("| 장애-")).count())
          .as("every table row in part %d sits under its header", i + 1)
          .isEqualTo(countTables(piece) * 40L);
    }
    String rejoined = String.join("\n\n", pieces.stream().map(LongReportTest::withoutHeaderAndMarker).toList());
    assertThat(rejoined).isEqualTo(report);
  }

  @Test
  void longCommentIsPostedAsNumberedComments() {
    call(handler, ToolNames.GITHUB_CREATE_ISSUE, Map.of("title", "A", "body", "B"));

    JsonNode result = call(handler, ToolNames.GITHUB_ADD_COMMENT, Map.of("issue_number", 1, "body", longReport()));

    assertThat(isError(result)).as(text(result)).isFalse();
    List<FakeGitHub.Comment> comments = fixture.github.comments(1);
    assertThat(comments.size()).isGreaterThanOrEqualTo(4);
    assertThat(comments.getFirst().body()).startsWith("**(1/" + comments.size() + ")**\n\n");
    assertThat(result.path("structuredContent").path("comments")).hasSize(comments.size());
  }

  private static long countTables(String piece) {
    return piece.lines().filter(l -> l.equals("|---|---|---|")).count();
  }

  private static String withoutHeaderAndMarker(String piece) {
    String s = piece.replaceFirst("^\\*\\*\\(\\d+/\\d+\\)\\*\\*[^\\n]*\\n\\n", "");
    return s.replaceFirst("\\n\\n<!-- incident-dedup-key: \\S+ -->\\n$", "");
  }

  /** Sections of Korean prose, a 40-row table and a code block with blank lines inside, repeated. */
  static String longReport() {
    List<String> blocks = new ArrayList<>();
    for (int s = 1; s <= 90; s++) {
      blocks.add("## " + s + ". 분석 구간");
      blocks.add(("checkout-api 파드의 CPU 사용률이 " + s + "분 동안 95%를 넘었고, 스로틀링이 증가했습니다. ").repeat(20));
      StringBuilder table = new StringBuilder(TABLE_HEADER);
      for (int r = 1; r <= 40; r++) {
        table.append("\n| 장애-").append(s).append('-').append(r).append(" | 03:").append(String.format("%02d", r)).append(" | cpu=9").append(r % 10).append("% |");
      }
      blocks.add(table.toString());
      blocks.add("```json\n{\"section\": " + s + ",\n\n  \"note\": \"코드 블록 안의 빈 줄\"}\n```");
      blocks.add("- 조치 1: 워크로드 확인\n- 조치 2: 리소스 제한 조정");
    }
    return String.join("\n\n", blocks);
  }
}
