package com.incident.common.tool;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.lambda.Priming;
import java.io.ByteArrayInputStream;
import com.incident.common.obs.LambdaLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda I/O for a tool target: bytes in, contract JSON out. Subclasses only choose their {@link ToolTarget};
 * the handler never throws, so the gateway always receives a well-formed result.
 */
public abstract class ToolTargetHandler implements RequestStreamHandler {
  private static final Logger log = LoggerFactory.getLogger(ToolTargetHandler.class);

  private final ToolDispatcher dispatcher;

  protected ToolTargetHandler(ToolDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * Registers this handler's SnapStart priming: a tools/list through the whole handler and the dispatcher's
   * {@link ToolDispatcher#prime()}. Call it from the no-arg constructor only, the one Lambda uses.
   */
  protected final void primeBeforeSnapshot() {
    Priming.beforeSnapshot(getClass().getSimpleName() + " tool contract", () -> {
      handleRequest(new ByteArrayInputStream("{\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8)),
          OutputStream.nullOutputStream(), null);
      dispatcher.prime();
    });
  }

  public ToolDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] body = input.readAllBytes();
    JsonNode response;
    JsonNode payload = null;
    try {
      payload = Json.strictTree(body);
    } catch (IOException e) {
      log.warn("Rejected tool request: body is not valid JSON ({} bytes)", body.length);
      response = ToolDispatcher.toJson(ToolDispatcher.errorResult("Request body is not valid JSON"));
      output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode request = payload;
    String sessionId = request != null && request.hasNonNull("sessionId") ? request.get("sessionId").asText() : null;
    Long remaining = context == null ? null : (long) context.getRemainingTimeInMillis();
    response = LambdaLogging.withSession(context, sessionId, () -> dispatcher.handle(request, remaining));
    output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
  }
}
