package com.incident.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.agent.gateway.Gateway;
import com.incident.agent.gateway.GatewayTool;
import com.incident.agent.gateway.ToolOutcome;
import com.incident.agent.testing.Harness;
import com.incident.common.incident.AlarmDetails;
import com.incident.common.incident.AlarmKind;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RemediationMode;
import com.incident.common.incident.Severity;
import com.incident.common.json.Json;
import com.incident.common.tool.result.ChaosCleanupResult;
import com.incident.common.tool.result.ChaosCleanupResult.ActionStatus;
import com.incident.common.tool.result.ChaosCleanupResult.ActionType;
import com.incident.common.tool.result.ChaosCleanupResult.Verification;
import com.incident.common.tool.result.ChaosCleanupResult.VerificationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Remediator decides from chaos-cleanup's typed report, never from a shape the tool does not send. */
class RemediatorReportTest {
  private static final Instant AT = Instant.parse("2026-11-21T03:15:12Z");
  /** An alarm on a metric no tool serves: only chaos-cleanup's own check of the workload can show recovery. */
  private static final IncidentFacts CATALOG_DOWN = new IncidentFacts(
      new AlarmDetails("catalog-running-pods", null, null, "123456789012", "us-west-2", AlarmKind.METRIC, "ALARM", "OK", null,
          AT, "ContainerInsights", "service_number_of_running_pods",
          Map.of("ClusterName", "retail", "Namespace", "retail-store", "Service", "catalog"), "Average", 60, 1, 1, 1.0,
          "LessThanThreshold", 0.0, List.of(), null),
      IncidentType.SERVICE_DOWN, Severity.CRITICAL, "retail", "retail-store", "catalog", null, null, AT, AT.minusSeconds(3600), AT);

  private final Remediator remediator = new Remediator(Harness.settings(), d -> {});
  private final Deadline deadline = Deadline.in(Clock.systemUTC(), Duration.ofMinutes(5));

  @Test
  void theAlarmedDeploymentSeenAvailableAfterTheRollbackIsRecovery() {
    Remediator.Cleanup cleanup = cleanup(report(ActionStatus.DONE,
        new Verification(VerificationStatus.AVAILABLE, "Deployment available (2/2 available, 2/2 updated)")));

    Remediator.Verification v = remediator.verify(unreachable(), CATALOG_DOWN, cleanup, deadline);

    assertThat(cleanup.changedNothing()).isFalse();
    assertThat(v.recovered()).isTrue();
    assertThat(v.how()).contains("Deployment catalog의 가용 상태를 Kubernetes API로 확인함 (Deployment available (2/2 available, 2/2 updated))");
  }

  @Test
  void aRollbackWhoseVerificationTimedOutIsNotRecovery() {
    Remediator.Cleanup cleanup = cleanup(report(ActionStatus.DONE,
        new Verification(VerificationStatus.TIMED_OUT, "not available yet after the verification window (0/2 available)")));

    assertThat(remediator.verify(unreachable(), CATALOG_DOWN, cleanup, deadline).recovered()).isFalse();
  }

  @Test
  void aDryRunChangedNothing() {
    assertThat(cleanup(report(ActionStatus.DRY_RUN, null)).changedNothing()).isTrue();
  }

  @Test
  void anAnswerWithoutItsReportIsTakenAsHavingChangedNothing() throws Exception {
    JsonNode invented = Json.tree("{\"actions\":[{\"name\":\"catalog\",\"kind\":\"Deployment\",\"status\":\"done\"}]}");

    Remediator.Cleanup cleanup = remediator.cleanup(answering(invented), CATALOG_DOWN, ChaosScenario.BAD_IMAGE, deadline);

    assertThat(cleanup.failed()).isFalse();
    assertThat(cleanup.report()).isNull();
    assertThat(cleanup.changedNothing()).isTrue();
    assertThat(remediator.verify(unreachable(), CATALOG_DOWN, cleanup, deadline).recovered()).isFalse();
  }

  /** The cleanup as Remediator.cleanup builds it from what the tool answered. */
  private Remediator.Cleanup cleanup(ChaosCleanupResult report) {
    return remediator.cleanup(answering(Json.MAPPER.valueToTree(report)), CATALOG_DOWN, ChaosScenario.BAD_IMAGE, deadline);
  }

  private static ChaosCleanupResult report(ActionStatus status, Verification verification) {
    ChaosCleanupResult.Action rollback = new ChaosCleanupResult.Action(ChaosScenario.BAD_IMAGE, ActionType.ROLLBACK, "Deployment",
        "retail-store", "catalog", status, status == ActionStatus.DONE ? null : "the call asked for dry_run",
        "pod catalog-7d9f-x: ImagePullBackOff for catalog:9.9.9-does-not-exist", List.of(),
        "revision 3, image catalog:9.9.9-does-not-exist", "revision 2, image catalog:1.2.1",
        new ChaosCleanupResult.Undo("kubectl -n retail-store rollout undo deployment/catalog --to-revision=3",
            Map.of("catalog", "catalog:9.9.9-does-not-exist"), null, null),
        verification);
    return new ChaosCleanupResult(status == ActionStatus.DONE ? ChaosCleanupResult.Outcome.DONE : ChaosCleanupResult.Outcome.DRY_RUN,
        status == ActionStatus.DONE ? "1 of 1 action(s) done" : "dry run (the call asked for dry_run): 1 action(s) would be taken",
        RemediationMode.AUTO, status != ActionStatus.DONE,
        new ChaosCleanupResult.Scope("retail-store", "catalog", null, null, null), List.of("retail-store"), List.of(),
        List.of(ChaosScenario.BAD_IMAGE), 5, List.of(rollback), List.of(), "0".repeat(64));
  }

  private static Gateway answering(JsonNode structured) {
    return new Gateway() {
      @Override
      public List<GatewayTool> listTools() {
        return List.of();
      }

      @Override
      public ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) {
        return new ToolOutcome("chaos-cleanup answer", structured, false);
      }
    };
  }

  /** The verification must decide from the report alone: no tool serves the alarmed metric. */
  private static Gateway unreachable() {
    return new Gateway() {
      @Override
      public List<GatewayTool> listTools() {
        throw new AssertionError("not expected");
      }

      @Override
      public ToolOutcome call(String toolName, JsonNode arguments, Duration timeout) {
        throw new AssertionError("no tool call expected, got " + toolName);
      }
    };
  }
}
