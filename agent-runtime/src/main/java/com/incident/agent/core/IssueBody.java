package com.incident.agent.core;

import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.incident.Severity;
import com.incident.common.markdown.Markdown;
import com.incident.store.ChronologyEntry;
import com.incident.store.IssueStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The issue's title, labels and body: an overview that stays true as the incident moves (status line, severity
 * calibrated from impact, values with units, times in KST with UTC) and the incident's one chronology, as a Mermaid
 * timeline and as a table (what mobile GitHub and e-mail notifications show). Re-rendered whole at every step.
 */
public final class IssueBody {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter KST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'").withZone(KST);
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter KST_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(KST);
  private static final DateTimeFormatter CHART_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(KST);
  private static final DateTimeFormatter CHART_DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(KST);
  private static final int MAX_LABEL = 50;
  /** Chart events are cut at a word boundary past this many characters; the table keeps the whole line. */
  private static final int MAX_CHART_EVENT = 60;
  /** Console links point only at the AWS console; anything else is shown as text. */
  private static final List<String> CONSOLE_HOSTS = List.of("console.aws.amazon.com");

  /**
   * What the body shows beyond the alarm: where the incident stands, its severity and why, and its chronology.
   *
   * @param severityReason the calibration's Korean one-line reason; null while only the alarm decided it
   */
  public record State(IssueStatus status, Severity severity, String severityReason, MetricValues.Unit unit,
      List<ChronologyEntry> chronology, Instant updatedAt) {}

  private final WorkflowSettings settings;

  public IssueBody(WorkflowSettings settings) {
    this.settings = settings;
  }

  public String title(IncidentFacts facts) {
    return "[인시던트] " + Markdown.oneLine(facts.alarm().alarmName()) + " 알람 발생";
  }

  public List<String> labels(IncidentFacts facts, Severity severity) {
    String alarm = "alarm:" + facts.alarm().alarmName();
    return List.of("incident", severity.label(), "auto-analysis",
        alarm.length() > MAX_LABEL ? alarm.substring(0, MAX_LABEL) : alarm);
  }

  public String render(IncidentFacts facts, String incidentId, State state) {
    AlarmDetails a = facts.alarm();
    MetricValues.Unit unit = state.unit();
    StringBuilder b = new StringBuilder();
    b.append("> **상태: ").append(statusLabel(state.status())).append("** · ").append(when(state.updatedAt()))
        .append(" 기준\n\n");
    b.append("## 🚨 인시던트 개요\n\n");
    b.append(when(facts.alarmAt())).append("에 CloudWatch 알람 ").append(Markdown.code(a.alarmName()))
        .append("의 상태가 ALARM으로 바뀌었습니다. ").append(statusSentence(state.status())).append("\n\n");
    b.append("| 항목 | 값 |\n|---|---|\n");
    row(b, "알람 이름", Markdown.codeCell(a.alarmName()));
    row(b, "인시던트 유형", facts.type().label() + " (`" + facts.type().id() + "`)");
    row(b, "심각도", "`" + state.severity().label() + "` " + Markdown.cell(state.severityReason() == null
        ? "알람 기준 (영향 분석 전)" : state.severityReason()));
    row(b, "상태 변화", Markdown.codeCell(a.oldState()) + " → " + Markdown.codeCell(a.newState()));
    row(b, "발생 시각", when(facts.alarmAt()));
    if (a.metricName() != null) {
      row(b, "메트릭", Markdown.codeCell(a.namespace()) + " / " + Markdown.codeCell(a.metricName())
          + (a.statistic() == null ? "" : " (" + Markdown.cell(a.statistic()) + ")"));
    }
    if (a.threshold() != null) {
      row(b, "임계값", (a.comparisonOperator() == null ? "" : Markdown.codeCell(a.comparisonOperator()) + " ")
          + Markdown.cell(unit.format(a.threshold())));
    }
    if (a.observedValue() != null) {
      row(b, "관측값", Markdown.cell(unit.format(a.observedValue())));
    }
    if (a.alarmRule() != null) {
      row(b, "복합 알람 규칙", Markdown.codeCell(a.alarmRule()));
    }
    row(b, "영향 범위", facts.affected().isEmpty() ? "알 수 없음"
        : String.join(", ", facts.affected().stream().map(Markdown::codeCell).toList()));
    row(b, "분석 구간", when(facts.windowStart()) + " ~ " + when(facts.windowEnd()));
    row(b, "리전 / 계정", Markdown.codeCell(region(a)) + " / " + Markdown.codeCell(a.accountId()));
    if (a.reason() != null) {
      row(b, "알람 사유", Markdown.codeCell(a.reason()));
    }
    if (a.description() != null && !a.description().isBlank()) {
      row(b, "알람 설명", Markdown.codeCell(a.description()));
    }
    if (a.dimensions() != null && !a.dimensions().isEmpty()) {
      row(b, "디멘션", String.join(", ", a.dimensions().entrySet().stream().map(IssueBody::dimension).toList()));
    }
    List<ChronologyEntry> chronology = Chronology.ordered(state.chronology());
    if (!chronology.isEmpty()) {
      b.append("\n### 🕒 타임라인\n\n");
      b.append(mermaid(chronology)).append('\n');
      b.append(table(chronology));
    }
    b.append("\n### 🔗 콘솔 바로가기\n\n");
    for (String link : consoleLinks(facts)) {
      b.append("- ").append(link).append('\n');
    }
    b.append('\n').append(IssueMarkers.dedupMarker(incidentId)).append('\n');
    return b.toString();
  }

