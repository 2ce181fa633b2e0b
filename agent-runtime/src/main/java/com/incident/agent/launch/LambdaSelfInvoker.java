package com.incident.agent.launch;

import com.incident.common.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Production launcher: invokes this same function asynchronously ({@code InvocationType=Event}). */
public final class LambdaSelfInvoker implements AsyncLauncher {
  private final LambdaClient lambda;
  private final String functionName;

  public LambdaSelfInvoker(LambdaClient lambda, String functionName) {
    this.lambda = lambda;
    this.functionName = functionName;
  }

  @Override
  public void launch(WorkerPayload payload) throws LaunchException {
    try {
      InvokeResponse response = lambda.invoke(b -> b.functionName(functionName)
          .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(Json.write(payload))));
      if (response.statusCode() != 202) {
        throw new LaunchException("Async invoke of " + functionName + " answered " + response.statusCode(), null);
      }
    } catch (SdkException e) {
      throw new LaunchException("Async invoke of " + functionName + " failed: " + e.getMessage(), e);
    }
  }
}
