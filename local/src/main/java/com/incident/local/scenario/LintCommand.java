package com.incident.local.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code incident-local scenario lint FILE...}: every problem of each file in one list (schema and semantics), then
 * what the analyzer will have nothing to read from. Exit code 0 when no file has problems (notes are not problems),
 * 1 when one has, 2 on usage.
 */
public final class LintCommand {
  private final PrintStream out;
  private final PrintStream err;

  public LintCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> files) {
    if (files.isEmpty()) {
      err.println("incident-local: scenario lint needs at least one scenario file");
      return 2;
    }
    boolean problems = false;
    for (String file : files) {
      ScenarioLoader.Lint lint = ScenarioLoader.lintFile(Path.of(file));
      problems |= !lint.problems().isEmpty();
      out.println(file + ": " + (lint.problems().isEmpty() ? "valid" : lint.problems().size() + " problem(s)")
          + (lint.notes().isEmpty() ? "" : ", " + lint.notes().size() + " note(s)"));
      lint.problems().forEach(p -> out.println("  - problem: " + p));
      lint.notes().forEach(n -> out.println("  - not read by the analyzer: " + n));
    }
    return problems ? 1 : 0;
  }
}
