package com.incident.webhook.core;

import com.incident.common.incident.AgentRequest;
import java.util.regex.Pattern;

/**
 * Session ids {@code cmd-<issue>-<delivery>}: one per webhook delivery, so the agent's own session claim refuses a
 * second run of the same delivery too. Sanitised to {@link AgentRequest#SESSION_ID_PATTERN} (GitHub's delivery ids
 * are GUIDs, but the header is outside input).
 */
public final class CommandSessionIds {
  private static final Pattern ACCEPTED = Pattern.compile(AgentRequest.SESSION_ID_PATTERN);
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final int MAX_LENGTH = 200;

  private CommandSessionIds() {}

  public static String of(int issueNumber, String deliveryId) {
    String prefix = "cmd-" + issueNumber + "-";
    String delivery = UNSAFE.matcher(deliveryId).replaceAll("-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|[-.]+$", "");
    if (delivery.length() > MAX_LENGTH - prefix.length()) {
      delivery = delivery.substring(0, MAX_LENGTH - prefix.length());
    }
    String id = prefix + (delivery.isEmpty() ? "delivery" : delivery);
    if (!ACCEPTED.matcher(id).matches()) {
      throw new IllegalStateException("Sanitised session id does not match the agent's pattern: " + id);
    }
    return id;
  }
}
