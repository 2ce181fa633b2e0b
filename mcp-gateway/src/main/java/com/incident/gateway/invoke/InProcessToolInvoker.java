package com.incident.gateway.invoke;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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
          new LocalContext(target, deadline));
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

  /** Just enough of a Lambda context for the tool handlers: a name, a request id and the time left. */
  private record LocalContext(String functionName, Instant deadline, String requestId) implements Context {
    LocalContext(String functionName, Instant deadline) {
      this(functionName, deadline, UUID.randomUUID().toString());
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/local/" + functionName;
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.println(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
