package com.incident.agent.core;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.IssueMarkers;
import com.incident.common.markdown.Markdown;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Everything a person reads on GitHub: Korean Markdown for the issue, its comments and the footer. */
public final class IssueRenderer {

  private final WorkflowSettings settings;

  public IssueRenderer(WorkflowSettings settings) {
    this.settings = settings;
  }

  /** The analysis; its events are in the issue body's one timeline, which this comment points to. */
  public String rootCause(AnalysisResult r, Evidence evidence, String fallbackReason) {
    StringBuilder b = new StringBuilder("## 🔍 근본 원인 분석\n\n");
    if (RuleBasedAnalyzer.ANALYZER.equals(r.analyzer())) {
      b.append("> ⚠️ **규칙 기반 분석 (rule-based)**: AI 분석을 사용할 수 없어 규칙 기반 분석기로 작성했습니다. 사유: ")
          .append(fallbackReasonKorean(fallbackReason)).append("\n\n");
    } else if (ModelLabel.isFixture(r.analyzer())) {
      b.append("> 🧪 이 분석은 **로컬 시나리오 모델**(실제 Claude 아님, ").append(code(r.analyzer()))
          .append(")이 작성했습니다. 샌드박스가 시나리오대로 재생한 응답이며 실제 AI 분석이 아닙니다.\n\n");
    } else {
      b.append("> 🤖 AI 분석 (").append(code(r.analyzer())).append(") 결과입니다.\n\n");
    }
    b.append("**요약**: ").append(rich(r.summary(), false)).append("\n\n");
    b.append("**인시던트 유형**: ").append(text(IncidentType.labelOf(r.incidentType()))).append("\n\n");
    if (!r.affectedComponents().isEmpty()) {
      b.append("**영향 컴포넌트**: ").append(String.join(", ", r.affectedComponents().stream().map(IssueRenderer::code).toList())).append("\n\n");
    }
    b.append("### 추정 원인 (확률 순)\n\n| 순위 | 원인 | 분류 | 확률 |\n|---|---|---|---|\n");
    int rank = 1;
    for (ProbableCause c : r.causes()) {
      b.append("| ").append(rank++).append(" | ").append(rich(c.title(), true)).append(" | ").append(c.category().koreanLabel())
          .append(" (`").append(c.category().id()).append("`) | ").append(Units.share(c.probability())).append(" |\n");
    }
    b.append('\n');
    rank = 1;
    for (ProbableCause c : r.causes()) {
      b.append(rank++).append(". **").append(rich(c.title(), false)).append("**: ").append(rich(c.description(), false)).append('\n');
    }
    b.append("\n### 근거 (메트릭/로그 → 원인)\n\n| 원인 | 출처 | 신호 | 관찰 내용 |\n|---|---|---|---|\n");
    boolean any = false;
    for (ProbableCause c : r.causes()) {
      for (EvidenceRef e : c.evidence() == null ? List.<EvidenceRef>of() : c.evidence()) {
        any = true;
        b.append("| ").append(rich(c.title(), true)).append(" | ").append(Markdown.codeCell(e.source())).append(" | ")
            .append(rich(e.signal(), true)).append(" | ").append(rich(e.observation(), true)).append(" |\n");
      }
    }
    if (!any) {
      b.append("| - | - | - | 근거로 제시된 증거가 없습니다 |\n");
    }
    if (!evidence.gaps().isEmpty()) {
      b.append("\n**증거 공백** (수집 실패, 분석에서 제외됨):\n\n");
      for (Evidence.Gap g : evidence.gaps()) {
        boolean absentSource = EvidenceCollector.LOG_SOURCE.equals(g.tool());
        b.append(absentSource ? "- 소스 " : "- 도구 ").append(code(g.tool())).append(absentSource ? " 없음: " : " 실패: ")
            .append(quoted(Truncate.words(g.reason()))).append('\n');
      }
    }
    b.append("\n전체 경과는 이슈 본문의 **🕒 타임라인**에 시간 순으로 정리되어 있습니다.\n");
    b.append('\n').append(IssueMarkers.analysisBlock(r));
    return b.toString();
  }

