package com.incident.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.incident.common.incident.AnalysisResult;
import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import com.incident.common.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis the postmortem needs, kept on the incident item at the wire (DynamoDB Local). */
class AnalysisDigestStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:20Z");
  private static final Duration TTL = Duration.ofDays(3650);

  private final DynamoDbLocal local = DynamoDbLocal.shared();
  private final IncidentStore store = new DynamoIncidentStore(local.client(), local.newIncidentTable(),
      new DynamoIncidentStore.Expiry(TTL, TTL, Duration.ofDays(7)));

  @Test
  void theKeptAnalysisReadsBackForTheSessionThatClosesTheIncident() {
    store.openOrJoin("ui-cpu-high", "inc-d1", "s-1", NOW, NOW);
    assertThat(store.analysis("inc-d1")).isEmpty();
    AnalysisResult result = new AnalysisResult("stress-ng 파드가 CPU를 점유했습니다.", "resource-saturation",
        List.of("deployment/ui", "deployment/stress-ng"), List.of("EKS"),
        List.of(new AnalysisResult.ProbableCause("stress-ng 워크로드의 CPU 점유", RootCauseCategory.CPU_STRESS_WORKLOAD, 0.9,
            "같은 노드에서 1950m 사용", List.of())),
        List.of(), List.of("stress-ng 삭제"), List.of("ResourceQuota 적용", "부하 테스트는 별도 네임스페이스에서"),
        new AnalysisResult.Remediation(ChaosScenario.STRESS_WORKLOAD, "확인됨"), "rule-based");

    store.keepAnalysis("inc-d1", AnalysisDigest.of(result), NOW.plusSeconds(30));

    assertThat(store.analysis("inc-d1")).contains(new AnalysisDigest("stress-ng 파드가 CPU를 점유했습니다.",
        "stress-ng 워크로드의 CPU 점유", RootCauseCategory.CPU_STRESS_WORKLOAD,
        List.of("ResourceQuota 적용", "부하 테스트는 별도 네임스페이스에서"), List.of("deployment/ui", "deployment/stress-ng"),
        "rule-based"));
    assertThat(store.incident("inc-d1")).get().extracting(Incident::alarmName).isEqualTo("ui-cpu-high");
  }

  @Test
  void aLaterAnalysisReplacesTheKeptOne() {
    store.openOrJoin("ui-cpu-high", "inc-d2", "s-1", NOW, NOW);
    store.keepAnalysis("inc-d2", new AnalysisDigest("첫 분석", null, null, null, null, "rule-based"), NOW);

    store.keepAnalysis("inc-d2", new AnalysisDigest("재분석", "원인", RootCauseCategory.BAD_IMAGE_ROLLOUT, List.of(), List.of(),
        "bedrock:m"), NOW.plusSeconds(60));

    assertThat(store.analysis("inc-d2")).get().satisfies(d -> {
      assertThat(d.summary()).isEqualTo("재분석");
      assertThat(d.category()).isEqualTo(RootCauseCategory.BAD_IMAGE_ROLLOUT);
    });
    assertThat(store.analysis("inc-unknown")).isEmpty();
  }
}
