package com.incident.tools.opensearch;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.config.Env;
import com.incident.common.json.Json;
import com.incident.common.tool.ToolDispatcher;
import com.incident.common.tool.ToolRequest;
import com.incident.common.tool.ToolTargetHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Lambda entry point of the OpenSearch tool target; {@link Wiring} builds what it runs. */
public class OpenSearchHandler extends ToolTargetHandler {
  /** A target that lists no tools is one without a log source ({@link LogToolsOff}). */
  private final boolean off;

  public OpenSearchHandler() {
    this(Config.ifConfigured(Env.system()).map(Wiring::production).orElseGet(Wiring::off));
    primeBeforeSnapshot();
  }

  public OpenSearchHandler(ToolDispatcher dispatcher) {
    super(dispatcher);
    this.off = dispatcher.tools().isEmpty();
  }

  /**
   * With the log tools off, a call names a tool this target does not list, which the dispatcher would answer as
   * "unknown tool"; the caller must learn the real reason instead. Everything else goes the usual way.
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    if (!off) {
      super.handleRequest(input, output, context);
      return;
    }
    byte[] body = input.readAllBytes();
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request != null && ToolRequest.CALL.equals(request.path("method").asText())) {
      output.write(Json.write(ToolDispatcher.toJson(ToolDispatcher.errorResult(LogToolsOff.MESSAGE))).getBytes(StandardCharsets.UTF_8));
      return;
    }
    super.handleRequest(new ByteArrayInputStream(body), output, context);
  }
}
