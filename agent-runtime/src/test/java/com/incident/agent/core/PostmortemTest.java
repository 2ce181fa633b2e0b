package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.agent.model.DisabledModelClient;
import com.incident.agent.model.ModelClient;
import com.incident.agent.model.ModelException;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.AnalysisResult.TimelineEntry;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import com.incident.common.testing.MarkdownChecks;
import com.incident.store.AnalysisDigest;
import com.incident.store.Spend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

class PostmortemTest {
  private static final Instant ALARM = Instant.parse("2026-11-21T03:15:12Z");
  private static final Instant RECOVERED = Instant.parse("2026-11-21T03:27:42Z");
  private static final AlarmDetails ALARM_DETAILS = new AlarmDetails("ui-cpu-high",
      "arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:ui-cpu-high", null, "123456789012", "ap-northeast-2",
      AlarmKind.METRIC, "ALARM", "OK", "Threshold Crossed", ALARM, "ContainerInsights", "pod_cpu_utilization",
      Map.of("PodName", "ui"), "Average", 60, 3, 3, 80.0, "GreaterThanThreshold", 97.5, List.of(), null);
  private static final AnalysisDigest ANALYSIS = new AnalysisDigest(
      "default 네임스페이스의 stress-ng 파드가 노드 CPU를 점유해 ui 파드의 CPU 사용률이 97.5%까지 올랐습니다.",
      "stress-ng 워크로드의 CPU 점유", RootCauseCategory.CPU_STRESS_WORKLOAD,
      List.of("네임스페이스 ResourceQuota를 적용합니다.", "부하 테스트는 전용 네임스페이스에서만 실행합니다."),
      List.of("deployment/ui", "deployment/stress-ng"), "bedrock:m");
  private static final Postmortem.Facts FACTS = new Postmortem.Facts("ui-cpu-high", ALARM_DETAILS, ALARM,
      ALARM.plusSeconds(8), RECOVERED, ANALYSIS, ANALYSIS.affected(),
      "Deployment default/stress-ng 삭제 (2 stress pod(s) running → Deployment deleted). 검증: 알람 지표 최신 값 41.0, 정상 범위",
      true, 42, "https://github.com/acme/ops/issues/42");
  private static final List<TimelineEntry> CHRONOLOGY = List.of(
      new TimelineEntry("2026-11-21T03:27:42Z", "자동 복구 검증 후 이슈 종료"),
      new TimelineEntry("2026-11-21T03:12:00Z", "CPU 사용률 85.6%: 임계값 초과 시작"),
      new TimelineEntry("2026-11-21T03:15:12Z", "알람 ui-cpu-high 발생"),
      new TimelineEntry("2026-11-21T03:15:20Z", "이슈 #42 생성"),
      new TimelineEntry("2026-11-21T03:15:20Z", "이슈 #42 생성"));

  private final Deadline deadline = Deadline.in(Clock.fixed(ALARM, ZoneOffset.UTC), Duration.ofMinutes(5));

  @Test
  void theTemplateDraftHasEverySectionInKoreanWithTimesInKstAndUtcAndTheImprovementsAsTasks() {
    String md = Postmortem.render(FACTS, CHRONOLOGY, Postmortem.template(FACTS), new Postmortem.Template("AI 모델 사용이 꺼져 있음"));

    assertKoreanParagraphs(md);
    assertThat(MarkdownChecks.structure(md)).isNotEmpty();
    assertThat(headings(md)).containsExactly("## 📝 포스트모템 초안", "### 요약", "### 영향", "### 타임라인", "### 근본 원인",
        "### 탐지 방법", "### 해결 방법", "### 잘된 점", "### 아쉬운 점", "### 후속 조치", "### 링크");
    assertThat(md).contains("> 📄 자동 템플릿으로 작성한 초안입니다 (AI 모델 사용이 꺼져 있음).",
        "| 지속 시간 | 12분 30초 (알람 2026-11-21 12:15:12 KST(03:15:12 UTC) → 복구 2026-11-21 12:27:42 KST(03:27:42 UTC)) |",
        "| 영향 서비스 | `deployment/ui`, `deployment/stress-ng` |",
        "**원인 분류**: CPU 스트레스 워크로드 (`cpu-stress-workload`)",
        "분석이 가장 가능성 높은 원인으로 꼽은 것은 \"stress-ng 워크로드의 CPU 점유\"입니다",
        "(지표 pod\\_cpu\\_utilization, 임계값 80%, 관측값 97.5%)",
        "- [ ] 네임스페이스 ResourceQuota를 적용합니다.\n- [ ] 부하 테스트는 전용 네임스페이스에서만 실행합니다.\n",
        "부하 생성기가 운영 네임스페이스에서 자원 제한 없이 실행될 수 있었습니다.",
        "- [인시던트 이슈 #\u200D42](<https://github.com/acme/ops/issues/42>)\n",
        "- [CloudWatch 알람 콘솔](<https://ap-northeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-2#alarmsV2:alarm/ui-cpu-high>)\n")
        .doesNotContain("Claude", "null", "이(가)", "을(를)");
    assertThat(tableRows(md, "### 타임라인")).containsExactly(
        "| 2026-11-21 12:12:00 KST(03:12:00 UTC) | CPU 사용률 85.6%: 임계값 초과 시작 |",
        "| 2026-11-21 12:15:12 KST(03:15:12 UTC) | 알람 ui-cpu-high 발생 |",
        "| 2026-11-21 12:15:20 KST(03:15:20 UTC) | 이슈 #\u200D42 생성 |",
        "| 2026-11-21 12:27:42 KST(03:27:42 UTC) | 자동 복구 검증 후 이슈 종료 |");
  }

