package com.incident.agent.launch;

import com.incident.common.aws.SignedAwsClient;
import com.incident.common.json.Json;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Production launcher: invokes this same function asynchronously ({@code InvocationType=Event}), one signed Lambda
 * {@code Invoke} request ({@link SignedAwsClient}; the Lambda SDK module would add 2.2 MB to the jar for it).
 */
public final class LambdaSelfInvoker implements AsyncLauncher {
  private final SignedAwsClient lambda;
  private final String functionName;

  public LambdaSelfInvoker(SignedAwsClient lambda, String functionName) {
    this.lambda = lambda;
    this.functionName = functionName;
  }

  @Override
  public void launch(WorkerPayload payload) throws LaunchException {
    SignedAwsClient.Response response;
    try {
      response = lambda.send(SdkHttpMethod.POST,
          "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(functionName) + "/invocations",
          Map.of("X-Amz-Invocation-Type", "Event", "Content-Type", "application/json"), Json.write(payload));
    } catch (RuntimeException e) {
      throw new LaunchException("Async invoke of " + functionName + " failed: "
          + com.incident.common.config.AccessFailure.describe(e).orElse(e.getClass().getSimpleName()), e);
    }
    if (response.status() != 202) {
      throw new LaunchException("Async invoke of " + functionName + " failed: " + response.status() + " "
          + response.errorCode(), null);
    }
  }
}
