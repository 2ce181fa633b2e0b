package com.incident.agent.notify;

import com.incident.common.incident.AnalysisResult;
import com.incident.notify.ChatText;
import com.incident.notify.Notice;
import java.util.ArrayList;
import java.util.List;

/**
 * What each {@link IncidentEvent} says in chat, in Korean: the platform-free {@link Notice} that each destination
 * renders in its own formatting (and escapes). Times are KST with UTC in parentheses.
 */
public final class ChatNotices {
  private ChatNotices() {}

  public static Notice of(IncidentEvent event) {
    IncidentEvent.Ref ref = event.incident();
    String alarm = ref.alarmName();
    String link = "GitHub 이슈 #" + ref.issueNumber();
    return switch (event) {
      case IncidentEvent.Analyzed a -> {
        List<Notice.Field> fields = new ArrayList<>(List.of(new Notice.Field("알람", alarm),
            new Notice.Field("심각도", severity(a.severityLabel()))));
        if (a.strongestEvidence() != null && !a.strongestEvidence().isBlank()) {
          fields.add(new Notice.Field("가장 강한 근거", ChatText.cut(a.strongestEvidence().strip().replaceAll("\\s+", " "), 300)));
        }
        if (a.alarm() != null && a.alarm().stateChangeTime() != null) {
          fields.add(new Notice.Field("알람 시각", ChatText.kst(a.alarm().stateChangeTime())));
        }
        yield new Notice(ref.incidentId(), Notice.Kind.ANALYZED, "🚨 인시던트 분석 완료: " + alarm, cause(a.result()), fields,
            link, ref.issueUrl(), a.at());
      }
      case IncidentEvent.ApprovalRequested r -> new Notice(ref.incidentId(), Notice.Kind.APPROVAL_REQUESTED,
          "⏳ 복구 승인 대기: " + alarm,
          "복구 계획이 승인을 기다립니다. 이슈 #" + ref.issueNumber() + "에 /approve (또는 /승인) 댓글을 달면 계획대로 "
              + "조치하고, /reject (또는 /거절) 댓글을 달면 조치하지 않습니다. 저장소 쓰기 권한이 있는 사용자만 승인할 수 있습니다.",
          List.of(new Notice.Field("계획된 조치", lines(r.actions())),
              new Notice.Field("승인 기한", ChatText.kst(r.expiresAt())),
              new Notice.Field("계획 해시", r.planHash())),
          link, ref.issueUrl(), r.at());
      case IncidentEvent.Remediated r -> {
        List<Notice.Field> fields = new ArrayList<>(List.of(new Notice.Field("실행한 조치", lines(r.actions()))));
        if (r.approver() != null) {
          fields.add(new Notice.Field("승인자", r.approver()));
        }
        yield new Notice(ref.incidentId(), Notice.Kind.REMEDIATED, "🛠️ 복구 조치 완료: " + alarm,
            (r.approver() == null ? "자동 복구 조치를 실행했습니다." : r.approver() + "님이 승인한 복구 계획을 실행했습니다.")
                + " 지금 복구 여부를 확인하고 있습니다.", fields, link, ref.issueUrl(), r.at());
      }
      case IncidentEvent.Resolved r -> new Notice(ref.incidentId(), Notice.Kind.RESOLVED, "✅ 복구 확인: " + alarm,
          "복구를 확인하고 이슈를 닫았습니다.",
          List.of(new Notice.Field("MTTR", r.timeToRecover() == null ? "알 수 없음" : ChatText.duration(r.timeToRecover())),
              new Notice.Field("확인 방법", r.how() == null ? "-" : r.how())),
          link, ref.issueUrl(), r.at());
      case IncidentEvent.NeedsAction n -> new Notice(ref.incidentId(), Notice.Kind.NEEDS_ACTION, "⚠️ 조치 필요: " + alarm,
          n.reason(), List.of(), link, ref.issueUrl(), n.at());
    };
  }

  private static String cause(AnalysisResult result) {
    if (result == null || result.causes() == null || result.causes().isEmpty()) {
      return "원인을 특정하지 못했습니다. 이슈에 모은 근거를 확인해 주세요.";
    }
    AnalysisResult.ProbableCause top = result.causes().getFirst();
    return "가장 유력한 원인은 " + top.title() + "(" + top.category().koreanLabel() + ")이며, 확률은 "
        + Math.round(top.probability() * 100) + "%입니다.";
  }

  private static String severity(String label) {
    String id = label == null ? "" : label.replaceFirst("^severity:", "");
    return switch (id) {
      case "critical" -> "치명 (critical)";
      case "high" -> "높음 (high)";
      case "medium" -> "보통 (medium)";
      case "low" -> "낮음 (low)";
      default -> label == null ? "알 수 없음" : label;
    };
  }

  private static String lines(List<String> items) {
    return items == null || items.isEmpty() ? "-" : String.join("\n", items.stream().map(s -> "• " + s).toList());
  }
}
