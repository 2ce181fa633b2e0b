package com.incident.gateway;

import com.incident.common.auth.CognitoJwtVerifier;
import com.incident.common.config.Env;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The gateway's settings, read once per container. One variable per tool target holds the function name or
 * ARN (an alias ARN in production); a target left unset is simply not routed.
 */
public record Config(Map<ToolNames.Target, String> targets, boolean datadogEnabled, Duration toolsCacheTtl,
    Duration listTimeout, Duration deadlineMargin, Duration lambdaClientTimeout, CognitoJwtVerifier.Settings auth) {

  public static Config from(Env env) {
    Map<ToolNames.Target, String> targets = new EnumMap<>(ToolNames.Target.class);
    put(targets, ToolNames.Target.CONTAINER_INSIGHT, env.optional("TOOL_TARGET_CONTAINER_INSIGHT", null));
    put(targets, ToolNames.Target.OPENSEARCH, env.optional("TOOL_TARGET_OPENSEARCH", null));
    put(targets, ToolNames.Target.DATADOG, env.optional("TOOL_TARGET_DATADOG", null));
    put(targets, ToolNames.Target.GITHUB, env.optional("TOOL_TARGET_GITHUB", null));
    put(targets, ToolNames.Target.CHAOS, env.optional("TOOL_TARGET_CHAOS", null));
    put(targets, ToolNames.Target.KUBERNETES, env.optional("TOOL_TARGET_KUBERNETES", null));
    boolean datadog = env.flag("DATADOG_ENABLED", false);
    if (!datadog) {
      targets.remove(ToolNames.Target.DATADOG);
    }
    if (targets.isEmpty()) {
      throw new IllegalStateException("No tool targets configured: set at least one TOOL_TARGET_* variable");
    }
    return new Config(Map.copyOf(targets), datadog,
        Duration.ofSeconds(env.intValue("TOOLS_CACHE_TTL_SECONDS", 300)),
        Duration.ofSeconds(env.intValue("TOOLS_LIST_TIMEOUT_SECONDS", 10)),
        Duration.ofMillis(env.intValue("DEADLINE_MARGIN_MS", 1500)),
        Duration.ofSeconds(env.intValue("LAMBDA_CLIENT_TIMEOUT_SECONDS", 900)),
        CognitoJwtVerifier.Settings.from(env));
  }

  private static void put(Map<ToolNames.Target, String> targets, ToolNames.Target target, String function) {
    if (function != null) {
      targets.put(target, function);
    }
  }
}