  static String statusLabel(IssueStatus status) {
    return switch (status) {
      case ANALYZING -> "🔄 분석 중";
      case AWAITING_APPROVAL -> "⏳ 승인 대기";
      case REMEDIATING -> "🛠️ 복구 중";
      case RESOLVED -> "✅ 해결됨";
      case NEEDS_ACTION -> "⚠️ 조치 필요";
    };
  }

  private static String statusSentence(IssueStatus status) {
    return switch (status) {
      case ANALYZING -> "자동 분석이 진행 중이며 결과는 이 이슈의 코멘트로 추가됩니다.";
      case AWAITING_APPROVAL -> "분석을 마쳤고, 자동 복구 계획이 담당자의 승인을 기다리고 있습니다. 승인 방법은 코멘트에 있습니다.";
      case REMEDIATING -> "분석을 마치고 자동 복구와 복구 검증을 진행하고 있습니다.";
      case RESOLVED -> "복구를 확인하고 이슈를 닫았습니다. 경위는 아래 타임라인과 코멘트에 있습니다.";
      case NEEDS_ACTION -> "자동 분석을 마쳤지만 담당자의 확인과 조치가 필요합니다. 코멘트의 대응 가이드를 확인해 주세요.";
    };
  }

  /** A time as a person reads it: {@code 2026-11-30 15:25:13 KST(06:25:13 UTC)}. */
  public static String when(Instant t) {
    return t == null ? "-" : KST_TIME.format(t) + "(" + UTC_TIME.format(t) + ")";
  }

  /**
   * The chronology as a Mermaid timeline: KST minutes as periods (with the day when it spans several), the events of
   * one minute on one period. Every label goes through {@link Markdown#mermaidLabel}, whose entity codes keep
   * {@code #} and {@code :} visible without the timeline lexer reading a comment or a separator.
   */
  static String mermaid(List<ChronologyEntry> chronology) {
    boolean oneDay = chronology.stream().map(e -> KST_DAY.format(e.at())).distinct().count() == 1;
    DateTimeFormatter period = oneDay ? CHART_TIME : CHART_DAY_TIME;
    StringBuilder b = new StringBuilder("```mermaid\ntimeline\n    title 인시던트 타임라인 (KST)\n");
    String open = null;
    for (ChronologyEntry e : chronology) {
      String p = Markdown.mermaidLabel(period.format(e.at()));
      if (!p.equals(open)) {
        b.append(open == null ? "" : "\n").append("    ").append(p);
        open = p;
      }
      b.append(" : ").append(Markdown.mermaidLabel(shorten(e.text(), MAX_CHART_EVENT)));
    }
    return b.append("\n```\n").toString();
  }

  /** The chronology as a table, the whole line of every event. */
  static String table(List<ChronologyEntry> chronology) {
    StringBuilder b = new StringBuilder("| 시각 | 단계 | 내용 |\n|---|---|---|\n");
    for (ChronologyEntry e : chronology) {
      b.append("| ").append(when(e.at())).append(" | ").append(stageLabel(e.stage())).append(" | ")
          .append(Markdown.cell(e.text())).append(" |\n");
    }
    return b.toString();
  }

  static String stageLabel(ChronologyEntry.Stage stage) {
    return switch (stage) {
      case FIRST_SIGNAL -> "이상 징후";
      case THRESHOLD -> "임계값 초과";
      case ALARM -> "알람";
      case RELATED_ALARM -> "연관 알람";
      case ISSUE -> "이슈";
      case ANALYSIS -> "분석";
      case APPROVAL -> "승인";
      case REMEDIATION -> "복구 조치";
      case VERIFICATION -> "복구 검증";
      case RECURRENCE -> "재발생";
      case OK -> "알람 해제";
      case CLOSE -> "종료";
    };
  }

  /** Cut at the last space before {@code max} characters, with "…"; never mid-word. */
  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 1);
    if (cut <= max / 2) {
      cut = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }

  List<String> consoleLinks(IncidentFacts facts) {
    AlarmDetails a = facts.alarm();
    String region = region(a);
    String base = "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region;
    List<String> links = new ArrayList<>();
    links.add(Markdown.link("CloudWatch 알람", base + "#alarmsV2:alarm/" + encode(a.alarmName()), CONSOLE_HOSTS));
    if (facts.cluster() != null) {
      links.add(Markdown.link("Container Insights (클러스터 " + facts.cluster() + ")", base
          + "#container-insights:performance/EKS:Cluster?~(query~(controls~(CW*3a*3aEKS.cluster~(~'"
          + encode(facts.cluster()) + "))))", CONSOLE_HOSTS));
      links.add(Markdown.link("CloudWatch Logs Insights (애플리케이션 로그)", base + "#logsV2:logs-insights", CONSOLE_HOSTS));
    }
    if (settings.logsConsoleUrl() != null) {
      // The operator configured this URL, so its own host is the allowlist.
      links.add(Markdown.link("OpenSearch Dashboards 로그", settings.logsConsoleUrl(), hostOf(settings.logsConsoleUrl())));
    }
    return links;
  }

  private static String region(AlarmDetails a) {
    if (a.alarmArn() != null && a.alarmArn().split(":").length > 3 && !a.alarmArn().split(":")[3].isBlank()) {
      return a.alarmArn().split(":")[3];
    }
    return a.region() == null ? "us-east-1" : a.region();
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String dimension(Map.Entry<String, String> d) {
    return Markdown.codeCell(d.getKey() + "=" + d.getValue());
  }

  private static List<String> hostOf(String url) {
    try {
      String host = new java.net.URI(url).getHost();
      return host == null ? List.of() : List.of(host);
    } catch (java.net.URISyntaxException e) {
      return List.of();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
