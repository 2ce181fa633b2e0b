package com.incident.agent.model;

import java.time.Duration;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * {@code MODEL_ID=none}: no model is called and the rule-based analyzer writes every analysis. For accounts
 * without Bedrock access yet, for a hard stop on model spend, and for the offline local demo.
 */
public final class DisabledModelClient implements ModelClient {
  public static final String MODEL_ID = "none";

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public ConverseResponse converse(ConverseRequest request, Duration budget) throws ModelException {
    throw new ModelException("model disabled by configuration (MODEL_ID=none); rule-based analysis only", false, null);
  }
}
