package com.incident.local.demo;

import com.incident.common.json.Json;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code incident-local demo}: one scenario through the whole suite, printed as the issue timeline (markdown) or one
 * JSON object, and written as an HTML page. The options (model, remediation mode, metrics backend) are parsed and
 * validated by the command line ({@code Commands.Demo}).
 */
public final class DemoCommand {
  private final PrintStream out;
  private final PrintStream err;

  public DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Exit code: 0 when the run completed (whether or not expectations were met), 1 when it failed. */
  public int run(Scenario scenario, Sandbox.Options options, Path outDir, boolean json) {
    return run(scenario, options, null, outDir, json);
  }

  /**
   * As above; with {@code approveAs} the run also plays the approval loop (a signed {@code /approve} from that login
   * once a plan waits) and prints how it went, with the time from the delivery to the remediation comment.
   */
  public int run(Scenario scenario, Sandbox.Options options, String approveAs, Path outDir, boolean json) {
    Sandbox.ModelMode model = options.model();
    Sandbox.MetricsBackend metrics = options.metrics();
    DemoResult result;
    Optional<ApprovalLoop> approval;
    try {
      err.println("incident-local: running scenario " + scenario.name() + " (" + scenario.notifications().size()
          + " notification(s), model " + model.name().toLowerCase(java.util.Locale.ROOT) + ", metrics "
          + metrics.label() + ")...");
      Demo.Run run = Demo.run(scenario, options, approveAs, err);
      result = run.result();
      approval = run.approval();
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
      html = DemoReport.writeHtml(result, outDir);
    } catch (IOException e) {
      err.println("incident-local: cannot write the HTML page: " + e.getMessage());
      return 1;
    }
    if (json) {
      out.println(Json.write(DemoReport.json(result)));
      err.println("incident-local: HTML page: " + html.toAbsolutePath());
    } else {
      out.print(DemoReport.markdown(result));
      out.print(DemoReport.chat(result));
      out.println("---");
      out.println("scenario " + scenario.name() + ": expected " + (result.expectedMet() ? "met" : "NOT met: "
          + String.join("; ", result.unmet())) + " · " + result.stats().wallMs() + " ms · metrics " + metrics.label());
      out.println("HTML: " + html.toAbsolutePath());
    }
    if (approveAs != null) {
      (json ? err : out).println(approval.map(ApprovalLoop::summary).orElse("approval: no incident waited for approval ("
          + "run with --remediation approval); nothing was delivered as " + approveAs));
    }
    return 0;
  }
}
