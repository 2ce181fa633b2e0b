package com.incident.local.bench;

import com.incident.local.demo.DemoResult;
import java.util.List;
import java.util.Locale;

/** docs/benchmarks.md from the measured figures. */
final class BenchReport {
  private BenchReport() {}

  static String markdown(List<Bench.ColdStart> cold, List<DemoResult> scenarios, Bench.FanOut fanOut, int runs) {
    StringBuilder b = new StringBuilder();
    b.append("# Benchmarks\n\n");
    b.append("Written by `java -jar local/target/incident-local.jar bench` (module `local`, class `com.incident.local.bench.Bench`). ")
        .append("Re-run it after a change that could affect start-up or the amount of evidence; every figure below is measured, none is typed in.\n\n");
    b.append("- Machine: ").append(Bench.machine()).append('\n');
    b.append("- JDK: ").append(Bench.jdk()).append(" (child JVMs run with `").append(Bench.LAMBDA_JVM_FLAGS)
        .append("`, the Lambda Java runtime's default tiered-compilation setting)\n");
    b.append("- Date: ").append(Bench.now()).append("\n\n");

    b.append("## Cold start per function\n\n");
    b.append("A fresh JVM per run, classpath = the function's Lambda jar (as deployed) plus a two-class probe. ")
        .append("The probe builds the handler through its no-arg constructor from the function's variables in the process environment (Lambda's init phase) and invokes it once on its ")
        .append("sample event from `events/` against the local sandbox's backends (DynamoDB Local, local SSM and Cognito, ")
        .append("the sandbox agent; `AGENT_FUNCTION_NAME` unset, so agent-runtime launches its session on a local thread ")
        .append("instead of invoking itself through Lambda). Tools are invoked with `tools/list`. Median of ").append(runs).append(" runs. ")
        .append("`total` is from JVM start to the response; `init` and `first invoke` are inside it.\n\n")
        .append("Each function runs twice per sample: **unprimed** (what a cold start costs without SnapStart) and **primed**: ")
        .append("after init the probe runs the function's SnapStart priming (`Priming.primeNow()`, exactly what its CRaC ")
        .append("`beforeCheckpoint` hooks run before the snapshot), then times the same first request. `restored path` = ")
        .append("JVM→main + primed first invoke: the work a request after a SnapStart restore still does on this machine ")
        .append("(the restore itself cannot be measured off Lambda). `vs floor` divides by the floor's `total`.\n\n");
    b.append("| Function | Lambda jar | total (ms) | JVM→main | init | first invoke | vs floor | priming (ms) | primed first invoke | restored path (ms) | vs floor | outcome |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    long floor = cold.stream().filter(c -> c.function().startsWith("(")).mapToLong(c -> c.unprimed().total()).findFirst().orElse(-1);
    for (Bench.ColdStart c : cold) {
      Bench.Runs u = c.unprimed();
      Bench.Runs p = c.primed();
      String outcome = u.outcome().equals(p.outcome()) ? u.outcome() : u.outcome() + " / primed: " + p.outcome();
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %s | %d | %d | %d | %s | %s |%n", c.function(),
          size(c.jarBytes()), u.total(), u.jvm(), u.init(), u.invoke(), ratio(u.total(), floor), p.prime(), p.invoke(),
          p.restoredPath(), ratio(p.restoredPath(), floor), outcome));
    }
    b.append("\nThe floor is a handler that only echoes its event, on the same JVM flags and classpath.\n\n");

    b.append("### Where an unprimed cold start goes\n\n");
    b.append("One more unprimed run per function with the JVM's class-load log (`-Xlog:class+load=info:file=...:uptimenanos`). ")
        .append("A cold path is mostly loading and initialising classes, one library's after another's, so the time from one ")
        .append("class load to the next is charged to the library of the class loaded next; loads before the probe's main are ")
        .append("JVM start-up, and the time after the last load is the request itself. A measurement of where the time passes, ")
        .append("not a profile (JDK code a library runs counts for the library unless it loads JDK classes). `total` is this ")
        .append("run's, so it differs a little from the median above. The five largest shares:\n\n");
    b.append("| Function | total (ms) | largest shares |\n|---|---:|---|\n");
    for (Bench.ColdStart c : cold) {
      if (c.attribution() != null) {
        b.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", c.function(), c.attribution().totalMs(), c.attribution().top(5)));
      }
    }
    b.append("\nThe same for the first request of a primed run (from the request's start to its response, the part of the ")
        .append("restored path after JVM→main): what priming leaves to a request after a SnapStart restore.\n\n");
    b.append("| Function | first request (ms) | largest shares |\n|---|---:|---|\n");
    for (Bench.ColdStart c : cold) {
      ClassLoadAttribution r = c.restoredAttribution();
      if (r != null) {
        long request = r.shares().stream().filter(s -> !s.library().equals(ClassLoadAttribution.BEFORE_REQUEST))
            .mapToLong(ClassLoadAttribution.Share::ms).sum();
        b.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", c.function(), request,
            r.top(4, ClassLoadAttribution.BEFORE_REQUEST)));
      }
    }
    b.append('\n');

    b.append("## Per scenario\n\n");
    b.append("`incident-local demo` with the scripted Claude (the Converse wire protocol served locally, so turns and ")
        .append("tokens are real figures of the agent's loop; model latency is ~1 ms, so wall time excludes it). ")
        .append("Evidence bytes = text of the metrics/logs tool results; model input = the Converse request bodies; ")
        .append("input tokens = what the agent's footer reports (the local model counts 4 bytes per token).\n\n");
    b.append("| Scenario | expected met | model turns | tool calls | evidence bytes | model input bytes | input tokens (est.) | output tokens | wall (ms) |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (DemoResult r : scenarios) {
      long modelBytes = r.modelInputs().stream().mapToLong(String::length).sum();
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d |%n", r.scenario().name(),
          r.expectedMet() ? "yes" : "no: " + String.join("; ", r.unmet()), r.stats().modelTurns(), r.stats().toolCalls(),
          r.stats().evidenceBytes(), modelBytes, r.stats().inputTokens(), r.stats().outputTokens(), r.stats().wallMs()));
    }
    b.append("\n## Parallel evidence collection\n\n");
    b.append(String.format(Locale.ROOT, "`cpu-spike` with 1000 ms of latency injected into every tool call. The agent's "
        + "evidence step issued %d calls (%s). Sum of their durations: %d ms; wall time of the fan-out: %d ms; slowest single "
        + "call: %d ms; fan-out / slowest = %.2f.%n", fanOut.calls(), String.join(", ", fanOut.tools()), fanOut.sumMs(),
        fanOut.wallMs(), fanOut.slowestMs(), fanOut.slowestMs() == 0 ? 0 : (double) fanOut.wallMs() / fanOut.slowestMs()));
    return b.toString();
  }

  private static String ratio(long value, long floor) {
    return floor > 0 ? String.format(Locale.ROOT, "%.1f×", (double) value / floor) : "-";
  }

  private static String size(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
