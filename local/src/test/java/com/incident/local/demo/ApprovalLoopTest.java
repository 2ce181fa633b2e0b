package com.incident.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.RemediationMode;
import com.incident.local.sandbox.Sandbox;
import com.incident.local.sandbox.SandboxCluster;
import com.incident.local.scenario.Scenario;
import com.incident.local.scenario.ScenarioLoader;
import com.incident.store.IncidentStatus;
import com.incident.tools.github.fake.FakeGitHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REMEDIATION_MODE approval end to end in the sandbox: the analysis posts a plan, a person's {@code /approve} comes
 * back as a signed GitHub webhook delivery through the webhook's Function URL, and the agent acts on it only for a
 * login GitHub says may write.
 */
class ApprovalLoopTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  private static final Sandbox.Options APPROVAL = new Sandbox.Options(Sandbox.ModelMode.OFFLINE, 0, 0, 0, null, false,
      RemediationMode.APPROVAL);

  @Test
  void anApproveFromAWriterRunsThePlanVerifiesAndClosesTheIssue() {
    Demo.Run run = Demo.run(ScenarioLoader.bundled("cpu-spike"), APPROVAL, "alice", QUIET);

    ApprovalLoop approval = run.approval().orElseThrow();
    assertThat(approval.status()).isEqualTo(202);
    assertThat(approval.outcome()).isEqualTo("forwarded");
    assertThat(approval.toRemediationCommentMs()).as(approval.summary()).isNotNull();
    DemoResult result = run.result();
    assertThat(result.applied()).extracting(DemoResult.Action::scenario).containsExactly("stress-workload");
    assertThat(result.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.state()).isEqualTo("closed");
      assertThat(issue.comments()).anySatisfy(c -> assertThat(c).startsWith("## 🙋 복구 승인 요청"))
          .anySatisfy(c -> assertThat(c).contains("- 승인: @alice"));
    });
    assertThat(result.unmet()).isEmpty();
  }

  @Test
  void anApproveFromSomeoneWithoutWriteAccessGetsAPoliteReplyAndTheClusterStaysAsItWas() {
    Scenario scenario = ScenarioLoader.bundled("cpu-spike");
    try (Sandbox sandbox = Sandbox.start(scenario, APPROVAL, QUIET)) {
      sandbox.deliver(scenario.notifications().getFirst(), Demo.SESSION_TIMEOUT);
      SandboxCluster.State before = sandbox.cluster().state();

      ApprovalLoop approval = ApprovalLoop.approveWaiting(sandbox, "mallory", false, Demo.SESSION_TIMEOUT).orElseThrow();

      assertThat(approval.outcome()).isEqualTo("forwarded");
      assertThat(approval.reply()).isEqualTo("## 🙅 승인할 수 없습니다");
      assertThat(approval.toRemediationCommentMs()).isNull();
      assertThat(before.changedIn(sandbox.cluster().state())).isEmpty();
      FakeGitHub.Issue issue = sandbox.github().issues().getFirst();
      assertThat(issue.state).isEqualTo("open");
      assertThat(sandbox.incidentOfIssue(issue.number)).hasValueSatisfying(
          i -> assertThat(i.status()).isEqualTo(IncidentStatus.AWAITING_APPROVAL));
      List<FakeGitHub.Comment> comments = sandbox.github().comments(issue.number);
      assertThat(comments.getLast().body()).contains("@mallory");
    }
  }
}
