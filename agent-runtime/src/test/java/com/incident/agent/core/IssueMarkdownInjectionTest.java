package com.incident.agent.core;

import static com.incident.common.testing.MarkdownChecks.active;
import static com.incident.common.testing.MarkdownChecks.corpus;
import static com.incident.common.testing.MarkdownChecks.fencedBlocks;
import static com.incident.common.testing.MarkdownChecks.structure;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Harness;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.AnalysisResult.EvidenceRef;
import com.incident.common.incident.AnalysisResult.ProbableCause;
import com.incident.common.incident.AnalysisResult.TimelineEntry;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.incident.Severity;
import com.incident.common.testing.MarkdownChecks.Entry;
import com.incident.store.ChronologyEntry;
import com.incident.store.IssueStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole issue timeline for an alarm whose every outside value (name, description, reason, statistic,
 * dimensions, log lines, tool errors and output, model text) is a breakout string: through a real CommonMark +
 * GFM parser it must have the same structure and the same links/HTML as for a harmless value.
 */
class IssueMarkdownInjectionTest {
  private static final String BENIGN = "평범한 값 checkout-api";
  private static final Instant NOW = Instant.parse("2026-11-21T03:16:00Z");
  private static final Pattern MERMAID_ENTRY = Pattern.compile("^ {4}[^:\\n]+ : [^:\\n]+$");

  private final IssueRenderer renderer = new IssueRenderer(Harness.settings());
  private final RuleBasedAnalyzer rules = new RuleBasedAnalyzer();

  @Test
  void noCorpusEntryChangesTheStructureOrAddsLinksHtmlOrMentions() {
    Map<String, String> benign = pages(BENIGN);
    for (Entry e : corpus()) {
      Map<String, String> pages = pages(e.value());
      pages.forEach((page, markdown) -> {
        assertThat(structure(markdown)).as("%s in %s:\n%s", e, page, markdown).isEqualTo(structure(benign.get(page)));
        assertThat(active(markdown)).as("%s in %s:\n%s", e, page, markdown).isEqualTo(active(benign.get(page)));
      });
    }
  }

  @Test
  void everyCorpusEntryIsExactlyOneEntryOfTheTimelineChart() {
    for (Entry e : corpus()) {
      String body = pages(e.value()).get("issueBody");
      List<String> charts = fencedBlocks(body, "mermaid");
      assertThat(charts).as("%s", e).hasSize(1);
      List<String> lines = charts.getFirst().lines().toList();
      assertThat(lines).as("%s", e).hasSize(2 + 3).startsWith("timeline", "    title 인시던트 타임라인 (KST)");
      for (String line : lines.subList(2, lines.size())) {
        // Entity codes (#35;) are how Mermaid is told a character; what is left must not separate or comment.
        assertThat(line.replaceAll("#\\d+;", "x")).as("%s", e).matches(MERMAID_ENTRY)
            .doesNotContain("%%", "#", ";", "-->", "\"");
        assertThat(line.strip().split("[^\\p{L}]", 2)[0].toLowerCase()).as("%s", e)
            .isNotIn("section", "title", "end", "timeline", "acctitle", "accdescr");
      }
    }
  }

  @Test
  void dimensionsAndTheDescriptionAreShownInTheOverview() {
    String body = pages(BENIGN).get("issueBody");

    assertThat(body).contains("| 알람 설명 | `평범한 값 checkout-api` |")
        .contains("`ClusterName=평범한 값 checkout-api`");
  }

  /** Every Markdown page the runtime writes, with {@code v} in every field that comes from outside. */
  private Map<String, String> pages(String v) {
    AlarmDetails template = Harness.request(AnalysisMode.ANALYZE).alarm();
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("ClusterName", v);
    dimensions.put("Namespace", v);
    dimensions.put("PodName", v);
    dimensions.put(v, v);
    AlarmDetails alarm = new AlarmDetails(v, template.alarmArn(), v, template.accountId(), template.region(), template.kind(),
        "ALARM", "OK", v, template.stateChangeTime(), template.namespace(), template.metricName(), dimensions, v,
        template.periodSeconds(), template.evaluationPeriods(), template.datapointsToAlarm(), template.threshold(),
        template.comparisonOperator(), template.observedValue(), List.of(), null);
    IncidentFacts facts = new IncidentClassifier(Clock.fixed(NOW, ZoneOffset.UTC), 30).classify(alarm);
    Evidence evidence = new Evidence(
        List.of(new Evidence.Item("opensearch-error-summary", null, "2026-11-21T03:14:00Z ERROR " + v + " OOMKilled", null)),
        List.of(new Evidence.Gap("opensearch-log-anomalies", null, v)));
    AnalysisResult ruleBased = rules.analyze(facts, evidence, NOW);
    AnalysisResult model = new AnalysisResult(v, v, List.of(v, v), List.of(v),
        List.of(new ProbableCause(v, RootCauseCategory.MEMORY_LEAK_OOM, 0.7, v, List.of(new EvidenceRef(v, v, v)))),
        List.of(new TimelineEntry(v, v), new TimelineEntry("2026-11-21T03:12:00Z", v)),
        List.of(v), List.of(v), new AnalysisResult.Remediation(ChaosScenario.STRESS_WORKLOAD, v), v);
    List<ChronologyEntry> chronology = new java.util.ArrayList<>(Chronology.alarm(facts, MetricValues.Unit.PERCENT));
    chronology.add(new ChronologyEntry("signal", NOW.minusSeconds(600), ChronologyEntry.Stage.FIRST_SIGNAL, v));
    chronology.add(new ChronologyEntry("analysis", NOW.plusSeconds(120), ChronologyEntry.Stage.ANALYSIS, v));

    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("issueBody", new IssueBody(Harness.settings()).render(facts, "inc-1", new IssueBody.State(
        IssueStatus.REMEDIATING, Severity.HIGH, v, MetricValues.Unit.PERCENT, chronology, NOW)));
    pages.put("rootCause(rules)", renderer.rootCause(ruleBased, evidence, v));
    pages.put("rootCause(model)", renderer.rootCause(model, evidence, null));
    pages.put("responseGuide", renderer.responseGuide(model));
    pages.put("remediation", new RemediationReport(com.incident.common.incident.RemediationMode.AUTO)
        .applied(facts, ChaosScenario.STRESS_WORKLOAD, new Remediator.Cleanup(false, false, v, RemediationReportTest.hostile(v))));
    pages.put("recurrence", renderer.recurrence(facts, 2, List.of(v), List.of(v), List.of(v)));
    pages.put("recovered", renderer.recovered(Duration.ofMinutes(3), v));
    pages.put("notRecovered", renderer.notRecovered(v));
    pages.put("recoveryUnconfirmed", renderer.recoveryUnconfirmed(List.of(v, v)));
    pages.put("failure", renderer.failure(v));
    return pages;
  }
}
