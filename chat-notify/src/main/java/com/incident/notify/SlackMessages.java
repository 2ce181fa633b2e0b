package com.incident.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;

/**
 * A {@link Notice} as Slack's {@code chat.postMessage} request: Block Kit {@code blocks} (header, summary, fields,
 * issue link, context) and the fallback {@code text} that notifications and screen readers show. Every text from
 * the notice is escaped for mrkdwn; a follow-up names the root message's {@code thread_ts}.
 */
public final class SlackMessages {
  // Block Kit limits: header 150 characters, section text 3000, at most 10 fields of 2000 each.
  private static final int HEADER = 150;
  private static final int SECTION = 3000;
  private static final int FIELDS = 10;
  private static final int FIELD = 2000;

  private SlackMessages() {}

  /** The request body; {@code threadTs} is the incident's first message, or null for the first message itself. */
  public static ObjectNode payload(String channel, Notice n, String threadTs) {
    ObjectNode body = Json.object().put("channel", channel).put("text", fallback(n));
    if (threadTs != null) {
      body.put("thread_ts", threadTs);
    }
    // The issue link is in the blocks; Slack's unfurl of it would repeat the message.
    body.put("unfurl_links", false).put("unfurl_media", false);
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", ChatText.cut(n.title(), HEADER)).put("emoji", true);
    if (!n.summary().isBlank()) {
      mrkdwn(blocks.addObject().put("type", "section"), ChatText.slack(n.summary(), SECTION));
    }
    if (!n.fields().isEmpty()) {
      ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
      n.fields().stream().limit(FIELDS).forEach(f -> fields.addObject().put("type", "mrkdwn")
          .put("text", "*" + ChatText.slack(f.name(), 200) + "*\n" + ChatText.slack(f.value(), FIELD - 210)));
    }
    if (n.url() != null) {
      mrkdwn(blocks.addObject().put("type", "section"), "<" + url(n.url()) + "|" + ChatText.slack(
          n.linkText() == null ? n.url() : n.linkText(), 300) + ">");
    }
    blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", ChatText.slack("인시던트 " + n.incidentId() + " · " + ChatText.kst(n.at()), 2000));
    return body;
  }

  /** The notification text: title and summary, escaped like the blocks (Slack parses it as mrkdwn too). */
  static String fallback(Notice n) {
    return ChatText.slack(n.summary().isBlank() ? n.title() : n.title() + " — " + n.summary(), SECTION);
  }

  /** A link target inside {@code <url|text>}: entities for & < >, and the separator percent-encoded. */
  private static String url(String url) {
    return ChatText.slack(url.replace("|", "%7C"));
  }

  private static void mrkdwn(ObjectNode section, String text) {
    section.putObject("text").put("type", "mrkdwn").put("text", text);
  }
}
