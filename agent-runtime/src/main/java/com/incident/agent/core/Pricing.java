package com.incident.agent.core;

/** USD per million tokens, for the cost estimate in the footer and the EMF metric. */
public record Pricing(double inputPerMTok, double outputPerMTok, double cacheReadPerMTok, double cacheWritePerMTok) {

  /** Claude Sonnet 4.5 on Bedrock (on-demand, us regions) at the time of writing. */
  public static final Pricing CLAUDE_SONNET = new Pricing(3.0, 15.0, 0.30, 3.75);

  public double cost(long input, long output, long cacheRead, long cacheWrite) {
    return (input * inputPerMTok + output * outputPerMTok + cacheRead * cacheReadPerMTok
        + cacheWrite * cacheWritePerMTok) / 1_000_000d;
  }
}
