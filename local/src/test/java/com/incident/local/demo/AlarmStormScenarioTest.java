package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.core.Pricing;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The storm scenarios end to end (alarm-trigger, DynamoDB Local, agent-runtime, gateway, tools, fake GitHub): one
 * node fault's four alarms are one issue with three `연관 알람` comments; two unrelated alarms are two issues. Prints
 * issues and model spend per fault (the figures docs/operations.md quotes).
 */
class AlarmStormScenarioTest {
  @ParameterizedTest
  @EnumSource(value = Sandbox.ModelMode.class, names = {"OFFLINE", "SCRIPTED"})
  void oneNodeFaultWithFourAlarmsIsOneIssueWithThreeRelatedAlarmComments(Sandbox.ModelMode model) throws Exception {
    DemoResult r = run("node-storm", model);

    assertThat(r.unmet()).isEmpty();
    assertThat(r.issues()).hasSize(1);
    DemoResult.Issue issue = r.issues().getFirst();
    assertThat(issue.comments()).filteredOn(c -> c.startsWith("## 🔗 연관 알람")).hasSize(3)
        .allSatisfy(c -> assertThat(c).contains("KST (", "UTC)", "묶은 이유", "`ContainerInsights/pod_cpu_utilization`"))
        .first().asString().as("the first pod alarm joins the node alarm's incident").contains("노드 알람");
    assertThat(issue.comments()).filteredOn(c -> c.startsWith("## 🔁 연관 알람 반영 재분석")).hasSizeLessThanOrEqualTo(1);
    assertThat(String.join("\n", issue.comments())).as("no spend line without a real model call").doesNotContain("💰 모델 사용량");
  }

  @ParameterizedTest
  @EnumSource(value = Sandbox.ModelMode.class, names = {"OFFLINE", "SCRIPTED"})
  void twoUnrelatedAlarmsAtTheSameMomentAreTwoIssues(Sandbox.ModelMode model) throws Exception {
    DemoResult r = run("unrelated-pair", model);

    assertThat(r.unmet()).isEmpty();
    assertThat(r.issues()).hasSize(2);
    assertThat(r.issues()).allSatisfy(i -> assertThat(i.comments()).noneMatch(c -> c.startsWith("## 🔗 연관 알람")));
  }

  private static DemoResult run(String name, Sandbox.ModelMode model) throws Exception {
    Scenario scenario = ScenarioLoader.bundled(name);
    DemoResult r = Demo.run(scenario, Sandbox.Options.defaults(model),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    System.out.printf(Locale.ROOT, "storm-measure %s %s: issues=%d turns=%d input=%d output=%d usd=%.4f%n", name,
        model, r.issues().size(), r.stats().modelTurns(), r.stats().inputTokens(), r.stats().outputTokens(),
        Pricing.CLAUDE_SONNET.cost(r.stats().inputTokens(), r.stats().outputTokens(), 0, 0));
    return r;
  }
}
