package com.incident.agent.core;

import com.incident.common.incident.ChaosScenario;
import com.incident.common.incident.RootCauseCategory;
import java.util.List;
import java.util.Map;

/** Per category: the Korean response guide the rule-based analyzer gives, and the chaos fault it maps to. */
public final class Playbook {
  record Entry(List<String> immediate, List<String> longTerm, ChaosScenario scenario) {}

  private static final Map<RootCauseCategory, Entry> ENTRIES = Map.of(
      RootCauseCategory.CPU_STRESS_WORKLOAD, new Entry(
          List.of("CPU를 점유하는 stress 워크로드(Pod/Deployment/Job)를 확인하고 삭제합니다.",
              "영향받은 서비스 Pod의 CPU 스로틀링과 응답 시간이 정상으로 돌아왔는지 확인합니다."),
          List.of("네임스페이스별 ResourceQuota와 LimitRange로 CPU 상한을 강제합니다.",
              "카오스 실험은 승인된 네임스페이스와 시간대에서만 실행되도록 정책(OPA/Kyverno)을 적용합니다."),
          ChaosScenario.STRESS_WORKLOAD),
      RootCauseCategory.BAD_IMAGE_ROLLOUT, new Entry(
          List.of("`kubectl rollout undo`로 직전 정상 리비전으로 롤백합니다.",
              "이미지 태그와 레지스트리 접근 권한(ECR pull 권한)을 확인합니다."),
          List.of("배포 파이프라인에서 이미지 존재 여부를 사전 검증합니다.",
              "progressDeadlineSeconds와 자동 롤백(Argo Rollouts 등)을 설정합니다."),
          ChaosScenario.BAD_IMAGE),
      RootCauseCategory.SCALED_TO_ZERO, new Entry(
          List.of("Deployment 레플리카를 직전 값으로 복원합니다(`kubectl scale`).",
              "복원 후 Service 엔드포인트와 헬스 체크가 정상인지 확인합니다."),
          List.of("레플리카 0 축소를 감지하는 알람과 PodDisruptionBudget을 추가합니다.",
              "수동 스케일 변경은 변경 관리(감사 로그, 승인)를 거치도록 합니다."),
          ChaosScenario.SCALED_TO_ZERO),
      RootCauseCategory.MEMORY_LEAK_OOM, new Entry(
          List.of("OOMKilled/CrashLoopBackOff Pod의 이전 컨테이너 로그(`kubectl logs --previous`)를 확인합니다.",
              "필요하면 메모리 limit을 일시적으로 상향하고 재시작 추이를 지켜봅니다."),
          List.of("힙 덤프와 메모리 프로파일링으로 누수 지점을 찾습니다.",
              "메모리 사용률 추세 알람(예: 80% 이상 15분 지속)을 추가합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.NODE_SATURATION, new Entry(
          List.of("포화된 노드의 상위 Pod를 확인하고 필요하면 cordon/drain으로 부하를 분산합니다.",
              "Cluster Autoscaler/Karpenter가 노드를 추가하고 있는지 확인합니다."),
          List.of("requests/limits를 실제 사용량에 맞게 조정합니다.",
              "노드 그룹 용량 계획과 오토스케일링 한도를 재검토합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.APP_ERROR_AFTER_DEPLOY, new Entry(
          List.of("에러가 집중된 서비스의 최근 배포 내역을 확인하고 필요하면 롤백합니다.",
              "대표 에러 메시지와 스택 트레이스를 확인합니다."),
          List.of("카나리 배포와 에러율 기반 자동 롤백을 도입합니다.",
              "배포 전 통합 테스트 범위를 보강합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.DEPENDENCY_FAILURE, new Entry(
          List.of("타임아웃/연결 거부가 발생하는 하위 의존 서비스(DB, 외부 API)의 상태를 확인합니다.",
              "필요하면 서킷 브레이커를 열거나 트래픽을 우회합니다."),
          List.of("의존 서비스 호출에 타임아웃, 재시도, 서킷 브레이커를 일관되게 적용합니다.",
              "의존 서비스별 SLO와 알람을 정의합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.CONFIG_ERROR, new Entry(
          List.of("최근 변경된 ConfigMap/Secret/환경 변수를 확인하고 직전 값으로 되돌립니다."),
          List.of("설정 변경도 코드처럼 리뷰와 검증(스키마 검사)을 거치도록 합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.TRAFFIC_SURGE, new Entry(
          List.of("HPA가 최대 레플리카에 도달했는지 확인하고 필요하면 상향합니다.",
              "비정상 트래픽이면 WAF/레이트 리밋으로 차단합니다."),
          List.of("부하 테스트로 용량 한계를 측정하고 오토스케일링 기준을 조정합니다."),
          ChaosScenario.NONE),
      RootCauseCategory.UNKNOWN, new Entry(
          List.of("알람 메트릭과 관련 Pod/노드 상태를 수동으로 확인합니다(`kubectl get pods -A`, `kubectl top`).",
              "수집되지 않은 증거(증거 공백)를 직접 조회합니다."),
          List.of("원인 분석에 필요한 메트릭/로그 수집 범위를 보강합니다."),
          ChaosScenario.NONE));

  private Playbook() {}

  public static List<String> immediate(RootCauseCategory c) {
    return ENTRIES.get(c).immediate();
  }

  public static List<String> longTerm(RootCauseCategory c) {
    return ENTRIES.get(c).longTerm();
  }

  public static ChaosScenario scenario(RootCauseCategory c) {
    return ENTRIES.get(c).scenario();
  }
}
