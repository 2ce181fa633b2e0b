package com.incident.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.incident.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {
  @Test
  void emptyValuesLeaveEveryDestinationOff() {
    ChatSettings s = ChatSettings.from(Env.of(Map.of("SLACK_BOT_TOKEN_PARAMETER", "", "SLACK_CHANNEL_ID", "",
        "DISCORD_WEBHOOK_URL_PARAMETER", "")));

    assertThat(s.slack()).isFalse();
    assertThat(s.discord()).isFalse();
    assertThat(s.slackApiUrl()).isEqualTo("https://slack.com/api");
  }

  @Test
  void parameterNamesTurnDestinationsOn() {
    ChatSettings s = ChatSettings.from(Env.of(Map.of("SLACK_BOT_TOKEN_PARAMETER", "/app/incident/slack/bot-token",
        "SLACK_CHANNEL_ID", "C024BE91L", "DISCORD_WEBHOOK_URL_PARAMETER", "/app/incident/discord/webhook-url")));

    assertThat(s.slack()).isTrue();
    assertThat(s.discord()).isTrue();
    assertThat(s.slackChannelId()).isEqualTo("C024BE91L");
  }

  @Test
  void aSlackTokenWithoutAChannelIsAClearConfigurationError() {
    assertThatThrownBy(() -> ChatSettings.from(Env.of(Map.of("SLACK_BOT_TOKEN_PARAMETER", "/p"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("SLACK_CHANNEL_ID");
  }

  @Test
  void aWebhookUrlPutInThePlainEnvironmentIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> ChatSettings.from(Env.of(Map.of("DISCORD_WEBHOOK_URL_PARAMETER",
        "https://discord.com/api/webhooks/1/SecretWebhookToken"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("SecureString")
        .hasMessageNotContaining("SecretWebhookToken");
  }
}