  @Test
  void withoutAnAnalysisTheTemplateSaysTheCauseIsOpenAndStillListsAFollowUpTask() {
    Postmortem.Facts bare = new Postmortem.Facts("ui-cpu-high", null, ALARM, null, RECOVERED, null, List.of(),
        "알람이 OK 상태로 돌아왔습니다.", false, 7, null);

    String md = Postmortem.render(bare, List.of(), Postmortem.template(bare), new Postmortem.Template("모델을 호출하지 못함"));

    assertKoreanParagraphs(md);
    assertThat(md).contains("분석에서 근본 원인을 특정하지 못했습니다.", "| 영향 서비스 | 알 수 없음 |", "- 인시던트 이슈 #\u200D7\n",
        "- [ ] 분석에 장기 개선 항목이 없었습니다.").doesNotContain("CloudWatch 알람 콘솔", "null");
  }

  @Test
  void claudeWritesTheNarrativeInOneBoundedCallWithoutToolsOnRedactedInputCountedInTheBudget() {
    ScriptedModel model = new ScriptedModel(answer(narrative()));
    ModelBudget budget = new ModelBudget(ModelBudget.Limits.DEFAULT, new Spend(10_000, 500, 30_000, 2));
    Postmortem.Facts leaky = new Postmortem.Facts(FACTS.alarmName(), FACTS.alarm(), ALARM, FACTS.issueAt(), RECOVERED,
        new AnalysisDigest(ANALYSIS.summary() + " 토큰 ghp_abcdefghijklmnopqrstuvwxyz0123456789 노출", ANALYSIS.topCause(),
            ANALYSIS.category(), ANALYSIS.longTermImprovements(), ANALYSIS.affected(), ANALYSIS.analyzer()),
        FACTS.affected(), FACTS.resolution(), true, 42, FACTS.issueUrl());
    RunStats stats = new RunStats();

    PostmortemWriter.Draft draft = new PostmortemWriter(model, Pricing.CLAUDE_SONNET)
        .write(leaky, CHRONOLOGY, budget, deadline, stats.redactions()::redact, stats);

    assertThat(draft.author()).isEqualTo(new Postmortem.Claude("us.anthropic.claude-sonnet-4-5"));
    assertKoreanParagraphs(draft.markdown());
    assertThat(draft.markdown()).contains("> 🤖 Claude(`us.anthropic.claude-sonnet-4-5`)가 사실 자료를 바탕으로 작성한 초안입니다.",
        "부하 테스트용 stress-ng가 운영 노드의 CPU를 점유해 ui 응답이 느려졌습니다.", "- 자동 복구가 12분 안에 끝났습니다.",
        "- [ ] 네임스페이스 ResourceQuota를 적용합니다.", "| 2026-11-21 12:15:12 KST(03:15:12 UTC) | 알람 ui-cpu-high 발생 |");
    assertThat(model.requests).singleElement().satisfies(r -> {
      assertThat(r.toolConfig()).isNull();
      assertThat(r.inferenceConfig().maxTokens()).isEqualTo(PostmortemWriter.MAX_OUTPUT_TOKENS);
      String input = r.messages().getFirst().content().getFirst().text();
      assertThat(input).contains("stress-ng 워크로드의 CPU 점유", "2026-11-21 12:12:00 KST(03:12:00 UTC)")
          .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    });
    assertThat(budget.session().modelCalls()).isEqualTo(1);
    assertThat(budget.session().inputTokens()).isEqualTo(1800);
    assertThat(stats.turns()).isEqualTo(1);
    assertThat(stats.redactions().audit().isEmpty()).isFalse();
  }

  @Test
  void anAnswerThatIsNotAValidNarrativeFallsBackToTheTemplateAndSaysWhy() {
    ObjectNode english = narrative().put("summary", "The stress pod ate the CPU.");
    ObjectNode missing = narrative();
    missing.remove("wentWrong");
    ObjectNode tooMany = narrative();
    for (int i = 0; i < 6; i++) {
      tooMany.withArray("wentWell").add("항목 " + i);
    }
    ObjectNode secret = narrative().put("resolution", "AKIAIOSFODNN7EXAMPLE 키로 복구했습니다.");
    List<String> answers = new ArrayList<>(List.of("요약을 드리겠습니다.", "{\"summary\": \"깨진", Json.write(english),
        Json.write(missing), Json.write(tooMany), Json.write(secret), Json.write(narrative().put("rootCause", "원인은 null입니다."))));

    for (String answer : answers) {
      PostmortemWriter.Draft draft = new PostmortemWriter(new ScriptedModel(answer(answer)), Pricing.CLAUDE_SONNET)
          .write(FACTS, CHRONOLOGY, new ModelBudget(ModelBudget.Limits.DEFAULT, Spend.NONE), deadline, Redactor.DEFAULT::redact,
              new RunStats());

      assertThat(draft.author()).as(answer).isEqualTo(new Postmortem.Template("모델 응답이 초안 형식에 맞지 않음"));
      assertThat(draft.markdown()).as(answer).contains("> 📄 자동 템플릿으로 작성한 초안입니다 (모델 응답이 초안 형식에 맞지 않음).",
          "분석이 가장 가능성 높은 원인으로 꼽은 것은").doesNotContain("AKIAIOSFODNN7EXAMPLE", "Claude(");
    }
  }

