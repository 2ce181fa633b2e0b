package com.incident.local.demo;

import com.incident.common.testing.LogCapture;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One end-to-end run per shipped scenario and model mode per test JVM: the scenario suite and the rendered-issue
 * scan read the same runs instead of running every scenario twice.
 */
final class ScenarioRuns {
  /** A run's result and the function logs written during it. */
  record Run(DemoResult result, String logs) {}

  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  private ScenarioRuns() {}

  static Run of(String name, Sandbox.ModelMode model) {
    return RUNS.computeIfAbsent(name + "/" + model, k -> {
      try (LogCapture capture = new LogCapture()) {
        DemoResult r = Demo.run(ScenarioLoader.bundled(name), Sandbox.Options.defaults(model),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Run(r, capture.text());
      }
    });
  }
}
