package com.incident.agent.core;

import com.incident.store.Spend;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The incident's hard model budget, consulted before every Bedrock call of every session of the incident (first
 * pass, escalation, follow-up). {@code before} is what earlier sessions of the incident spent (from the incident
 * table); this session's calls are recorded here as they return, each at its own model's price. A call is
 * allowed when the spend plus its estimate stays within both limits; when a second call of that size would not,
 * the allowed call is the last one and must force {@code submit_analysis}.
 */
public final class ModelBudget {
  /** The limits: model input tokens (uncached + cache read + cache write) and estimated USD, per incident. */
  public record Limits(long maxInputTokens, double maxUsd) {
    /** Sized for two to three Sonnet turns with the pre-filled evidence (about 20-25k input tokens each). */
    public static final Limits DEFAULT = new Limits(80_000, 0.40);

    public Limits {
      if (maxInputTokens <= 0 || maxUsd <= 0) {
        throw new IllegalArgumentException("budget limits must be > 0, got " + maxInputTokens + " tokens, $" + maxUsd);
      }
    }
  }

  /** What the loop may do with its next call. */
  public enum Verdict { ALLOW, LAST_CALL, STOP }

  /** Prefix of the loop's end reason when the budget stopped it; the workflow words it in Korean. */
  public static final String EXHAUSTED = "incident model budget exhausted";

  private final Limits limits;
  private final Spend before;
  private final AtomicLong inputTokens = new AtomicLong();
  private final AtomicLong outputTokens = new AtomicLong();
  private final AtomicLong microUsd = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean limited;

  public ModelBudget(Limits limits, Spend before) {
    this.limits = limits;
    this.before = before;
  }

  /**
   * @param estimatedInputTokens the next call's input as the loop estimates it
   * @param estimatedOutputTokens what it will likely answer
   */
  public Verdict check(long estimatedInputTokens, long estimatedOutputTokens, Pricing pricing) {
    Spend spent = total();
    double callUsd = pricing.cost(estimatedInputTokens, estimatedOutputTokens, 0, 0);
    long tokensLeft = limits.maxInputTokens() - spent.inputTokens();
    double usdLeft = limits.maxUsd() - spent.usd();
    if (estimatedInputTokens > tokensLeft || callUsd > usdLeft) {
      limited = true;
      return Verdict.STOP;
    }
    if (2 * estimatedInputTokens > tokensLeft || 2 * callUsd > usdLeft) {
      limited = true;
      return Verdict.LAST_CALL;
    }
    return Verdict.ALLOW;
  }

  /** One returned call, at the price of the model that answered it. */
  public void record(Pricing pricing, long input, long output, long cacheRead, long cacheWrite) {
    inputTokens.addAndGet(input + cacheRead + cacheWrite);
    outputTokens.addAndGet(output);
    microUsd.addAndGet(Math.round(pricing.cost(input, output, cacheRead, cacheWrite) * 1_000_000));
    calls.incrementAndGet();
  }

  /** This session's spend alone (what is added to the incident afterwards). */
  public Spend session() {
    return new Spend(inputTokens.get(), outputTokens.get(), microUsd.get(), calls.get());
  }

  /** The incident's spend including this session. */
  public Spend total() {
    return before.plus(session());
  }

  /** Whether the budget shortened or stopped a loop of this session. */
  public boolean limited() {
    return limited;
  }

  public Limits limits() {
    return limits;
  }

  /** The Korean line the issue shows about the budget (after the session's spend is known). */
  public String korean(Spend day) {
    Spend t = total();
    return String.format(Locale.ROOT, "💰 모델 사용량 · 이번 인시던트: 입력 토큰 %,d / 한도 %,d, 예상 비용 $%.4f / 한도 $%.2f (호출 %d회)%s",
        t.inputTokens(), limits.maxInputTokens(), t.usd(), limits.maxUsd(), t.modelCalls(),
        day == null ? "" : String.format(Locale.ROOT, " · 오늘(UTC) 전체: $%.4f (호출 %d회)", day.usd(), day.modelCalls()));
  }
}
