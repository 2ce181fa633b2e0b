package com.incident.agent.core;

import com.incident.agent.model.ModelClient;

/**
 * The optional cheaper first pass: {@code firstPass} analyses first; the main model runs only when that pass ends
 * without a submission, with {@code unknown}, or with its top cause below {@code minConfidence}. Both passes count
 * in the incident's budget and both show in the footer.
 */
public record Escalation(ModelClient firstPass, Pricing pricing, double minConfidence) {
  public Escalation {
    if (minConfidence < 0 || minConfidence > 1) {
      throw new IllegalArgumentException("escalation confidence must be within 0..1, got " + minConfidence);
    }
  }
}
