package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.local.sandbox.Sandbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every issue the shipped scenarios render (body and every comment, with the rule-based analyzer and with the
 * scripted model) reads as the suite's Korean, with no template artefact left: see {@link IssueArtefacts}. The runs
 * are shared with {@link ScenarioSuiteTest} through {@link ScenarioRuns}.
 */
class RenderedIssueArtefactsTest {

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("com.incident.local.demo.ScenarioSuiteTest#runs")
  void renderedIssueHasNoTemplateArtefacts(String name, Sandbox.ModelMode model) {
    DemoResult r = ScenarioRuns.of(name, model).result();

    assertThat(r.issues()).isNotEmpty().allSatisfy(issue -> assertThat(IssueArtefacts.scan(issue.body(), issue.comments()))
        .as("artefacts in issue #%d of %s (%s)", issue.number(), name, model).isEmpty());
  }
}
