package com.incident.trigger.core;

import com.incident.common.incident.AgentRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** Session ids {@code alarm-{alarmName}-{uuid}}, sanitised to {@link AgentRequest#SESSION_ID_PATTERN}. */
public final class SessionIds {
  private static final Pattern ACCEPTED = Pattern.compile(AgentRequest.SESSION_ID_PATTERN);
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final int MAX_LENGTH = 200;
  private static final String PREFIX = "alarm-";

  private SessionIds() {}

  public static String forAlarm(String alarmName, UUID uuid) {
    String suffix = "-" + uuid;
    String name = UNSAFE.matcher(alarmName).replaceAll("-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|[-.]+$", "");
    int room = MAX_LENGTH - PREFIX.length() - suffix.length();
    if (name.length() > room) {
      name = name.substring(0, room).replaceAll("[-.]+$", "");
    }
    String id = PREFIX + (name.isEmpty() ? "unnamed" : name) + suffix;
    if (!ACCEPTED.matcher(id).matches()) {
      throw new IllegalStateException("Sanitised session id does not match the agent's pattern: " + id);
    }
    return id;
  }
}
