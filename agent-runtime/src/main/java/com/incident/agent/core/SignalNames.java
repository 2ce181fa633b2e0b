package com.incident.agent.core;

import com.incident.common.incident.RootCauseCategory;
import java.util.Arrays;
import java.util.Optional;

/**
 * A finding's stable signal id ({@code <category>:<subject>}, see {@link RuleBasedAnalyzer#signals}) as a person
 * reads it: {@code node-saturation:ip-10-0-2-47.us-west-2.compute.internal} → "노드 ip-10-0-2-47 자원 포화".
 * An id that is not a known category keeps its text.
 */
public final class SignalNames {
  private SignalNames() {}

  public static String readable(String signal) {
    if (signal == null || signal.isBlank()) {
      return "-";
    }
    int colon = signal.indexOf(':');
    Optional<RootCauseCategory> category = colon < 0 ? Optional.empty() : Arrays.stream(RootCauseCategory.values())
        .filter(c -> c.id().equals(signal.substring(0, colon))).findFirst();
    if (category.isEmpty()) {
      return signal;
    }
    String subject = signal.substring(colon + 1);
    return switch (category.get()) {
      case CPU_STRESS_WORKLOAD -> "부하 생성기 워크로드 " + subject + " 실행 중";
      case BAD_IMAGE_ROLLOUT -> subject + " 잘못된 이미지 배포";
      case SCALED_TO_ZERO -> subject + " 레플리카 0";
      case MEMORY_LEAK_OOM -> subject + " 메모리 부족(OOMKilled)";
      case NODE_SATURATION -> "노드 " + node(subject) + " 자원 포화";
      case APP_ERROR_AFTER_DEPLOY -> subject + " 배포 후 에러 급증";
      case DEPENDENCY_FAILURE -> "의존 서비스 " + subject + " 중단";
      default -> category.get().koreanLabel() + " (" + subject + ")";
    };
  }

  /** An EC2 node name without its DNS suffix: {@code ip-10-0-2-47.us-west-2.compute.internal} → {@code ip-10-0-2-47}. */
  public static String node(String name) {
    if (name == null) {
      return "-";
    }
    int dot = name.indexOf('.');
    return name.startsWith("ip-") && dot > 0 ? name.substring(0, dot) : name;
  }
}
