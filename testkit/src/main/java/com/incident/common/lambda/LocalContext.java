package com.incident.common.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A Lambda {@link Context} for handlers run in this JVM (local runner, sandbox, the gateway's in-process invoker):
 * a name, a request id, the time left and a logger.
 */
public final class LocalContext implements Context {
  private final String functionName;
  private final int memoryMb;
  private final long deadlineMillis;
  private final String requestId = UUID.randomUUID().toString();
  private final PrintStream log;

  public LocalContext(String functionName, int timeoutSeconds, int memoryMb, PrintStream log) {
    this(functionName, Instant.now().plusSeconds(timeoutSeconds), memoryMb, log);
  }

  public LocalContext(String functionName, Instant deadline, int memoryMb, PrintStream log) {
    this.functionName = functionName;
    this.memoryMb = memoryMb;
    this.deadlineMillis = deadline.toEpochMilli();
    this.log = log;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
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
    return "arn:aws:lambda:local:123456789012:function:" + functionName;
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
    return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.print(message);
      }

      @Override
      public void log(byte[] message) {
        log.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
