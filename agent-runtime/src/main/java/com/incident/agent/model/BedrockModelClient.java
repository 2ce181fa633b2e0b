package com.incident.agent.model;

import java.time.Duration;
import com.incident.agent.core.Sleeper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * Bedrock Converse with our own retry loop (the SDK's retries are off when the client is built) so that every
 * attempt and every backoff fits in the caller's time budget: throttling, 5xx and timeouts are retried up to
 * {@code maxAttempts}, everything else fails at once.
 */
public final class BedrockModelClient implements ModelClient {
  private static final Logger LOG = LoggerFactory.getLogger(BedrockModelClient.class);
  private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

  private final BedrockRuntimeClient client;
  private final String modelId;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;

  public BedrockModelClient(BedrockRuntimeClient client, String modelId, int maxAttempts, Backoff backoff,
      Sleeper sleeper) {
    this.client = client;
    this.modelId = modelId;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public static Backoff defaultBackoff(Duration base) {
    return new Backoff(base, Duration.ofSeconds(8), () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public ConverseResponse converse(ConverseRequest request, Duration budget) throws ModelException {
    long end = System.nanoTime() + budget.toNanos();
    for (int attempt = 0; ; attempt++) {
      Duration left = Duration.ofNanos(end - System.nanoTime());
      if (left.compareTo(MIN_ATTEMPT) < 0) {
        throw new ModelException("No time left for a model call (budget " + budget.toMillis() + " ms)", true, null);
      }
      ConverseRequest timed = request.toBuilder().modelId(modelId)
          .overrideConfiguration(o -> o.apiCallTimeout(left).apiCallAttemptTimeout(left)).build();
      try {
        return client.converse(timed);
      } catch (BedrockRuntimeException e) {
        boolean retryable = retryable(e);
        String reason = "Bedrock " + e.statusCode() + " " + errorCode(e);
        if (!retryable || attempt + 1 >= maxAttempts) {
          throw new ModelException(reason + (retryable ? " after " + (attempt + 1) + " attempts" : ""), retryable, e);
        }
        pause(attempt, reason, end);
      } catch (SdkClientException e) {
        String reason = "Bedrock client error: " + e.getMessage();
        if (attempt + 1 >= maxAttempts) {
          throw new ModelException(reason + " after " + (attempt + 1) + " attempts", true, e);
        }
        pause(attempt, reason, end);
      }
    }
  }

  private void pause(int attempt, String reason, long end) throws ModelException {
    Duration delay = backoff.delay(attempt);
    if (System.nanoTime() + delay.toNanos() + MIN_ATTEMPT.toNanos() > end) {
      throw new ModelException(reason + "; no time left to retry", true, null);
    }
    LOG.warn("Model call attempt {} failed ({}), retrying in {} ms", attempt + 1, reason, delay.toMillis());
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("Interrupted during backoff", true, e);
    }
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
