package com.incident.local.demo;

import com.incident.common.incident.RemediationMode;
import com.incident.common.json.Json;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioException;
import com.incident.local.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code incident-local demo [scenario] [--json] [--scenario-file PATH] [--model offline|bedrock|scripted]
 * [--remediation-mode auto|dry-run|off] [--metrics memory|moto]}; the mode is REMEDIATION_MODE of the agent and the
 * chaos tool; metrics chooses the Container Insights backend (in-memory, or moto's CloudWatch through GetMetricData).
 */
public final class DemoCommand {
  private final PrintStream out;
  private final PrintStream err;

  public DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Exit code: 0 when the run completed (whether or not expectations were met), 1 when it failed, 2 on usage. */
  public int run(List<String> positional, Map<String, String> options, boolean json) {
    Scenario scenario;
    try {
      scenario = options.containsKey("--scenario-file") ? ScenarioLoader.file(Path.of(options.get("--scenario-file")))
          : ScenarioLoader.bundled(positional.isEmpty() ? "cpu-spike" : positional.getFirst());
    } catch (ScenarioException e) {
      err.println("incident-local: " + e.getMessage());
      return 2;
    }
    Sandbox.ModelMode model = switch (options.getOrDefault("--model", "offline")) {
      case "offline" -> Sandbox.ModelMode.OFFLINE;
      case "bedrock" -> Sandbox.ModelMode.BEDROCK;
      case "scripted" -> Sandbox.ModelMode.SCRIPTED;
      default -> null;
    };
    if (model == null) {
      err.println("incident-local: --model must be offline, bedrock or scripted");
      return 2;
    }
    RemediationMode mode;
    try {
      mode = RemediationMode.parse(options.get("--remediation-mode"));
    } catch (IllegalStateException e) {
      err.println("incident-local: --remediation-mode must be auto, dry-run or off");
      return 2;
    }
    Sandbox.MetricsBackend metrics = switch (options.getOrDefault("--metrics", "memory")) {
      case "memory" -> Sandbox.MetricsBackend.MEMORY;
      case "moto" -> Sandbox.MetricsBackend.MOTO;
      default -> null;
    };
    if (metrics == null) {
      err.println("incident-local: --metrics must be memory or moto");
      return 2;
    }
    DemoResult result;
    try {
      err.println("incident-local: running scenario " + scenario.name() + " (" + scenario.notifications().size()
          + " notification(s), model " + model.name().toLowerCase(java.util.Locale.ROOT) + ", metrics "
          + metrics.label() + ")...");
      result = Demo.run(scenario, new Sandbox.Options(model, 0, 0, 0, options.get("--region"),
          options.containsKey("--opensearch"), mode, metrics), err);
    } catch (RuntimeException e) {
      StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
        why.append("\n  caused by: ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
      }
      err.println("incident-local: the demo failed: " + why);
      return 1;
    }
    Path html;
    try {
      html = DemoReport.writeHtml(result, Path.of(options.getOrDefault("--out", "target/demo")));
    } catch (IOException e) {
      err.println("incident-local: cannot write the HTML page: " + e.getMessage());
      return 1;
    }
    if (json) {
      out.println(Json.write(DemoReport.json(result)));
      err.println("incident-local: HTML page: " + html.toAbsolutePath());
    } else {
      out.print(DemoReport.markdown(result));
      out.println("---");
      out.println("scenario " + scenario.name() + ": expected " + (result.expectedMet() ? "met" : "NOT met: "
          + String.join("; ", result.unmet())) + " · " + result.stats().wallMs() + " ms · metrics " + metrics.label());
      out.println("HTML: " + html.toAbsolutePath());
    }
    return 0;
  }
}
