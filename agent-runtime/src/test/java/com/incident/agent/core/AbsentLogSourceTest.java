package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.agent.testing.Converse;
import com.incident.agent.testing.FakeGitHub;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AnalysisMode;
import com.incident.common.testing.LogCapture;
import com.incident.common.tool.ToolNames;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stack deployed without an OpenSearch endpoint has no log target: the gateway offers no opensearch-* tool.
 * That is configuration, not a fault: the issue says once, in Korean, that logs were not a source, and the
 * agent neither calls log tools nor logs a warning per planned call.
 */
class AbsentLogSourceTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void issueSaysOnceThatLogsWereNotASourceAndNothingIsLoggedPerPlannedLogCall() throws Exception {
    h.gateway.without(ToolNames.SEARCH_LOGS, ToolNames.ERROR_SUMMARY, ToolNames.ANOMALY_DETECTION);
    h.bedrock.enqueue(Converse.submit(Converse.stressAnalysis("stress-workload")));

    String logs;
    try (LogCapture capture = new LogCapture()) {
      h.workflow(Harness.settings()).run(Harness.request(AnalysisMode.ANALYZE),
          Deadline.in(h.clock, Duration.ofMinutes(14)));
      logs = capture.text();
    }

    FakeGitHub.Issue issue = h.github.only();
    String all = String.join("\n", issue.timeline());
    assertThat(Pattern.compile(Pattern.quote(EvidenceCollector.LOG_SOURCE_ABSENT)).matcher(all).results().count())
        .as("the absent log source is said exactly once").isEqualTo(1);
    assertThat(issue.comments.getFirst()).contains("- 소스 `opensearch` 없음: " + EvidenceCollector.LOG_SOURCE_ABSENT)
        .doesNotContain("`" + ToolNames.ERROR_SUMMARY + "` 실패", "`" + ToolNames.ANOMALY_DETECTION + "` 실패");
    assertThat(h.gateway.calls()).noneMatch(c -> c.tool().startsWith(ToolNames.Target.OPENSEARCH.prefix()));
    assertThat(logs).doesNotContain(ToolNames.ERROR_SUMMARY, ToolNames.ANOMALY_DETECTION)
        .doesNotContainPattern("(?m)^(WARN|ERROR) .*opensearch");
  }
}
