package com.incident.local.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accuracy eval at the shipped seed with the rule-based analyzer (Bedrock refused): a regression of the analyzer,
 * the evidence plan, the Kubernetes tools or chaos-cleanup's scoping fails CI here. The report of the run is written to
 * target/eval/evaluation.md for a person (or a CI artifact) to read.
 */
class EvalThresholdTest {
  private static final Path REPORT = Path.of("target", "eval", "evaluation.md");

  @Test
  void ruleBasedAnalyzerMeetsTheThresholdsOnTheShippedSet() throws Exception {
    long seed = ScenarioGenerator.SHIPPED_SEED;
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    EvalResult r = Eval.run(new ScenarioGenerator(seed).generate(), Sandbox.ModelMode.OFFLINE, seed,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, EvalReport.markdown(r, "./incident-local eval --model offline --seed " + seed), StandardCharsets.UTF_8);
    String failures = r.failed().stream().map(o -> o.name() + ": " + String.join("; ", o.problems()))
        .collect(Collectors.joining("\n  ", "\n  ", ""));
    assertThat(r.outcomes()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(r.falseRemediations()).as("changes outside what an incident allows:%s", failures).isZero();
    assertThat(r.remediationExactness()).as("remediation exactness; failures:%s", failures).isEqualTo(1.0);
    assertThat(r.top1Accuracy()).as("top-1 accuracy; failures:%s", failures).isGreaterThanOrEqualTo(EvalResult.TOP1_TARGET);
  }
}
