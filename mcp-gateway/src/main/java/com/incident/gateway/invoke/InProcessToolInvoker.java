package com.incident.gateway.invoke;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.incident.common.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls tool handlers in this JVM instead of Lambda: the local runner and the sandbox wire the real tool
 * handlers here, keyed by the same target names the gateway is configured with. A handler that throws
 * or overruns behaves like a failed or timed-out Lambda.
 */
public final class InProcessToolInvoker implements ToolInvoker {
  private final Map<String, RequestStreamHandler> handlers;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public InProcessToolInvoker(Map<String, ? extends RequestStreamHandler> handlers) {
    this.handlers = Map.copyOf(handlers);
  }

  @Override
  public String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException {
    RequestStreamHandler handler = handlers.get(target);
    if (handler == null) {
      throw new ToolInvocationException(ToolInvocationException.Kind.NOT_FOUND,
          "no in-process handler named " + target + "; known: " + handlers.keySet());
    }
    Instant deadline = Instant.now().plus(timeout);
    Future<String> result = executor.submit(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(payloadJson.getBytes(StandardCharsets.UTF_8)), out,
          new LocalContext(target, deadline, 512, System.err));
      return out.toString(StandardCharsets.UTF_8);
    });
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new ToolInvocationException(ToolInvocationException.Kind.TIMEOUT, "no answer within "
          + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR,
          cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolInvocationException(ToolInvocationException.Kind.UNAVAILABLE, "interrupted");
    }
  }
}
