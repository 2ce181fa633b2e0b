package com.incident.store;

/** What an incident has spent on the model so far, over all its sessions (first pass, escalation, follow-up). */
public record Spend(long inputTokens, long outputTokens, long microUsd, int modelCalls) {
  public static final Spend NONE = new Spend(0, 0, 0, 0);

  public Spend plus(Spend o) {
    return new Spend(inputTokens + o.inputTokens, outputTokens + o.outputTokens, microUsd + o.microUsd,
        modelCalls + o.modelCalls);
  }

  public double usd() {
    return microUsd / 1_000_000d;
  }
}
