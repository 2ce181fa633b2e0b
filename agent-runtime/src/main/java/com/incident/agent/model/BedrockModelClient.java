package com.incident.agent.model;

import com.incident.common.retry.Backoff;
import com.incident.common.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * Bedrock Converse with the suite's {@link Retry} (the SDK's retries are off when the client is built) so that
 * every attempt and every backoff fits in the caller's time budget: throttling, 5xx and client errors
 * (timeouts) are retried up to the backoff's attempts, everything else fails at once.
 */
public final class BedrockModelClient implements ModelClient {
  private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

  private final BedrockRuntimeClient client;
  private final String modelId;
  private final Retry retry;

  public BedrockModelClient(BedrockRuntimeClient client, String modelId, Retry retry) {
    this.client = client;
    this.modelId = modelId;
    this.retry = retry;
  }

  public static Backoff defaultBackoff(int maxAttempts, Duration base) {
    return new Backoff(maxAttempts, base, Duration.ofSeconds(8));
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public ConverseResponse converse(ConverseRequest request, Duration budget) throws ModelException {
    Instant deadline = retry.clock().instant().plus(budget);
    return retry.call("Model call", deadline, MIN_ATTEMPT, (attempt, left) -> {
      if (left.compareTo(MIN_ATTEMPT) < 0) {
        throw new ModelException("No time left for a model call (budget " + budget.toMillis() + " ms)", true, null);
      }
      ConverseRequest timed = request.toBuilder().modelId(modelId)
          .overrideConfiguration(o -> o.apiCallTimeout(left).apiCallAttemptTimeout(left)).build();
      try {
        return Retry.done(client.converse(timed));
      } catch (BedrockRuntimeException e) {
        String reason = "Bedrock " + e.statusCode() + " " + errorCode(e);
        if (!retryable(e)) {
          throw new ModelException(reason, false, e);
        }
        return Retry.again(reason);
      } catch (SdkClientException e) {
        return Retry.again("Bedrock client error: " + e.getMessage());
      }
    }, gaveUp -> new ModelException(switch (gaveUp.stop()) {
      case ATTEMPTS_EXHAUSTED -> gaveUp.reason() + " after " + gaveUp.attempts() + " attempts";
      case NO_TIME_LEFT -> gaveUp.reason() + "; no time left to retry";
      case INTERRUPTED -> "Interrupted during backoff";
    }, true, null));
  }

  private static boolean retryable(BedrockRuntimeException e) {
    int status = e.statusCode();
    return status == 429 || status >= 500 || e.isThrottlingException()
        || "ModelNotReadyException".equals(errorCode(e)) || "ModelTimeoutException".equals(errorCode(e));
  }

  private static String errorCode(BedrockRuntimeException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
