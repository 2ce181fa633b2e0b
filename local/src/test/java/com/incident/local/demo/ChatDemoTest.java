package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.sandbox.LocalChat;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Slack and Discord receive each step of the incident through the agent's production wiring (token
 * and webhook URL from the sandbox's SSM), and the demo prints them after the issue.
 */
class ChatDemoTest {

  @Test
  void aRemediatedIncidentIsOneSlackThreadAndTheSameDiscordMessagesAndTheDemoPrintsThem() {
    DemoResult r = Demo.run(ScenarioLoader.bundled("cpu-spike"), Sandbox.Options.defaults(Sandbox.ModelMode.OFFLINE),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(r.unmet()).isEmpty();
    List<LocalChat.Message> slack = r.chat().stream().filter(m -> m.platform().equals("slack")).toList();
    List<LocalChat.Message> discord = r.chat().stream().filter(m -> m.platform().equals("discord")).toList();
    assertThat(slack).extracting(m -> m.body().at("/blocks/0/text/text").asText()).containsExactly(
        "🚨 인시던트 분석 완료: netaiops-cpu-spike", "🛠️ 복구 조치 완료: netaiops-cpu-spike", "✅ 복구 확인: netaiops-cpu-spike");
    assertThat(slack.getFirst().thread()).isNull();
    assertThat(slack.subList(1, slack.size())).allSatisfy(m -> assertThat(m.thread()).isEqualTo(slack.getFirst().id()));
    assertThat(discord).hasSameSizeAs(slack);
    assertThat(discord.getLast().body().at("/embeds/0/fields/0/name").asText()).isEqualTo("MTTR");
    assertThat(discord).allSatisfy(m -> assertThat(m.body().at("/allowed_mentions/parse").size()).isZero());

    String printed = DemoReport.chat(r);
    assertThat(printed).startsWith("## 채팅 알림 (Slack, Discord)\n\n- [Slack " + LocalChat.SLACK_CHANNEL + "] 🚨 인시던트 분석 완료")
        .contains("· 스레드 " + slack.getFirst().id() + "] ✅ 복구 확인", "[Discord] ✅ 복구 확인: netaiops-cpu-spike — 복구를 확인하고");
    assertThat(r.chat()).allSatisfy(m -> assertThat(m.body().toString())
        .doesNotContain(r.sandboxSecrets().toArray(String[]::new)));
  }
}
