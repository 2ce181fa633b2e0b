package com.incident.local.eval;

import com.incident.common.incident.AnalysisResult;
import com.incident.local.demo.Demo;
import com.incident.local.demo.DemoResult;
import com.incident.local.sandbox.Sandbox;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs generated incidents through the sandbox, exactly as {@code demo} runs a scenario (alarm-trigger, agent,
 * gateway, tools, chaos-cleanup against the sandbox cluster), and scores each against its expectation.
 */
public final class Eval {
  /** The cost the agent's issue footer states for the run. */
  private static final Pattern COST = Pattern.compile("예상 비용: \\$([0-9.]+)");

  private Eval() {}

  public static EvalResult run(List<GeneratedIncident> incidents, Sandbox.ModelMode model, long seed, PrintStream log) {
    long start = System.nanoTime();
    List<IncidentOutcome> outcomes = new ArrayList<>();
    for (GeneratedIncident incident : incidents) {
      IncidentOutcome o = run(incident, model, log);
      outcomes.add(o);
      log.println("incident-local: eval " + incident.name() + ": " + (o.problems().isEmpty() ? "ok" : String.join("; ", o.problems()))
          + " (" + o.wallMs() + " ms)");
    }
    return new EvalResult(seed, model, outcomes, (System.nanoTime() - start) / 1_000_000);
  }

  static IncidentOutcome run(GeneratedIncident incident, Sandbox.ModelMode model, PrintStream log) {
    long start = System.nanoTime();
    DemoResult r;
    try {
      r = Demo.run(incident.scenario(), Sandbox.Options.defaults(model), log);
    } catch (RuntimeException e) {
      return new IncidentOutcome(incident.name(), incident.expectation(), List.of(), List.of(), 0, 0, 0, 0, 0, 0,
          (System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()));
    }
    AnalysisResult analysis = r.analyses().isEmpty() ? null : r.analyses().getFirst();
    var ranked = analysis == null || analysis.causes() == null ? List.<com.incident.common.incident.RootCauseCategory>of()
        : analysis.causes().stream().map(AnalysisResult.ProbableCause::category).toList();
    // Only a real model call costs money: the scripted and offline endpoints report tokens they never billed.
    double cost = model == Sandbox.ModelMode.BEDROCK ? cost(r) : 0;
    DemoResult.Stats s = r.stats();
    return new IncidentOutcome(incident.name(), incident.expectation(), ranked, r.changed(), r.issues().size(), s.modelTurns(), s.toolCalls(),
        s.inputTokens(), s.outputTokens(), cost, s.wallMs(), analysis == null ? "no analysis was recorded on the issue" : null);
  }

  private static double cost(DemoResult r) {
    double total = 0;
    for (DemoResult.Issue i : r.issues()) {
      List<String> texts = new ArrayList<>(i.comments());
      texts.add(i.body());
      for (String t : texts) {
        Matcher m = COST.matcher(t);
        while (m.find()) {
          total += Double.parseDouble(m.group(1));
        }
      }
    }
    return total;
  }
}