  @Test
  void aModelThatIsOffFailsOrCannotBeAffordedIsNotAskedOrFallsBackToTheTemplate() {
    ScriptedModel unaffordable = new ScriptedModel(answer(narrative()));
    ModelClient failing = new ScriptedModel(null);

    PostmortemWriter.Draft off = new PostmortemWriter(new DisabledModelClient(), Pricing.CLAUDE_SONNET)
        .write(FACTS, CHRONOLOGY, new ModelBudget(ModelBudget.Limits.DEFAULT, Spend.NONE), deadline, s -> s, new RunStats());
    PostmortemWriter.Draft broke = new PostmortemWriter(unaffordable, Pricing.CLAUDE_SONNET)
        .write(FACTS, CHRONOLOGY, new ModelBudget(ModelBudget.Limits.DEFAULT, new Spend(79_900, 0, 0, 3)), deadline, s -> s,
            new RunStats());
    PostmortemWriter.Draft down = new PostmortemWriter(failing, Pricing.CLAUDE_SONNET)
        .write(FACTS, CHRONOLOGY, new ModelBudget(ModelBudget.Limits.DEFAULT, Spend.NONE), deadline, s -> s, new RunStats());

    assertThat(off.author()).isEqualTo(new Postmortem.Template("AI 모델 사용이 꺼져 있음"));
    assertThat(broke.author()).isEqualTo(new Postmortem.Template("인시던트 모델 예산이 남지 않음"));
    assertThat(unaffordable.requests).isEmpty();
    assertThat(down.author()).isEqualTo(new Postmortem.Template("모델을 호출하지 못함"));
    assertThat(List.of(off, broke, down)).allSatisfy(d -> assertThat(d.markdown()).startsWith(Postmortem.HEADING)
        .contains("- [ ] 네임스페이스 ResourceQuota를 적용합니다."));
  }

  private static ObjectNode narrative() {
    ObjectNode n = Json.object();
    n.put("summary", "부하 테스트용 stress-ng가 운영 노드의 CPU를 점유해 ui 응답이 느려졌습니다. 자동 복구로 12분 30초 만에 해결했습니다.");
    n.put("rootCause", "stress-ng Deployment가 자원 제한 없이 ui와 같은 노드에서 CPU 2코어를 사용했습니다.");
    n.put("detection", "CloudWatch 알람 ui-cpu-high가 pod_cpu_utilization 97.5%를 감지했습니다.");
    n.put("resolution", "chaos-cleanup이 stress-ng Deployment를 삭제했고 알람 지표가 41%로 돌아왔습니다.");
    n.putArray("wentWell").add("자동 복구가 12분 안에 끝났습니다.");
    n.putArray("wentWrong").add("부하 생성기가 운영 네임스페이스에 배포되었습니다.");
    return n;
  }

  private static ConverseResponse answer(Object text) {
    String body = text instanceof String s ? s : Json.write(text);
    return ConverseResponse.builder()
        .output(ConverseOutput.fromMessage(Message.builder().role(ConversationRole.ASSISTANT)
            .content(ContentBlock.fromText(body)).build()))
        .stopReason(StopReason.END_TURN)
        .usage(TokenUsage.builder().inputTokens(1800).outputTokens(420).totalTokens(2220).build())
        .build();
  }

  /** A model that answers one scripted response (or fails when there is none) and keeps what it was asked. */
  private static final class ScriptedModel implements ModelClient {
    final List<ConverseRequest> requests = new ArrayList<>();
    private final ConverseResponse response;

    ScriptedModel(ConverseResponse response) {
      this.response = response;
    }

    @Override
    public String modelId() {
      return "us.anthropic.claude-sonnet-4-5";
    }

    @Override
    public ConverseResponse converse(ConverseRequest request, Duration budget) throws ModelException {
      requests.add(request);
      if (response == null) {
        throw new ModelException("Bedrock 503 ServiceUnavailableException after 3 attempts", true, null);
      }
      return response;
    }
  }

  private static List<String> headings(String md) {
    return md.lines().filter(l -> l.startsWith("#")).toList();
  }

  private static List<String> tableRows(String md, String heading) {
    String section = md.substring(md.indexOf(heading));
    return section.lines().skip(1).dropWhile(l -> !l.startsWith("|")).takeWhile(l -> l.startsWith("|")).skip(2).toList();
  }
}
