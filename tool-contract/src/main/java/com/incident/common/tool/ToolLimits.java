package com.incident.common.tool;

import com.incident.common.config.Env;
import java.time.Duration;

/**
 * Bounds every tool call shares. Text output is capped (default 8 KB) because tool output is model input:
 * it is paid for in tokens on every later turn.
 */
public record ToolLimits(int maxTextBytes, int maxStructuredBytes, Duration defaultTimeout, Duration safetyMargin) {

  public static final ToolLimits DEFAULT = new ToolLimits(8 * 1024, 32 * 1024, Duration.ofSeconds(50), Duration.ofMillis(750));

  public static ToolLimits from(Env env) {
    int text = env.intValue("TOOL_OUTPUT_MAX_BYTES", DEFAULT.maxTextBytes());
    return new ToolLimits(text, Math.max(text * 4, DEFAULT.maxStructuredBytes()), DEFAULT.defaultTimeout(), DEFAULT.safetyMargin());
  }
}
