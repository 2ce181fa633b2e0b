package com.incident.agent.core;

import com.incident.common.markdown.Markdown;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.store.RemediationPlan;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Korean comments of REMEDIATION_MODE approval: the plan a person approves, and the replies to /approve and
 * /reject. Everything taken from the cluster or a comment is escaped; a login is mentioned only when it is one.
 */
public final class ApprovalComments {
  /** A GitHub login (the webhook forwards the comment author; apps end in {@code [bot]}). */
  public static final Pattern LOGIN = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\\[bot\\])?$");
  private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'KST'")
      .withZone(ZoneId.of("Asia/Seoul"));
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ApprovalComments() {}

  /** The plan comment: each object, the action, the chaos signature it matches, the undo, the hash and the expiry. */
  static String plan(String scenario, ChaosCleanupResult report, String note, Instant expiresAt) {
    StringBuilder b = new StringBuilder("## 🙋 복구 승인 요청\n\n");
    b.append("시나리오 ").append(Markdown.code(scenario)).append("에 해당하는 카오스 장애를 찾았습니다. 복구 모드가 `approval`이라 ")
        .append("아래 조치를 **계획만** 했고(dry-run), 클러스터는 아직 변경하지 않았습니다. 저장소 쓰기 권한이 있는 분이 승인하면 ")
        .append("이 계획 그대로 실행합니다.\n\n");
    b.append("| # | 대상 | 조치 | 변경 | 카오스 시그니처 근거 | 되돌리는 방법 |\n|---|---|---|---|---|---|\n");
    List<ChaosCleanupResult.Action> actions = report.actions();
    for (int i = 0; i < actions.size(); i++) {
      ChaosCleanupResult.Action a = actions.get(i);
      b.append("| ").append(i + 1).append(" | ").append(Markdown.codeCell(a.kind() + " " + a.namespace() + "/" + a.name()))
          .append(" | ").append(Remediator.korean(a.action())).append(" | ")
          .append(Markdown.cell(a.before() + " → " + a.after())).append(" | ").append(Markdown.cell(a.evidence()))
          .append(" | ").append(Markdown.codeCell(a.undo().how())).append(" |\n");
    }
    b.append('\n').append(note);
    b.append("- 계획 해시: ").append(Markdown.code(report.planHash())).append('\n');
    b.append("- 승인 기한: ").append(when(expiresAt)).append('\n');
    b.append("\n**승인 방법**: 이 이슈에 `/approve` (또는 `/승인`) 코멘트를 남겨 주세요. 거절하려면 `/reject` (또는 `/거절`).\n\n");
    b.append("> 승인 시점에 쓰기 권한을 GitHub에서 다시 확인합니다. 승인 기한이 지났거나, 그 사이 대상 객체가 바뀌어(resourceVersion 변경) ")
        .append("다시 세운 계획의 해시가 위와 다르면 아무것도 실행하지 않습니다.\n");
    return b.toString();
  }

  /** The step-6 comment when there is nothing a person could approve. */
  static String nothingPlanned(String scenario, Remediator.Cleanup plan) {
    String why;
    if (plan.failed()) {
      why = "`chaos-cleanup` 점검(dry-run)이 실패해 승인할 계획을 세우지 못했습니다.";
    } else if (plan.report() == null) {
      why = Markdown.text(plan.output());
    } else if (plan.report().outcome() == ChaosCleanupResult.Outcome.CLEAN) {
      why = "`chaos-cleanup`이 인시던트 범위에서 시나리오 " + Markdown.code(scenario) + "에 해당하는 대상을 찾지 못해 승인할 조치가 없습니다.";
    } else {
      why = "`chaos-cleanup`이 계획을 거부했습니다: " + Markdown.code(plan.report().message());
    }
    return "## 🤖 자동 복구 조치 (승인 모드)\n\n" + why + " 클러스터는 변경하지 않았습니다. 담당자의 확인이 필요합니다.\n\n"
        + toolOutput(plan);
  }

  /** The tool's answer, folded: for a person who wants every detail. */
  static String toolOutput(Remediator.Cleanup cleanup) {
    return "\n<details>\n<summary>chaos-cleanup 결과 (원문)</summary>\n\n" + Markdown.codeBlock(cleanup.output(), null)
        + "\n</details>\n";
  }

  /** The line the remediation comment carries after an approved run. */
  static String approvedBy(RemediationPlan plan) {
    return "- 승인: " + mention(plan.decidedBy()) + " (" + when(plan.decidedAt()) + "), 계획 해시 "
        + Markdown.code(plan.planHash()) + "\n";
  }

  static String notAllowed(String login, String permission) {
    return "## 🙅 승인할 수 없습니다\n\n" + mention(login) + " 님, 요청해 주셔서 감사합니다. 복구 계획은 저장소에 쓰기(write) 이상의 "
        + "권한이 있는 분만 승인하거나 거절할 수 있습니다. GitHub가 알려 준 현재 권한은 " + Markdown.code(permission)
        + "이라 아무것도 실행하지 않았습니다. 권한이 있는 담당자에게 요청해 주세요.\n";
  }

  static String permissionUnknown(String login) {
    return "## ⚠️ 권한을 확인하지 못했습니다\n\n" + mention(login) + " 님의 저장소 권한을 GitHub에서 확인하지 못해 아무것도 실행하지 "
        + "않았습니다. 잠시 후 다시 명령을 남겨 주세요.\n";
  }

  static String noPlan(String login) {
    return "## ℹ️ 승인할 계획이 없습니다\n\n" + mention(login) + " 님, 이 인시던트에는 승인을 기다리는 복구 계획이 없어 아무것도 "
        + "실행하지 않았습니다. 복구 모드가 `approval`일 때 분석이 카오스 장애를 찾으면 계획 코멘트가 올라옵니다.\n";
  }

  static String resolved(String login) {
    return "## ℹ️ 이미 해결된 인시던트입니다\n\n" + mention(login) + " 님, 이 인시던트는 이미 복구가 확인되어 닫혔습니다. "
        + "승인을 기다리던 계획은 그때의 클러스터 상태에 대한 것이라 아무것도 실행하지 않았습니다.\n";
  }

  static String expired(String login, RemediationPlan plan) {
    return "## ⌛ 승인 기한이 지났습니다\n\n" + mention(login) + " 님, 계획 " + Markdown.code(plan.planHash())
        + "의 승인 기한(" + when(plan.expiresAt()) + ")이 지나 아무것도 실행하지 않았습니다. 현재 상태로 다시 분석하려면 "
        + "`/reanalyze`를 남겨 주세요.\n";
  }

  static String alreadyDecided(String login, RemediationPlan plan) {
    String what = plan.state() == RemediationPlan.State.APPROVED ? "승인" : "거절";
    return "## ℹ️ 이미 결정된 계획입니다\n\n" + mention(login) + " 님, 계획 " + Markdown.code(plan.planHash()) + "은 "
        + mention(plan.decidedBy()) + " 님이 " + when(plan.decidedAt()) + "에 이미 " + what + "했습니다. 아무것도 다시 실행하지 "
        + "않았습니다.\n";
  }

  static String superseded(String login, RemediationPlan current) {
    return "## ℹ️ 계획이 바뀌었습니다\n\n" + mention(login) + " 님, 승인하려던 계획 대신 새 계획 " + Markdown.code(current.planHash())
        + "이 올라와 있어 아무것도 실행하지 않았습니다. 새 계획 코멘트를 확인한 뒤 다시 명령을 남겨 주세요.\n";
  }

  static String planChanged(String login, RemediationPlan plan, ChaosCleanupResult report) {
    return "## ⚠️ 승인한 계획과 현재 상태가 다릅니다\n\n" + mention(login) + " 님이 승인한 계획 " + Markdown.code(plan.planHash())
        + "을 실행하기 직전에 다시 계획해 보니, 그 사이 대상 객체가 바뀌어 계획 해시가 "
        + Markdown.code(report == null ? "-" : report.planHash()) + "(으)로 달라졌습니다. 승인은 처음 계획에만 유효하므로 "
        + "**아무것도 실행하지 않았습니다**. 현재 상태로 다시 분석하려면 `/reanalyze`를 남겨 주세요.\n";
  }

  static String rejected(String login) {
    return "## 🛑 복구 계획을 거절했습니다\n\n" + mention(login) + " 님의 요청으로 복구 계획을 폐기했습니다. 클러스터는 변경하지 "
        + "않았습니다. 이 인시던트는 **조치 필요** 상태로 남습니다.\n";
  }

  /** A Korean time with UTC in parentheses. */
  static String when(Instant t) {
    return t == null ? "-" : KST.format(t) + " (" + UTC.format(t) + ")";
  }

  /** {@code @login} when it is a login (GitHub notifies them), else the value as code. */
  static String mention(String login) {
    return login != null && LOGIN.matcher(login).matches() ? "@" + login : Markdown.code(login);
  }
}
