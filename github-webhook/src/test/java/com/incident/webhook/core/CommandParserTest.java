package com.incident.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.IssueCommand.Kind;
import com.incident.webhook.core.CommandParser.Parsed;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  @Test
  void englishAndKoreanCommandsMapToTheSameKinds() {
    assertThat(CommandParser.parse("/approve")).contains(new Parsed(Kind.APPROVE, null));
    assertThat(CommandParser.parse("/승인")).contains(new Parsed(Kind.APPROVE, null));
    assertThat(CommandParser.parse("/Reject")).contains(new Parsed(Kind.REJECT, null));
    assertThat(CommandParser.parse("/거절 지금은 안 됩니다")).contains(new Parsed(Kind.REJECT, null));
    assertThat(CommandParser.parse("/reanalyze")).contains(new Parsed(Kind.REANALYZE, null));
    assertThat(CommandParser.parse("/재분석")).contains(new Parsed(Kind.REANALYZE, null));
    assertThat(CommandParser.parse("/feedback correct")).contains(new Parsed(Kind.FEEDBACK_CORRECT, null));
    assertThat(CommandParser.parse("/정확")).contains(new Parsed(Kind.FEEDBACK_CORRECT, null));
    assertThat(CommandParser.parse("/feedback wrong memory-leak")).contains(new Parsed(Kind.FEEDBACK_WRONG, "memory-leak"));
    assertThat(CommandParser.parse("/오답 image-pull")).contains(new Parsed(Kind.FEEDBACK_WRONG, "image-pull"));
  }

  @Test
  void aWrongVerdictWithoutACategoryIsStillFeedbackSoTheAgentCanListTheCategories() {
    assertThat(CommandParser.parse("/feedback wrong")).contains(new Parsed(Kind.FEEDBACK_WRONG, null));
    assertThat(CommandParser.parse("/오답")).contains(new Parsed(Kind.FEEDBACK_WRONG, null));
  }

  @Test
  void anyOtherSlashLineIsUnknownAndQuotedBoundedForTheReply() {
    assertThat(CommandParser.parse("/feedback maybe")).contains(new Parsed(Kind.UNKNOWN, "/feedback maybe"));
    assertThat(CommandParser.parse("/deploy v2")).contains(new Parsed(Kind.UNKNOWN, "/deploy v2"));
    assertThat(CommandParser.parse("/" + "x".repeat(500)).orElseThrow().argument()).hasSize(CommandParser.MAX_ARGUMENT_CHARS);
  }

  @Test
  void theFirstSlashLineCountsOutsideCodeBlocksAndQuotes() {
    assertThat(CommandParser.parse("좋습니다.\r\n  /approve\n/reject")).contains(new Parsed(Kind.APPROVE, null));
    assertThat(CommandParser.parse("> /approve\n동의하지 않습니다")).isEmpty();
    assertThat(CommandParser.parse("```\n/usr/bin/stress-ng --cpu 4\n```\n/reject")).contains(new Parsed(Kind.REJECT, null));
    assertThat(CommandParser.parse("그냥 메모입니다. `/approve` 라고 쓰면 됩니다.")).isEmpty();
    assertThat(CommandParser.parse("")).isEmpty();
  }
}
