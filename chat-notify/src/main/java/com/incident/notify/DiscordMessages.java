package com.incident.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.incident.common.json.Json;
import com.incident.store.ChatThread;

/**
 * A {@link Notice} as Discord's execute-webhook request: one embed (title, description, url, colour, timestamp,
 * fields, footer) with every text markdown-escaped, and {@code allowed_mentions: {parse: []}} so nothing in it can
 * ping anyone. Execute-webhook has no {@code message_reference} (replies need a bot), so a follow-up is a message
 * of its own that names the incident's first message in its footer.
 */
public final class DiscordMessages {
  // Embed limits: title 256, description 4096, 25 fields (name 256, value 1024), footer 2048, and 6000 characters
  // for all of them together; these caps keep the worst case (every text at its cap) under the total.
  private static final int TITLE = 256;
  private static final int DESCRIPTION = 1500;
  private static final int FIELDS = 8;
  private static final int FIELD_NAME = 100;
  private static final int FIELD_VALUE = 300;
  private static final int LINK_TEXT = 100;
  private static final int FOOTER = 300;

  private DiscordMessages() {}

  /** The request body; {@code root} is the incident's first message here, or null for that message itself. */
  public static ObjectNode payload(Notice n, ChatThread root) {
    ObjectNode body = Json.object();
    ObjectNode embed = body.putArray("embeds").addObject();
    embed.put("title", ChatText.discord(n.title(), TITLE));
    if (!n.summary().isBlank()) {
      embed.put("description", ChatText.discord(n.summary(), DESCRIPTION));
    }
    if (n.url() != null && (n.url().startsWith("https://") || n.url().startsWith("http://"))) {
      embed.put("url", n.url());
    }
    embed.put("color", n.kind().color());
    embed.put("timestamp", n.at().toString());
    ArrayNode fields = embed.putArray("fields");
    n.fields().stream().limit(FIELDS).forEach(f -> fields.addObject().put("name", ChatText.discord(f.name(), FIELD_NAME))
        .put("value", f.value().isBlank() ? "-" : ChatText.discord(f.value(), FIELD_VALUE)).put("inline", false));
    if (n.url() != null) {
      fields.addObject().put("name", "GitHub 이슈").put("value", "[" + ChatText.discord(
          n.linkText() == null ? "이슈 보기" : n.linkText(), LINK_TEXT) + "](" + n.url().replace(" ", "%20").replace(")", "%29") + ")")
          .put("inline", false);
    }
    embed.putObject("footer").put("text", ChatText.cut("인시던트 " + n.incidentId() + " · " + ChatText.kst(n.at())
        + (root == null ? "" : " · 첫 알림 메시지 " + root.messageId() + "에 이어서"), FOOTER));
    body.putObject("allowed_mentions").putArray("parse");
    return body;
  }
}
