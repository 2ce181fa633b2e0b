package com.incident.tools.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolTargetHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drives a tool handler through its Lambda I/O and checks, on every answer, that no corpus secret leaked. */
final class ToolCalls {
  private ToolCalls() {}

  static JsonNode call(ToolTargetHandler handler, String tool, Map<String, Object> arguments) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "tools/call");
    request.put("name", tool);
    request.put("arguments", arguments);
    request.put("sessionId", "test-session");
    return invoke(handler, Json.write(request));
  }

  static JsonNode invoke(ToolTargetHandler handler, String request) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
      String response = out.toString(StandardCharsets.UTF_8);
      assertThat(response).doesNotContain(LogCorpus.SECRET_PASSWORD).doesNotContain(LogCorpus.SECRET_KEY);
      return Json.MAPPER.readTree(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode result) {
    return result.path("content").path(0).path("text").asText();
  }
}
