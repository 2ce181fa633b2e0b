package com.incident.store;

/**
 * An incident's first message on a chat platform: Slack's channel id and message {@code ts}, or Discord's
 * channel id and message id. Later messages about the incident go into its thread or refer to it.
 */
public record ChatThread(String channel, String messageId) {
  public ChatThread {
    if (channel == null || channel.isBlank() || messageId == null || messageId.isBlank()) {
      throw new IllegalArgumentException("a chat thread needs a channel and a message id");
    }
  }
}
