package com.incident.tools.datadog.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** The Datadog HTTP API as the tools use it. Failures are {@link com.incident.common.tool.ToolException}s. */
public interface DatadogApi {

  JsonNode get(String path, Map<String, String> query, Duration budget);

  JsonNode post(String path, JsonNode body, Duration budget);
}
