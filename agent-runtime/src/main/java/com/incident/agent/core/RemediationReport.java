package com.incident.agent.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.markdown.Markdown;
import com.incident.common.redact.Redactor;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remediation comment: what was done to the cluster, in Korean, per action (object, action, before → after,
 * verification) with the exact command that undoes it, visible; a deleted object's manifest, as YAML with
 * secret-looking values redacted, sits in a collapsed block under the instruction that says how to apply it.
 */
public final class RemediationReport {
  /** How many out-of-scope findings the comment lists before it says how many more there are. */
  static final int LEFT_ALONE_SHOWN = 10;
  static final String REDACTED = "[REDACTED]";
  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build())
      .build();

  private final RemediationMode mode;

  public RemediationReport(RemediationMode mode) {
    this.mode = mode;
  }

  /** The comment after chaos-cleanup ran in auto mode: done, failed, or nothing related found. */
  public String applied(IncidentFacts facts, ChaosScenario scenario, Remediator.Cleanup cleanup) {
    StringBuilder b = new StringBuilder("## 🤖 자동 복구 조치\n\n");
    if (cleanup.failed()) {
      b.append("`chaos-cleanup`으로 ").append(attempt(scenario)).append(" 시도했지만 실패했습니다. 담당자의 조치가 필요합니다.\n\n");
    } else if (cleanup.changedNothing()) {
      b.append("`chaos-cleanup`이 인시던트 범위에서 `").append(scenario.id())
          .append("` 장애에 해당하는 대상을 찾지 못해 클러스터를 변경하지 않았습니다. 자동 복구 대상이 아니므로 담당자의 확인이 필요합니다.\n\n");
    } else {
      b.append(done(scenario)).append(" 조치한 대상과 되돌리는 방법은 아래와 같습니다.\n\n");
    }
    b.append(actions(cleanup.report()));
    b.append(note(facts, cleanup));
    return b.append('\n').append(raw("chaos-cleanup 실행 결과 (원문)", cleanup.output())).toString();
  }

  /** The comment of a dry run: what would have been done; the cluster is unchanged, so there is nothing to undo. */
  public String dryRun(IncidentFacts facts, ChaosScenario scenario, Remediator.Cleanup cleanup) {
    String head = cleanup.failed()
        ? "`chaos-cleanup` 점검(dry-run)이 실패했습니다. 담당자의 확인이 필요합니다."
        : "복구 모드가 `dry-run`이라 `" + scenario.id() + "` 장애에 대해 `chaos-cleanup`이 할 조치를 점검만 했고, 클러스터는 "
            + "변경하지 않았습니다. 아래 결과를 보고 담당자가 조치해 주세요.";
    return "## 🤖 자동 복구 조치 (dry-run)\n\n" + head + "\n\n" + actions(cleanup.report()) + note(facts, cleanup) + "\n"
        + raw("chaos-cleanup 점검 결과 (원문)", cleanup.output());
  }

  /** The comment when remediation is off: nothing is called, the scope and mode are stated. */
  public String off(IncidentFacts facts, ChaosScenario scenario) {
    return "## 🤖 자동 복구 조치\n\n자동 복구가 꺼져 있어(`RemediationMode=off`) `" + scenario.id()
        + "` 장애에 대한 `chaos-cleanup`을 호출하지 않았습니다. 담당자의 조치가 필요합니다.\n\n" + note(facts, null);
  }

  /** The mode, the incident scope and, for a person to check, what chaos-cleanup left alone as out of scope. */
  String note(IncidentFacts facts, Remediator.Cleanup cleanup) {
    StringBuilder b = new StringBuilder("- 복구 모드: `").append(mode.id()).append("` (").append(mode.korean()).append(")\n");
    b.append("- 조치 범위: ").append(scopeText(facts)).append('\n');
    if (cleanup != null && cleanup.report() != null) {
      List<String> outOfScope = new ArrayList<>();
      for (ChaosCleanupResult.LeftAlone l : cleanup.report().outOfScope()) {
        outOfScope.add("  - " + Markdown.code(l.kind() + " " + l.namespace() + "/" + l.name()) + ": "
            + Markdown.code(EvidenceCollector.abbreviate(l.reason())));
      }
      if (!outOfScope.isEmpty()) {
        b.append("- 추가 확인 필요 (인시던트 범위 밖이라 변경하지 않음):\n");
        outOfScope.stream().limit(LEFT_ALONE_SHOWN).forEach(line -> b.append(line).append('\n'));
        if (outOfScope.size() > LEFT_ALONE_SHOWN) {
          b.append("  - 외 ").append(outOfScope.size() - LEFT_ALONE_SHOWN).append("건 (chaos-cleanup 결과 원문 참고)\n");
        }
      }
    }
    return b.toString();
  }

  /**
   * What the cleanup changed, one Korean phrase per action done ("Deployment default/stress-ng 삭제"), for the
   * postmortem's resolution: the before/after details stay in the remediation comment.
   */
  static String changes(Remediator.Cleanup cleanup) {
    if (cleanup.report() == null) {
      return "";
    }
    return String.join(", ", cleanup.report().actions().stream().filter(a -> a.status() == ActionStatus.DONE)
        .map(a -> a.kind() + " " + a.namespace() + "/" + a.name() + " " + verb(a.action())).toList());
  }

  /** One section per action; empty without a report (the tool failed or answered without one). */
  static String actions(ChaosCleanupResult report) {
    if (report == null || report.actions().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    int n = 1;
    for (ChaosCleanupResult.Action a : report.actions()) {
      String object = Markdown.text(a.kind()) + " " + Markdown.code(a.namespace() + "/" + a.name());
      b.append("### ").append(n++).append(". ").append(verb(a.action())).append(": ").append(object).append("\n\n");
      b.append("| 항목 | 내용 |\n|---|---|\n");
      b.append("| 대상 | ").append(Markdown.cell(a.kind())).append(' ').append(Markdown.codeCell(a.namespace() + "/" + a.name())).append(" |\n");
      b.append("| 조치 | ").append(verb(a.action())).append(" (").append(Markdown.codeCell(a.scenario().id())).append(") · ")
          .append(status(a.status())).append(a.reason() == null ? "" : ": " + Markdown.codeCell(a.reason())).append(" |\n");
      b.append("| 변경 전 → 후 | ").append(Markdown.codeCell(a.before())).append(" → ").append(Markdown.codeCell(a.after()))
          .append(" |\n");
      b.append("| 검증 | ").append(verification(a)).append(" |\n");
      b.append("| 근거 | ").append(Markdown.codeCell(EvidenceCollector.abbreviate(a.evidence()))).append(" |\n\n");
      if (a.status() == ActionStatus.DONE) {
        b.append(undo(a));
      }
    }
    return b.toString();
  }

  /** The visible undo: the command to paste, or for a deletion the instruction and the manifest collapsed under it. */
  static String undo(ChaosCleanupResult.Action a) {
    ChaosCleanupResult.Undo u = a.undo();
    if (u.manifest() != null) {
      return "**되돌리는 방법**: 아래 매니페스트를 `manifest.yaml`로 저장한 뒤 " + Markdown.code(u.command())
          + "로 되돌릴 수 있습니다. 비밀로 보이는 값은 `" + REDACTED + "`로 가려 두었으니 적용하기 전에 원래 값을 채워 주세요.\n\n"
          + "<details>\n<summary>삭제한 객체의 매니페스트 (manifest.yaml)</summary>\n\n"
          + Markdown.codeBlock(yaml(u.manifest()), "yaml") + "</details>\n\n";
    }
    String where = switch (a.action()) {
      case ROLLBACK -> u.revision() != null ? "조치 전 상태인 리비전 " + u.revision() + "번으로" : "조치 전 이미지로";
      case SCALE -> u.previousReplicas() != null ? "조치 전 복제본 수 " + u.previousReplicas() + "개로" : "조치 전 복제본 수로";
      case DELETE -> "조치 전 상태로";
    };
    return "**되돌리는 방법**: 아래 명령을 실행하면 " + where + " 돌아갑니다.\n\n" + Markdown.codeBlock(u.command(), "sh") + "\n";
  }

  /**
   * The manifest as YAML. It was redacted by chaos-cleanup already; the comment is read by more people than the
   * tool's answer, so secret-named environment values and secret-looking strings are redacted again here.
   */
  static String yaml(Map<String, Object> manifest) {
    try {
      // The order kubectl prints: apiVersion, kind and metadata first, whatever order the tool's JSON came in.
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (String key : List.of("apiVersion", "kind", "metadata")) {
        if (manifest.containsKey(key)) {
          ordered.put(key, manifest.get(key));
        }
      }
      ordered.putAll(manifest);
      return YAML.writeValueAsString(redacted(ordered));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the deleted manifest cannot be written as YAML: " + e.getOriginalMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object redacted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      boolean secretEntry = map.get("name") instanceof String name && map.containsKey("value") && Redactor.isSecretKeyName(name);
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, secretEntry && "value".equals(k) ? REDACTED : redacted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(RemediationReport::redacted).toList();
    }
    return value instanceof String s ? Redactor.DEFAULT.redact(s) : value;
  }

  private static String raw(String summary, String output) {
    return "<details>\n<summary>" + summary + "</summary>\n\n" + Markdown.codeBlock(output, null) + "</details>\n";
  }

  private static String attempt(ChaosScenario scenario) {
    return switch (scenario) {
      case STRESS_WORKLOAD -> "부하 생성기(`stress-workload`) 제거를";
      case BAD_IMAGE -> "잘못된 이미지 배포(`bad-image`) 롤백을";
      case SCALED_TO_ZERO -> "0으로 줄어든 복제본 수(`scaled-to-zero`) 복원을";
      case NONE -> "자동 복구를";
    };
  }

  private static String done(ChaosScenario scenario) {
    return switch (scenario) {
      case STRESS_WORKLOAD -> "`chaos-cleanup`으로 알람 자원에 부하를 주던 부하 생성기(`stress-workload`)를 삭제했습니다.";
      case BAD_IMAGE -> "`chaos-cleanup`으로 이미지를 받지 못하던 배포(`bad-image`)를 이전 리비전으로 롤백했습니다.";
      case SCALED_TO_ZERO -> "`chaos-cleanup`으로 0으로 줄어든 복제본 수(`scaled-to-zero`)를 이력에 남은 값으로 복원했습니다.";
      case NONE -> "`chaos-cleanup`으로 조치했습니다.";
    };
  }

  private static String verb(ChaosCleanupResult.ActionType type) {
    return switch (type) {
      case DELETE -> "삭제";
      case ROLLBACK -> "이전 리비전으로 롤백";
      case SCALE -> "복제본 수 복원";
    };
  }

  private static String status(ActionStatus s) {
    return switch (s) {
      case DONE -> "✅ 완료";
      case FAILED -> "❌ 실패";
      case DRY_RUN -> "점검만 함 (dry-run)";
      case REFUSED -> "거부됨";
      case NOT_RUN -> "실행하지 않음";
    };
  }

  private static String verification(ChaosCleanupResult.Action a) {
    ChaosCleanupResult.Verification v = a.verification();
    if (v == null) {
      return a.status() == ActionStatus.DONE ? "⚠️ 확인 결과 없음" : "실행하지 않아 검증하지 않음";
    }
    String detail = " (" + Markdown.codeCell(v.detail()) + ")";
    return switch (v.status()) {
      case AVAILABLE -> "✅ 모든 복제본이 가용 상태로 돌아옴" + detail;
      case PODS_GONE -> "✅ 부하 파드가 모두 종료됨" + detail;
      case TIMED_OUT -> "⚠️ 대기 시간 안에 회복을 확인하지 못함" + detail;
      case NOT_CHECKED -> "⚠️ 클러스터를 다시 읽지 못해 확인하지 못함" + detail;
    };
  }

  private static String scopeText(IncidentFacts facts) {
    List<String> parts = new ArrayList<>();
    if (facts.namespace() != null) {
      parts.add("네임스페이스 " + Markdown.code(facts.namespace()));
    }
    String workload = Remediator.workload(facts);
    if (workload != null) {
      parts.add("워크로드 " + Markdown.code(workload));
    }
    if (facts.node() != null) {
      parts.add("노드 " + Markdown.code(facts.node()));
    }
    String resource = Remediator.resource(facts.alarm());
    if (resource != null) {
      parts.add("리소스 " + resource);
    }
    return parts.isEmpty() ? "알람에 범위 정보 없음" : String.join(", ", parts);
  }
}
