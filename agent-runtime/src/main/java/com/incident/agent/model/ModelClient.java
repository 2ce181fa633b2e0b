package com.incident.agent.model;

import java.time.Duration;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * One Converse call. The request/response are the SDK's plain data types, so a sandbox can script a model
 * without AWS; {@link BedrockModelClient} is the real one.
 */
public interface ModelClient {

  String modelId();

  /**
   * @param budget the most this call (retries included) may take; the loop derives it from the deadline
   * @throws ModelException when the model stays unavailable after retries or rejects the request
   */
  ConverseResponse converse(ConverseRequest request, Duration budget) throws ModelException;
}