  public String responseGuide(AnalysisResult r) {
    StringBuilder b = new StringBuilder("## 🛠️ 대응 가이드\n\n### 즉시 조치\n\n");
    r.immediateActions().forEach(a -> b.append("- [ ] ").append(rich(a, false)).append('\n'));
    b.append("\n### 장기 개선\n\n");
    r.longTermImprovements().forEach(a -> b.append("- ").append(rich(a, false)).append('\n'));
    b.append("\n### 자동 복구 권고\n\n");
    com.incident.common.incident.ChaosScenario scenario = r.remediation() == null ? null : r.remediation().scenario();
    String decision = scenario == null || scenario == com.incident.common.incident.ChaosScenario.NONE
        ? "알려진 카오스 장애와 일치하지 않아 자동 복구를 하지 않습니다. 담당자의 확인이 필요합니다."
        : "'" + fault(scenario) + "' 장애(`" + scenario.id() + "`)로 판단해 `chaos-cleanup`으로 자동 복구합니다.";
    b.append(decision);
    String rationale = r.remediation() == null ? null : r.remediation().rationale();
    if (rationale != null && !rationale.isBlank() && !Sentences.overlap(decision, rationale)) {
      b.append(" 근거: ").append(rich(rationale, false));
    }
    return b.append('\n').toString();
  }

  public String recovered(Duration timeToRecover, String how) {
    return "## ✅ 복구 완료\n\n장애가 해소된 것을 확인했습니다 (" + text(how) + "). 알람 발생부터 복구까지 걸린 시간: **"
        + duration(timeToRecover) + "**. 이슈를 닫습니다.\n";
  }

  public String notRecovered(String why) {
    return "## ⚠️ 복구 미확인\n\n자동 복구 후에도 회복을 확인하지 못했습니다 (" + text(why)
        + "). 이슈를 열어 둡니다. 담당자가 상태를 확인해 주세요.\n";
  }

  public String recurrence(IncidentFacts facts, int occurrence, List<String> added, List<String> gone, List<String> same) {
    StringBuilder b = new StringBuilder("## 🔁 재발생 (").append(occurrence).append("번째)\n\n");
    b.append(Units.dateTime(facts.alarmAt())).append("에 알람 ").append(code(facts.alarm().alarmName()))
        .append("의 상태가 다시 ALARM으로 바뀌었습니다. 새 이슈는 만들지 않고 이 이슈에 기록합니다.\n\n");
    if (facts.alarm().reason() != null) {
      b.append("알람 사유: ").append(code(facts.alarm().reason())).append("\n\n");
    }
    b.append("### 증거 변화 (이전 분석 대비)\n\n");
    b.append("- 새로 나타난 신호: ").append(list(added)).append('\n');
    b.append("- 사라진 신호: ").append(list(gone)).append('\n');
    b.append("- 계속되는 신호: ").append(list(same)).append('\n');
    return b.toString();
  }

  public String recoveryVerified(Duration mttr) {
    return "## ✅ 복구 완료\n\n알람이 OK 상태로 돌아왔고 수집한 증거에서도 장애 신호가 사라진 것을 확인했습니다. MTTR(알람 발생부터 복구까지): **"
        + duration(mttr) + "**. 이슈를 닫습니다.\n";
  }

  public String recoveryUnconfirmed(List<String> signals) {
    return "## ⚠️ 알람 OK, 복구 미확인\n\n알람은 OK 상태로 돌아왔지만 증거에 아직 장애 신호가 남아 있습니다: " + list(signals)
        + ". 이슈를 열어 둡니다. 담당자가 확인해 주세요.\n";
  }

  public String failure(String reason) {
    return "## ❌ 자동 분석 실패\n\n자동 분석을 끝내지 못했습니다 (" + text(reason) + "). 담당자의 수동 분석이 필요합니다.\n";
  }

  /**
   * The run's figures. The analyzer is named for what it is: the rule-based analyzer, the sandbox's scripted
   * fixture (never called Claude), or Claude; a cost is shown only when a real model was called.
   *
   * @param modelId the configured model id(s), as the workflow names them ({@code first` → `main} for two)
   */
  public String footer(RunStats stats, String modelId, boolean ruleBased) {
    boolean fixture = ModelLabel.isFixture(modelId);
    String analyzer = ruleBased ? "규칙 기반 (rule-based)" : fixture ? ModelLabel.FIXTURE_KOREAN : "Claude";
    // A run that called Claude and then fell back to the rules still spent money on the calls.
    boolean realCalls = !fixture && stats.turns() > 0;
    return "\n---\n<sub>🤖 자동 분석 정보 · 분석기: " + analyzer + " · 모델: `" + modelId
        + "` · 턴: " + stats.turns() + " · 도구 호출: " + stats.toolCalls() + " · 토큰 입력/출력/캐시: " + stats.inputTokens() + "/"
        + stats.outputTokens() + "/" + stats.cacheReadTokens()
        + (realCalls ? " · 예상 비용: $" + String.format(Locale.ROOT, "%.4f", stats.cost(settings.pricing())) : "")
        + " · 알람→이슈: " + duration(stats.alarmToIssue())
        + " · 알람→분석: " + duration(stats.alarmToAnalysis()) + " · " + stats.redactions().audit().korean() + "</sub>\n";
  }

