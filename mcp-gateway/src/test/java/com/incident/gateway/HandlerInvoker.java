package com.incident.gateway;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.lambda.LocalContext;
import com.incident.gateway.invoke.ToolInvocationException;
import com.incident.gateway.invoke.ToolInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs the {@link FakeTools} handlers on the caller's thread. The shared in-process invoker (fixtures module,
 * with its deadline) depends on this module, so the gateway's own tests cannot use it without a Maven cycle.
 */
record HandlerInvoker(Map<String, ? extends RequestStreamHandler> handlers) implements ToolInvoker {

  @Override
  public String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException {
    RequestStreamHandler handler = handlers.get(target);
    if (handler == null) {
      throw new ToolInvocationException(ToolInvocationException.Kind.NOT_FOUND, "no handler named " + target);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payloadJson.getBytes(StandardCharsets.UTF_8)), out,
          new LocalContext(target, Instant.now().plus(timeout), 512, System.err));
    } catch (Exception e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR,
          e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
