package com.incident.agent.core;

/**
 * What the analyzer of a run really was. The local sandbox answers Converse with a scripted fixture whose model
 * ids start with {@link #FIXTURE_PREFIX} (the sandbox's {@code LocalBedrock} uses it); the issue must never
 * present that replay as Claude, nor give it a cost.
 */
public final class ModelLabel {
  /** The prefix of every model id the sandbox's Converse fixture answers to. */
  public static final String FIXTURE_PREFIX = "incident-local-";
  public static final String FIXTURE_KOREAN = "로컬 시나리오 모델(실제 Claude 아님)";

  private ModelLabel() {}

  /** For a model id, an analyzer name ({@code bedrock:<id>}) or the workflow's {@code first` → `main} pair. */
  public static boolean isFixture(String modelOrAnalyzer) {
    if (modelOrAnalyzer == null) {
      return false;
    }
    String id = modelOrAnalyzer.startsWith("bedrock:") ? modelOrAnalyzer.substring("bedrock:".length()) : modelOrAnalyzer;
    return id.startsWith(FIXTURE_PREFIX) || id.contains("→ `" + FIXTURE_PREFIX);
  }
}