  /** The model spend line: only when a real model was called (not for the rule-based analyzer or the fixture). */
  public String spend(String spendKorean, long modelCalls, String modelId) {
    return modelCalls == 0 || ModelLabel.isFixture(modelId) ? "" : "<sub>" + spendKorean + "</sub>\n";
  }

  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "초";
    }
    if (s < 3600) {
      return (s / 60) + "분 " + (s % 60) + "초";
    }
    return (s / 3600) + "시간 " + ((s % 3600) / 60) + "분";
  }

  /** A reason from a tool: the suite's own Korean as text, anything else (an English error) quoted as code. */
  private static String quoted(String reason) {
    return Hangul.contains(reason) ? text(reason) : code(reason);
  }

  /** The chaos fault a scenario removes, named for a person. */
  static String fault(com.incident.common.incident.ChaosScenario scenario) {
    return switch (scenario) {
      case STRESS_WORKLOAD -> "부하 생성기(stress) 워크로드";
      case BAD_IMAGE -> "잘못된 이미지 배포";
      case SCALED_TO_ZERO -> "의도하지 않은 레플리카 0";
      case NONE -> "해당 없음";
    };
  }

  /** Signal ids as a person reads them (see {@link SignalNames}). */
  private static String list(List<String> signals) {
    return signals.isEmpty() ? "없음" : String.join(", ", signals.stream().map(s -> text(SignalNames.readable(s))).toList());
  }

  /**
   * Text with code spans: what is between a pair of backticks becomes Markdown code (tool and model texts mark
   * names, images and log lines that way), the rest escaped text; an unpaired backtick stays an escaped character.
   */
  static String rich(String value, boolean cell) {
    String v = Markdown.oneLine(value);
    if (v.isEmpty()) {
      return cell ? "-" : "";
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < v.length()) {
      int open = v.indexOf('`', i);
      int close = open < 0 ? -1 : v.indexOf('`', open + 1);
      if (open < 0 || close < 0 || close == open + 1) {
        b.append(plain(v.substring(i), cell, b.isEmpty()));
        break;
      }
      b.append(plain(v.substring(i, open), cell, b.isEmpty()));
      String span = v.substring(open + 1, close);
      b.append(cell ? Markdown.codeCell(span) : Markdown.code(span));
      i = close + 1;
    }
    return b.toString();
  }

  /** A text run between code spans; only the run that starts the value can start a Markdown block. */
  private static String plain(String run, boolean cell, boolean first) {
    if (run.isEmpty()) {
      return "";
    }
    String lead = run.substring(0, run.length() - run.stripLeading().length());
    String trail = run.substring(run.stripTrailing().length());
    String core = run.strip();
    if (core.isEmpty()) {
      return run;
    }
    String t = cell ? Markdown.cell(core) : Markdown.text(core);
    return (first ? "" : lead) + t + trail;
  }



  /** Every value from outside goes through one of these (or {@link Markdown}) on its way into Markdown. */
  private static String code(String s) {
    return Markdown.code(s);
  }

  private static String codeCell(String s) {
    return Markdown.codeCell(s);
  }

  private static String cell(String s) {
    return Markdown.cell(s);
  }

  private static String text(String s) {
    return Markdown.text(s);
  }

  /** The loop's end reason for a person: Korean, with the technical detail kept verbatim in code format. */
  static String fallbackReasonKorean(String reason) {
    String r = Markdown.oneLine(reason);
    String detail = " (" + code(r) + ")";
    if (r.contains("MODEL_ID=none")) {
      return "설정으로 모델 호출이 꺼져 있습니다 (`MODEL_ID=none`)";
    }
    if (r.startsWith("model unavailable")) {
      return "재시도 후에도 모델을 호출하지 못했습니다" + detail;
    }
    if (r.startsWith("deadline")) {
      return "분석 시간 한도에 도달했습니다" + detail;
    }
    if (r.startsWith(AnalysisLoop.STOPPED)) {
      return (r.contains("guardrail_intervened") ? "Bedrock 가드레일이 모델 응답을 차단해"
          : r.contains("content_filtered") ? "모델 응답이 콘텐츠 필터에 걸려"
          : r.contains("max_tokens") ? "출력 토큰 한도를 두 배로 늘려도 모델 응답이 잘려"
          : r.contains("context_window") ? "대화가 모델의 컨텍스트 창 한도를 넘어"
          : "모델이 예상하지 못한 이유로 응답을 멈춰") + " AI 분석을 중단했습니다" + detail;
    }
    if (r.startsWith("no valid submission")) {
      return "모델이 정해진 턴 안에 분석 결과를 제출하지 않았습니다" + detail;
    }
    return "모델 분석을 마치지 못했습니다" + detail;
  }
}
