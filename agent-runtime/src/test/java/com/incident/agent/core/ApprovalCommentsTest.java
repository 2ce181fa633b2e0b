package com.incident.agent.core;

import static com.incident.common.testing.MarkdownChecks.active;
import static com.incident.common.testing.MarkdownChecks.corpus;
import static com.incident.common.testing.MarkdownChecks.structure;
import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.testing.MarkdownChecks.Entry;
import com.incident.common.tool.result.ChaosCleanupResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the plan comment and the replies show, and that nothing from the cluster or a comment can change their shape. */
class ApprovalCommentsTest {
  private static final String BENIGN = "평범한 값 cpu-stress";
  private static final Instant EXPIRES = Instant.parse("2026-11-21T04:16:00Z");

  @Test
  void thePlanShowsTheExpiryInKoreanTimeWithUtc() {
    String plan = ApprovalComments.plan("stress-workload", report(BENIGN), "- 복구 모드: `approval`\n", EXPIRES);

    assertThat(plan).contains("- 승인 기한: 2026-11-21 13:16 KST (2026-11-21 04:16 UTC)",
        "| 1 | `Deployment default/cpu-stress` | 삭제 | Deployment default/cpu-stress, 2 replicas → deleted |",
        "- 계획 해시: `" + "ab".repeat(32) + "`");
  }

  @Test
  void noCorpusEntryInTheClustersTextChangesThePlanOrAddsLinksHtmlOrMentions() {
    String benign = ApprovalComments.plan("stress-workload", report(BENIGN), "", EXPIRES);
    for (Entry e : corpus()) {
      String plan = ApprovalComments.plan("stress-workload", report(e.value()), "", EXPIRES);
      assertThat(structure(plan)).as("%s:\n%s", e, plan).isEqualTo(structure(benign));
      assertThat(active(plan)).as("%s:\n%s", e, plan).isEqualTo(active(benign));
    }
  }

  @Test
  void onlyALoginIsMentionedAndAnythingElseStaysCode() {
    assertThat(ApprovalComments.mention("alice")).isEqualTo("@alice");
    assertThat(ApprovalComments.mention("dependabot[bot]")).isEqualTo("@dependabot[bot]");
    for (Entry e : corpus()) {
      if (ApprovalComments.LOGIN.matcher(e.value()).matches()) {
        continue;
      }
      String reply = ApprovalComments.notAllowed(e.value(), e.value());
      assertThat(active(reply)).as("%s:\n%s", e, reply).isEqualTo(active(ApprovalComments.notAllowed("x y", "read")));
    }
  }

  private static ChaosCleanupResult report(String text) {
    ChaosCleanupResult.Action delete = new ChaosCleanupResult.Action(ChaosScenario.STRESS_WORKLOAD,
        ChaosCleanupResult.ActionType.DELETE, "Deployment", "default", "cpu-stress", ChaosCleanupResult.ActionStatus.DRY_RUN,
        "the call asked for dry_run", "runs `stress-ng --cpu 2` " + text, List.of("cpu-stress-1"),
        "Deployment default/cpu-stress, 2 replicas", "deleted",
        new ChaosCleanupResult.Undo("kubectl apply -f " + text, "kubectl -n default apply -f manifest.yaml", null, null, null,
            Map.of("kind", "Deployment")), null);
    return new ChaosCleanupResult(ChaosCleanupResult.Outcome.DRY_RUN, "dry run", RemediationMode.APPROVAL, true,
        new ChaosCleanupResult.Scope("default", "ui", null, null, "cpu"), List.of("default"), List.of(),
        List.of(ChaosScenario.STRESS_WORKLOAD), 5, List.of(delete), List.of(), "ab".repeat(32));
  }
}
