package com.incident.agent.core;

import com.incident.common.redact.Redactions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The figures of one run that go into the issue footer and out as EMF metrics. */
public final class RunStats {
  private final Redactions redactions = Redactions.open();
  private final AtomicInteger turns = new AtomicInteger();
  private final AtomicInteger toolCalls = new AtomicInteger();
  private final AtomicLong inputTokens = new AtomicLong();
  private final AtomicLong outputTokens = new AtomicLong();
  private final AtomicLong cacheReadTokens = new AtomicLong();
  private final AtomicLong cacheWriteTokens = new AtomicLong();
  private volatile Duration alarmToIssue;
  private volatile Duration alarmToAnalysis;

  /** The run's redaction session: one numbering of masked values per incident run, audited in the footer. */
  public Redactions redactions() {
    return redactions;
  }

  public void turn() {
    turns.incrementAndGet();
  }

  public void toolCalls(int n) {
    toolCalls.addAndGet(n);
  }

  public void tokens(Integer in, Integer out, Integer cacheRead, Integer cacheWrite) {
    inputTokens.addAndGet(in == null ? 0 : in);
    outputTokens.addAndGet(out == null ? 0 : out);
    cacheReadTokens.addAndGet(cacheRead == null ? 0 : cacheRead);
    cacheWriteTokens.addAndGet(cacheWrite == null ? 0 : cacheWrite);
  }

  public void alarmToIssue(Duration d) {
    alarmToIssue = d;
  }

  public void alarmToAnalysis(Duration d) {
    alarmToAnalysis = d;
  }

  public int turns() {
    return turns.get();
  }

  public int toolCalls() {
    return toolCalls.get();
  }

  public long inputTokens() {
    return inputTokens.get();
  }

  public long outputTokens() {
    return outputTokens.get();
  }

  public long cacheReadTokens() {
    return cacheReadTokens.get();
  }

  public long cacheWriteTokens() {
    return cacheWriteTokens.get();
  }

  public Duration alarmToIssue() {
    return alarmToIssue;
  }

  public Duration alarmToAnalysis() {
    return alarmToAnalysis;
  }

  public double cost(Pricing pricing) {
    return pricing.cost(inputTokens(), outputTokens(), cacheReadTokens(), cacheWriteTokens());
  }
}
