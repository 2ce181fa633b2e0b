package com.incident.agent.core;

import static com.incident.agent.core.ApprovalComments.mention;
import static com.incident.agent.core.ApprovalComments.when;

import com.incident.common.incident.RootCauseCategory;
import com.incident.common.markdown.Markdown;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The Korean replies to /reanalyze, /feedback and commands the suite does not know. */
final class CommandReplies {
  /** What a person can write on an incident issue. */
  static final String COMMANDS = """
      | 명령 | 하는 일 |
      |---|---|
      | `/approve` 또는 `/승인` | 승인을 기다리는 복구 계획을 그대로 실행합니다 (쓰기 권한 필요) |
      | `/reject` 또는 `/거절` | 복구 계획을 폐기합니다 (쓰기 권한 필요) |
      | `/reanalyze` 또는 `/재분석` | 지금의 증거로 근본 원인을 다시 분석합니다 (인시던트당 10분에 한 번) |
      | `/feedback correct` 또는 `/정확` | 분석이 맞았다고 알려 줍니다 (쓰기 권한 필요) |
      | `/feedback wrong <분류>` 또는 `/오답 <분류>` | 분석이 틀렸고 실제 원인 분류가 무엇인지 알려 줍니다 (쓰기 권한 필요) |
      """;

  private CommandReplies() {}

  static String unknown(String login, String text) {
    return "## ❓ 알 수 없는 명령입니다\n\n" + mention(login) + " 님, " + Markdown.code(text == null ? "" : text)
        + "은(는) 이 인시던트에서 쓸 수 있는 명령이 아니라 아무것도 하지 않았습니다. 쓸 수 있는 명령은 다음과 같습니다.\n\n" + COMMANDS;
  }

  static String reanalysisLimited(String login, Instant next) {
    return "## ⏳ 재분석은 잠시 후에 가능합니다\n\n" + mention(login) + " 님, 재분석은 인시던트당 10분에 한 번만 실행합니다. "
        + (next == null || Instant.MAX.equals(next) ? "" : when(next) + " 이후에 ") + "다시 요청해 주세요. 이번 요청으로는 아무것도 "
        + "하지 않았습니다.\n";
  }

  static String reanalysisHead(String login) {
    return "## 🔁 재분석\n\n" + mention(login) + " 님의 요청으로 지금의 증거를 다시 모아 근본 원인을 분석했습니다.\n\n";
  }

  static String nothingToReanalyze(String login) {
    return "## ℹ️ 재분석할 수 없습니다\n\n" + mention(login) + " 님, 이 인시던트에는 처음 분석의 알람 정보가 저장되어 있지 않아 "
        + "재분석을 실행하지 않았습니다.\n";
  }

  static String noAnalysis(String login) {
    return "## ℹ️ 평가할 분석이 없습니다\n\n" + mention(login) + " 님, 이 인시던트에는 아직 저장된 분석 결과가 없어 피드백을 "
        + "기록하지 않았습니다.\n";
  }

  static String unknownCategory(String login, String given) {
    String valid = Arrays.stream(RootCauseCategory.values())
        .map(c -> "- `" + c.id() + "`: " + c.koreanLabel()).collect(Collectors.joining("\n"));
    return "## ❓ 원인 분류를 알 수 없습니다\n\n" + mention(login) + " 님, "
        + (given == null || given.isBlank() ? "`/feedback wrong` 뒤에 실제 원인 분류가 없어"
            : Markdown.code(given) + "은(는) 알려진 원인 분류가 아니라")
        + " 피드백을 기록하지 않았습니다. `/feedback wrong <분류>`의 분류는 다음 중 하나입니다.\n\n" + valid + "\n";
  }

  static String feedbackThanks(String login, RootCauseCategory judged, RootCauseCategory corrected, boolean labelled) {
    StringBuilder b = new StringBuilder("## 📝 피드백을 기록했습니다\n\n").append(mention(login)).append(" 님, 고맙습니다. ");
    if (corrected == null) {
      b.append("분석의 원인 분류 ").append(label(judged)).append("이(가) **맞았다**고 기록했습니다.");
    } else {
      b.append("분석의 원인 분류 ").append(label(judged)).append("이(가) **틀렸고** 실제 원인은 ").append(label(corrected))
          .append("(이)라고 기록했습니다.");
    }
    b.append(" 이 피드백은 비슷한 인시던트 검색과 분류별 정확도 지표에 반영됩니다.\n");
    if (!labelled) {
      b.append("\n> 이슈 라벨은 붙이지 못했습니다(GitHub 오류). 피드백 기록은 저장되었습니다.\n");
    }
    return b.toString();
  }

  static String noIncident(String login) {
    return "## ℹ️ 인시던트를 찾지 못했습니다\n\n" + mention(login) + " 님, 이 이슈에 연결된 인시던트 기록을 찾지 못해 아무것도 "
        + "하지 않았습니다.\n";
  }

  private static String label(RootCauseCategory c) {
    return c.koreanLabel() + " (" + Markdown.code(c.id()) + ")";
  }
}
