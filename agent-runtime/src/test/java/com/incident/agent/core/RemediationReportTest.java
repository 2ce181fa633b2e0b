package com.incident.agent.core;

import static com.incident.agent.testing.IssueAssertions.assertKoreanParagraphs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.incident.Severity;
import com.incident.common.testing.MarkdownChecks;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Outcome;
import com.incident.common.tool.result.ChaosCleanupResult.Undo;
import com.incident.common.tool.result.ChaosCleanupResult.Verification;
import com.incident.common.tool.result.ChaosCleanupResult.VerificationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediationReportTest {
  private static final Instant AT = Instant.parse("2026-11-21T03:15:12Z");
  private static final IncidentFacts FACTS = new IncidentFacts(
      new AlarmDetails("ui-cpu-high", null, null, "123456789012", "us-west-2", AlarmKind.METRIC, "ALARM", "OK", null,
          AT, "ContainerInsights", "pod_cpu_utilization",
          Map.of("ClusterName", "retail", "Namespace", "default", "PodName", "ui"), "Average", 60, 1, 1, 80.0,
          "GreaterThanThreshold", 92.4, List.of(), null),
      IncidentType.RESOURCE_SATURATION, Severity.HIGH, "retail", "default", "ui", null, null, AT, AT.minusSeconds(3600), AT);

  private final RemediationReport report = new RemediationReport(RemediationMode.AUTO);

  @Test
  void aRollbackShowsTheObjectTheChangeTheVerificationAndTheRolloutUndoCommandVisiblyInKorean() {
    Undo undo = new Undo("roll back to revision 7", "kubectl -n default rollout undo deployment/orders --to-revision=7", 7L,
        Map.of("orders", "orders:9.9.9-missing"), null, null);
    Remediator.Cleanup cleanup = cleanup(action(ActionType.ROLLBACK, "orders",
        "revision 7 images {orders=orders:9.9.9-missing}", "pod template of revision 6 images {orders=orders:1.4.0}", undo,
        new Verification(VerificationStatus.AVAILABLE, "Deployment available (2/2 available, 2/2 updated)")));
    String md = report.applied(FACTS, ChaosScenario.BAD_IMAGE, cleanup);

    assertKoreanParagraphs(md);
    assertThat(md).contains("### 1. 이전 리비전으로 롤백: Deployment `default/orders`",
        "| 변경 전 → 후 | `revision 7 images {orders=orders:9.9.9-missing}` → `pod template of revision 6 images {orders=orders:1.4.0}` |",
        "| 검증 | ✅ 모든 복제본이 가용 상태로 돌아옴 (`Deployment available (2/2 available, 2/2 updated)`) |",
        "아래 명령을 실행하면 조치 전 상태인 리비전 7번으로 돌아갑니다.",
        "이미지를 받지 못하던 배포(`bad-image`)를 이전 리비전으로 롤백했습니다.")
        .doesNotContain("시나리오를 복구했습니다");
    assertThat(MarkdownChecks.fencedBlocks(md, "sh")).containsExactly("kubectl -n default rollout undo deployment/orders --to-revision=7\n");
    assertThat(md.indexOf("rollout undo")).as("visible, before the collapsed raw output").isLessThan(md.indexOf("<details>"));
    assertThat(RemediationReport.changes(cleanup)).as("for the postmortem").isEqualTo("Deployment default/orders 이전 리비전으로 롤백");
  }

  @Test
  void aScaleShowsTheScaleCommandBackToThePreviousReplicas() {
    Undo undo = new Undo("scale back to the 0 replicas it had", "kubectl -n default scale deployment/carts --replicas=0", null,
        null, 0, null);
    String md = report.applied(FACTS, ChaosScenario.SCALED_TO_ZERO, cleanup(action(ActionType.SCALE, "carts", "replicas 0",
        "replicas 2 (from its kubectl.kubernetes.io/last-applied-configuration)", undo,
        new Verification(VerificationStatus.AVAILABLE, "Deployment available (2/2 available, 2/2 updated)"))));

    assertKoreanParagraphs(md);
    assertThat(md).contains("### 1. 복제본 수 복원: Deployment `default/carts`", "조치 전 복제본 수 0개로 돌아갑니다.");
    assertThat(MarkdownChecks.fencedBlocks(md, "sh")).containsExactly("kubectl -n default scale deployment/carts --replicas=0\n");
  }

  @Test
  void aDeletionPutsTheRedactedManifestAsYamlInACollapsedBlockUnderAVisibleInstruction() throws Exception {
    Map<String, Object> manifest = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "metadata", Map.of("name", "cpu-stress", "namespace", "default", "annotations", Map.of("revision", "2")),
        "spec", Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "stress",
            "image", "ghcr.io/colinianking/stress-ng:0.17.08", "args", List.of("--cpu", "2", "--key=AKIAIOSFODNN7EXAMPLE"),
            "env", List.of(Map.of("name", "API_TOKEN", "value", "s3cr3t-from-a-tool-that-forgot"),
                Map.of("name", "MODE", "value", "cpu"))))))));
    Undo undo = new Undo("re-create the deleted Deployment", "kubectl -n default apply -f manifest.yaml", null, null, null, manifest);
    String md = report.applied(FACTS, ChaosScenario.STRESS_WORKLOAD, cleanup(action(ActionType.DELETE, "cpu-stress",
        "2 stress pod(s) running", "Deployment deleted; its pods terminate", undo,
        new Verification(VerificationStatus.PODS_GONE, "pods gone (2/2)"))));

    assertKoreanParagraphs(md);
    String instruction = "아래 매니페스트를 `manifest.yaml`로 저장한 뒤 `kubectl -n default apply -f manifest.yaml`로 되돌릴 수 있습니다.";
    int details = md.indexOf("<details>\n<summary>삭제한 객체의 매니페스트 (manifest.yaml)</summary>");
    assertThat(md.indexOf(instruction)).isPositive().isLessThan(details);
    assertThat(md).contains("| 검증 | ✅ 부하 파드가 모두 종료됨 (`pods gone (2/2)`) |");
    List<String> yaml = MarkdownChecks.fencedBlocks(md, "yaml");
    assertThat(yaml).singleElement().satisfies(y -> {
      assertThat(md.indexOf(y)).isGreaterThan(details).isLessThan(md.indexOf("</details>", details));
      assertThat(y).doesNotContain("s3cr3t", "AKIAIOSFODNN7EXAMPLE").startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n");
    });
    @SuppressWarnings("unchecked")
    Map<String, Object> back = new YAMLMapper().readValue(yaml.getFirst(), Map.class);
    assertThat(back).containsEntry("kind", "Deployment");
    assertThat(back.toString()).contains("replicas=2", "revision=2");
    assertThat(back).extracting("spec").extracting("template").extracting("spec").extracting("containers")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).singleElement().extracting("env")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrder(Map.of("name", "API_TOKEN", "value", "[REDACTED]"), Map.of("name", "MODE", "value", "cpu"));
    assertThat(((Map<?, ?>) ((Map<?, ?>) back.get("metadata")).get("annotations")).get("revision"))
        .as("a string that looks like a number stays a string").isEqualTo("2");
  }

  @Test
  void aDryRunListsWhatWouldBeDoneAndOffersNothingToUndo() {
    Undo undo = new Undo("re-create", "kubectl -n default apply -f manifest.yaml", null, null, null, Map.of("kind", "Deployment"));
    ChaosCleanupResult.Action a = new ChaosCleanupResult.Action(ChaosScenario.STRESS_WORKLOAD, ActionType.DELETE, "Deployment",
        "default", "cpu-stress", ActionStatus.DRY_RUN, "REMEDIATION_MODE is dry-run", "stress-ng --cpu 2", List.of("cpu-stress-1"),
        "2 stress pod(s) running", "Deployment deleted; its pods terminate", undo, null);

    String md = new RemediationReport(RemediationMode.DRY_RUN).dryRun(FACTS, ChaosScenario.STRESS_WORKLOAD,
        new Remediator.Cleanup(false, true, "dry run", result(Outcome.DRY_RUN, a)));

    assertKoreanParagraphs(md);
    assertThat(md).contains("점검만 함 (dry-run): `REMEDIATION_MODE is dry-run`", "실행하지 않아 검증하지 않음", "클러스터는 변경하지 않았습니다")
        .doesNotContain("되돌리는 방법", "manifest.yaml");
  }

  @Test
  void aFailedCleanupAndACleanNamespaceSaySoInKorean() {
    String failed = report.applied(FACTS, ChaosScenario.STRESS_WORKLOAD, new Remediator.Cleanup(true, false, "gateway down"));
    String clean = report.applied(FACTS, ChaosScenario.STRESS_WORKLOAD, new Remediator.Cleanup(false, true,
        "chaos-cleanup clean: no chaos fault related to the incident found", result(Outcome.CLEAN)));

    assertKoreanParagraphs(failed);
    assertKoreanParagraphs(clean);
    assertThat(failed).contains("부하 생성기(`stress-workload`) 제거를 시도했지만 실패했습니다.").doesNotContain("되돌리는 방법");
    assertThat(clean).contains("대상을 찾지 못해 클러스터를 변경하지 않았습니다").doesNotContain("### 1.");
  }

  /** A report whose every string is {@code v}: for the Markdown injection test. */
  static ChaosCleanupResult hostile(String v) {
    ChaosCleanupResult.Action a = new ChaosCleanupResult.Action(ChaosScenario.STRESS_WORKLOAD, ActionType.DELETE, v, v, v,
        ActionStatus.DONE, null, v, List.of(v), v, v, new Undo(v, v, null, Map.of(v, v), null,
        Map.of("kind", v, "metadata", Map.of("name", v))), new Verification(VerificationStatus.PODS_GONE, v));
    return new ChaosCleanupResult(Outcome.DONE, v, RemediationMode.AUTO, false,
        new ChaosCleanupResult.Scope(v, v, null, null, null), List.of(v), List.of(), List.of(ChaosScenario.STRESS_WORKLOAD), 3,
        List.of(a), List.of(new ChaosCleanupResult.LeftAlone(ChaosScenario.STRESS_WORKLOAD, v, v, v, v, true)), v);
  }

  private static ChaosCleanupResult.Action action(ActionType type, String name, String before, String after, Undo undo,
      Verification verification) {
    ChaosScenario scenario = switch (type) {
      case DELETE -> ChaosScenario.STRESS_WORKLOAD;
      case ROLLBACK -> ChaosScenario.BAD_IMAGE;
      case SCALE -> ChaosScenario.SCALED_TO_ZERO;
    };
    return new ChaosCleanupResult.Action(scenario, type, "Deployment", "default", name, ActionStatus.DONE, null,
        "what the object showed", List.of(), before, after, undo, verification);
  }

  private static Remediator.Cleanup cleanup(ChaosCleanupResult.Action a) {
    return new Remediator.Cleanup(false, false, "chaos-cleanup done: 1 of 1 action(s) done", result(Outcome.DONE, a));
  }

  private static ChaosCleanupResult result(Outcome outcome, ChaosCleanupResult.Action... actions) {
    return new ChaosCleanupResult(outcome, "m", RemediationMode.AUTO, outcome == Outcome.DRY_RUN,
        new ChaosCleanupResult.Scope("default", "ui", null, null, "cpu"), List.of("default"), List.of(),
        List.of(ChaosScenario.STRESS_WORKLOAD), 3, List.of(actions), List.of(), "0".repeat(64));
  }
}
