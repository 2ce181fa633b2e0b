package com.incident.notify;

import com.incident.common.config.Env;

/**
 * Which chat destinations are on. Only SSM parameter names and the channel id are environment values; the bot
 * token and the webhook URL are SecureStrings read through the secret provider. An empty name turns a destination
 * off.
 *
 * @param slackTokenParameter {@code SLACK_BOT_TOKEN_PARAMETER}: the bot token's parameter (scope chat:write)
 * @param slackChannelId {@code SLACK_CHANNEL_ID}: where the incident threads start, e.g. C024BE91L
 * @param slackApiUrl {@code SLACK_API_URL}: Slack's Web API (the sandbox's recorder locally)
 * @param discordWebhookParameter {@code DISCORD_WEBHOOK_URL_PARAMETER}: the webhook URL's parameter
 */
public record ChatSettings(String slackTokenParameter, String slackChannelId, String slackApiUrl,
    String discordWebhookParameter) {

  public static final ChatSettings NONE = new ChatSettings(null, null, SlackNotifier.DEFAULT_API_URL, null);

  public static ChatSettings from(Env env) {
    String token = env.optional("SLACK_BOT_TOKEN_PARAMETER", null);
    String channel = env.optional("SLACK_CHANNEL_ID", null);
    if ((token == null) != (channel == null)) {
      throw new IllegalStateException("Slack notifications need both SLACK_BOT_TOKEN_PARAMETER (an SSM SecureString "
          + "name) and SLACK_CHANNEL_ID; set both or neither");
    }
    String discord = env.optional("DISCORD_WEBHOOK_URL_PARAMETER", null);
    for (String parameter : new String[] {token, discord}) {
      if (parameter != null && parameter.contains("://")) {
        throw new IllegalStateException("SLACK_BOT_TOKEN_PARAMETER and DISCORD_WEBHOOK_URL_PARAMETER name SSM "
            + "parameters; the URL or token itself belongs in the SecureString, not in the environment");
      }
    }
    return new ChatSettings(token, channel, env.optional("SLACK_API_URL", SlackNotifier.DEFAULT_API_URL), discord);
  }

  public boolean slack() {
    return slackTokenParameter != null;
  }

  public boolean discord() {
    return discordWebhookParameter != null;
  }
}
